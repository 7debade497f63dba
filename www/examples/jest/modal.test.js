// A React component test in a CommonJS project under Jest and jsdom: the real wasm and the
// real guard, through anon-modal/react.
const React = require("react");
const { createRoot } = require("react-dom/client");
const { useAnonModal } = require("anon-modal/react");

globalThis.IS_REACT_ACT_ENVIRONMENT = true;

function ImportButton({ create, onCompleted, onReject }) {
  const { open, pending } = useAnonModal({ onCompleted, onReject });
  return React.createElement("button", { disabled: pending, onClick: () => open(create) }, "Import data");
}

const post = (data, origin, source) =>
  React.act(() => window.dispatchEvent(new MessageEvent("message", { data, origin, source })));

test("a click mounts the modal, which hears only its own window and origin, and unmounting removes it", async () => {
  const create = jest.fn(async () => ({ url: "https://modal.anon.com/x" }));
  const onCompleted = jest.fn();
  const onReject = jest.fn();
  const root = createRoot(document.body.appendChild(document.createElement("div")));
  await React.act(() => root.render(React.createElement(ImportButton, { create, onCompleted, onReject })));

  await React.act(async () => {
    document.querySelector("button").click();
    while (!document.querySelector("iframe")) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  const iframe = document.querySelector("iframe");
  expect(iframe.src).toBe("https://modal.anon.com/x");
  expect(create).toHaveBeenCalledTimes(1);

  const completed = { source: "anon_modal", event: { id: "evt_1", object: "event", type: "migration_modal.completed", data: { user_id: "user_1", migration_id: "mig_1" } } };
  await post(completed, "https://evil.example", iframe.contentWindow);
  await post(completed, "https://modal.anon.com", window);
  expect(onReject.mock.calls.map(([reason]) => reason)).toEqual(["ORIGIN", "SOURCE"]);
  expect(onCompleted).not.toHaveBeenCalled();
  await post(completed, "https://modal.anon.com", iframe.contentWindow);
  expect(onCompleted).toHaveBeenCalledTimes(1);
  expect(onCompleted.mock.calls[0][0]).toMatchObject({ type: "migration_modal.completed", data: { migration_id: "mig_1" } });

  await React.act(() => root.unmount());
  expect(document.querySelector("iframe")).toBeNull();
});

test("a component unmounted while its server call is on its way: the next one's open takes the call over, and its own callbacks hear the modal", async () => {
  let answerFirst;
  const first = { create: jest.fn(() => new Promise((resolve) => (answerFirst = resolve))), onCompleted: jest.fn() };
  const second = { create: jest.fn(async () => ({ url: "https://modal.anon.com/second" })), onCompleted: jest.fn() };
  const mountAndClick = async ({ create, onCompleted }) => {
    const container = document.body.appendChild(document.createElement("div"));
    const root = createRoot(container);
    await React.act(() => root.render(React.createElement(ImportButton, { create, onCompleted })));
    await React.act(() => container.querySelector("button").click());
    return root;
  };
  const firstRoot = await mountAndClick(first);
  await React.act(() => firstRoot.unmount());
  const secondRoot = await mountAndClick(second);
  await React.act(async () => {
    answerFirst({ url: "https://modal.anon.com/first" });
    while (!document.querySelector("iframe")) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  // One server call for the two opens (as a double click, or StrictMode's effect run twice).
  expect(second.create).not.toHaveBeenCalled();
  const iframe = document.querySelector("iframe");
  expect(document.querySelectorAll("iframe")).toHaveLength(1);
  const completed = { source: "anon_modal", event: { type: "migration_modal.completed", data: { migration_id: "mig_2" } } };
  await post(completed, "https://modal.anon.com", iframe.contentWindow);
  expect(second.onCompleted).toHaveBeenCalledTimes(1);
  expect(first.onCompleted).not.toHaveBeenCalled();
  await React.act(() => secondRoot.unmount());
  expect(document.querySelector("iframe")).toBeNull();
});
