// Runs in the benchmark page (bench/speed.mjs). Embed call: one embed, timed, then destroyed.
// Per-message cost: dispatchEvent of one pre-built MessageEvent N times, minus the same with no
// listener. Rounds interleave the implementations; medians. `url` is the modal's (another site).
import { init, embedAnonModal } from "/pkg/index.js";
import { embedFloor } from "/bench/floor.js";

const N = 10_000;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let modalUrl, modalOrigin;
function setModal(url) {
  modalUrl = url;
  modalOrigin = new URL(url).origin;
}
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
// Every implementation's callback counts what it was handed, so a run whose "accepted"
// messages were dropped (or whose foreign ones got through) fails instead of looking fast.
const delivered = { floor: 0, ours: 0, wasmFloor: 0 };
const count = (name) => () => { delivered[name]++; };
function expectDelivered(name, before, expected, what) {
  const got = delivered[name] - before;
  if (got !== expected) throw new Error(`${name}: ${what} messages delivered ${got} events, expected ${expected}`);
}

const loaded = (iframe) => new Promise((resolve) => {
  iframe.addEventListener("load", resolve, { once: true });
  setTimeout(resolve, 5000);
});

function timeDispatch(event) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) window.dispatchEvent(event);
  return ((performance.now() - t0) * 1e6) / N; // ns per message
}

function messages(win) {
  const data = { source: "anon_modal", event: { id: "evt_1", object: "event", created: "2023-11-09T12:00:00.000Z", type: "migration_modal.opened", data: { user_id: "u_1", migration_id: "mig_1" } } };
  return {
    foreign: new MessageEvent("message", { data, origin: modalOrigin, source: window }),
    accepted: new MessageEvent("message", { data, origin: modalOrigin, source: win }),
  };
}

const IMPLS = {
  floor: {
    embed: () => embedFloor(modalUrl, { onEvent: count("floor") }),
  },
  ours: {
    embed: () => {
      // Default options, as a user calls it: https, the URL's own origin, the ready timer.
      return embedAnonModal(modalUrl, { onEvent: count("ours") });
    },
  },
  // bench/floor.js in Rust (bench/wasm-floor), loaded by runWasmFloor.
  wasmFloor: {
    embed: () => {
      const m = wasmFloor.embedAnonModal(modalUrl, { onEvent: count("wasmFloor") });
      return { iframe: m.iframe, destroy: () => { m.destroy(); m.free(); } };
    },
  },
};
let wasmFloor;

export async function runMain(url, rounds, embedRounds) {
  setModal(url);
  await init();
  const out = await compare(["floor", "ours"], rounds, embedRounds);
  out.hostile = await hostileFlood();
  return out;
}

/** The floor in Rust against the JS floor, on a page of its own (it is not anon-modal). */
export async function runWasmFloor(url, rounds, embedRounds) {
  setModal(url);
  wasmFloor = await import("/bench/wasm-floor/pkg/anon_modal.js");
  await wasmFloor.default();
  return compare(["floor", "wasmFloor"], rounds, embedRounds);
}

async function compare([a, b], rounds, embedRounds) {
  const out = { bare: [], [a]: { foreign: [], accepted: [], embed: [] }, [b]: { foreign: [], accepted: [], embed: [] } };
  const blank = messages(window);
  for (let i = 0; i < 3; i++) timeDispatch(blank.accepted); // warm up
  // Embed calls first, in a phase of their own: a message batch's garbage would otherwise be
  // collected during the next embed and counted against it.
  for (let r = 0; r < embedRounds; r++) {
    for (const name of r % 2 ? [a, b] : [b, a]) {
      const t0 = performance.now();
      const m = IMPLS[name].embed();
      out[name].embed.push(performance.now() - t0);
      m.destroy();
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  for (let r = 0; r < rounds; r++) {
    out.bare.push(timeDispatch(blank.accepted));
    const order = r % 2 ? [a, b] : [b, a];
    for (const name of order) {
      const m = IMPLS[name].embed();
      // The modal's page loaded (in a process of its own) before the clock runs.
      await loaded(m.iframe);
      const ev = messages(m.iframe.contentWindow);
      let before = delivered[name];
      out[name].foreign.push(timeDispatch(ev.foreign));
      expectDelivered(name, before, 0, "foreign-source");
      before = delivered[name];
      out[name].accepted.push(timeDispatch(ev.accepted));
      expectDelivered(name, before, N, "accepted");
      m.destroy();
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  const bare = median(out.bare);
  const summary = { bare_ns: bare, embed_ratio_median: median(out[b].embed.map((t, i) => t / out[a].embed[i])) };
  for (const name of [a, b]) {
    summary[name] = {
      foreign_extra_ns: median(out[name].foreign) - bare,
      accepted_extra_ns: median(out[name].accepted) - bare,
      embed_ms: median(out[name].embed),
      embed_p10_ms: quantile(out[name].embed, 0.1),
      embed_p90_ms: quantile(out[name].embed, 0.9),
    };
  }
  return summary;
}

// 10 000 posted hostile messages (from the page itself: wrong source) while a modal is mounted:
// how long until the page handled them all and a timer set before them fires.
async function hostileFlood() {
  const results = {};
  for (const name of ["floor", "ours"]) {
    const m = IMPLS[name].embed();
    await loaded(m.iframe);
    const t0 = performance.now();
    await new Promise((resolve) => {
      let count = 0;
      const counter = () => { if (++count === 10_000) { window.removeEventListener("message", counter); resolve(); } };
      window.addEventListener("message", counter);
      for (let i = 0; i < 10_000; i++) window.postMessage({ source: "anon_modal", event: { type: "migration_modal.completed" } }, "*");
    });
    results[`${name}_10k_posted_ms`] = performance.now() - t0;
    m.destroy();
  }
  return results;
}

// Anon's own SDK: its listener is never removed, so it runs on a page of its own.
export async function runAnon(url, rounds) {
  setModal(url);
  const { startModal } = await import("/bench/node_modules/@anon-dot-com/frontend/dist/index.js");
  const out = { bare: [], foreign: [], accepted: [], embed: [] };
  const blank = messages(window);
  for (let i = 0; i < 3; i++) timeDispatch(blank.accepted);
  for (let r = 0; r < rounds; r++) out.bare.push(timeDispatch(blank.accepted));
  const t0 = performance.now();
  await startModal({ userId: "u_1", linkToken: "lt", baseURL: location.origin, onEvent: () => {} });
  out.embed.push(performance.now() - t0);
  const win = document.getElementById("anon-iframe").contentWindow;
  const ev = messages(win);
  for (let r = 0; r < rounds; r++) {
    out.foreign.push(timeDispatch(ev.foreign));
    out.accepted.push(timeDispatch(ev.accepted));
  }
  const bare = median(out.bare);
  return { bare_ns: bare, foreign_extra_ns: median(out.foreign) - bare, accepted_extra_ns: median(out.accepted) - bare, embed_ms_with_two_fetches: out.embed[0] };
}
