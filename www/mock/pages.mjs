// The mock platform's HTML pages. Values are escaped; the modal's script reads its context
// from a JSON block, never from string concatenation into code.
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// What each page's head starts with. An empty icon (`data:,`): otherwise the browser asks for
// /favicon.ico, and its 404 is the one error a developer would find in the console.
const HEAD = `<meta charset="utf-8"><title>Anon (mock)</title><link rel="icon" href="data:,">`;
const jsonBlock = (value) => JSON.stringify(value).replace(/</g, "\\u003c");

const STYLE = `
  :root { font-family: system-ui, sans-serif; color-scheme: light; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: rgba(15, 23, 42, .55); }
  .card { background: #fff; width: min(420px, 92vw); box-sizing: border-box; border: 1px solid transparent; border-radius: 14px; padding: 28px; box-shadow: 0 20px 50px rgba(0,0,0,.3); position: relative; }
  h1 { font-size: 20px; margin: 0 0 6px; } p { color: #475569; margin: 0 0 18px; }
  button { font: inherit; border: 0; border-radius: 8px; padding: 10px 14px; cursor: pointer; }
  .primary { background: #4f46e5; color: #fff; width: 100%; margin-top: 8px; }
  .ghost { background: #f1f5f9; color: #0f172a; width: 100%; margin-top: 8px; }
  .close { position: absolute; top: 12px; right: 12px; background: none; font-size: 20px; color: #64748b; padding: 4px 8px; }
  label { display: block; font-size: 13px; color: #334155; margin: 10px 0 4px; }
  input, select { width: 100%; box-sizing: border-box; padding: 9px; border: 1px solid #cbd5e1; border-radius: 8px; font: inherit; }
  .bar { height: 8px; background: #e2e8f0; border-radius: 4px; overflow: hidden; } .bar div { height: 100%; width: 0; background: #4f46e5; transition: width .25s; }
  .brand { font-weight: 700; color: #4f46e5; font-size: 13px; letter-spacing: .08em; text-transform: uppercase; margin-bottom: 12px; }
  @media (prefers-reduced-motion: reduce) { .bar div { transition: none; } }
  [hidden] { display: none !important; }`;

export function renderModalPage({ migrationId, userId, provider, targetOrigin, providers }) {
  // Without a provider the modal asks for one, as Anon's does.
  const choices = (provider ? [provider] : providers).map((p) => `<option>${escape(p)}</option>`).join("");

  // What every event's `data` holds, as Anon's modal documents its messages.
  const context = { user_id: userId, migration_id: migrationId };
  return `<!doctype html><html lang="en"><head>${HEAD}
<style>${STYLE}</style></head><body>
<div class="card" role="dialog" aria-labelledby="title">
  <button class="close" id="close" aria-label="Close">×</button>
  <div class="brand">Anon · mock platform</div>
  <section id="step-provider">
    <h1 id="title">Bring your data over</h1>
    <p>Connect your account and we will copy your data.</p>
    <label for="provider">Source</label>
    <select id="provider">${choices}</select>
    <button class="primary" id="continue">Continue</button>
  </section>
  <section id="step-login" hidden>
    <h1>Log in to <span class="chosen"></span></h1>
    <p>This is a mock: any e-mail and password work.</p>
    <label for="email">E-mail</label><input id="email" type="email" value="ada@example.com">
    <label for="password">Password</label><input id="password" type="password" value="hunter2">
    <button class="primary" id="login">Log in</button>
    <button class="ghost" id="partial">Simulate a failed task</button>
    <button class="ghost" id="fail">Simulate a failure</button>
  </section>
  <section id="step-progress" hidden>
    <h1>Connecting…</h1><p>Checking access to your data at <span class="chosen"></span>.</p>
    <div class="bar"><div id="bar"></div></div>
  </section>
  <section id="step-done" hidden>
    <h1 id="done-title">All set</h1><p id="done-text">Your migration has started. You can close this window.</p>
    <button class="primary" id="finish">Done</button>
  </section>
</div>
<script type="application/json" id="context">${jsonBlock({ context, targetOrigin })}</script>
<script>
  const { context, targetOrigin } = JSON.parse(document.getElementById("context").textContent);
  // Anon's event: {id, object: "event", created, type, data: {user_id, migration_id, ...}}.
  const post = (type, data = {}) => {
    const event = { id: "evt_" + Date.now().toString(36) + Math.random().toString(36).slice(2), object: "event", created: new Date().toISOString(), type, data: { ...context, ...data } };
    parent.postMessage({ source: "anon_modal", event }, targetOrigin);
  };
  // Anon's step events: a step displayed ("started"), submitted by the user, then processed
  // ("completed", or "failed" with a message), each naming it in modal_step.
  let step;
  const stepEvent = (type, data) => post("migration_modal_step." + type, { modal_step: step, ...data });
  const startStep = (name) => {
    step = name;
    stepEvent("started");
  };
  const internal = (type) => parent.postMessage({ source: "anon_modal", event: { type, internal: true } }, targetOrigin);
  const show = (id) => document.querySelectorAll("section").forEach((s) => (s.hidden = s.id !== id));
  const finish = (outcome) => fetch(location.pathname + "/finish", { method: "POST", body: JSON.stringify({ outcome }) });
  // Anon's closed is a user leaving before the migration starts; once it has started (or
  // failed), the modal goes away as Anon's SDK hides it: an internal hide.
  let ended = false;
  const leave = () => (ended ? internal("migration_modal.hide") : post("migration_modal.closed", { modal_step: step }));
  document.getElementById("close").onclick = leave;
  document.getElementById("finish").onclick = leave;
  document.getElementById("continue").onclick = () => {
    // The provider chosen, as the modal's later steps name it.
    for (const name of document.querySelectorAll(".chosen")) name.textContent = document.getElementById("provider").value;
    stepEvent("submitted");
    stepEvent("completed");
    show("step-login");
    startStep("login");
  };
  const run = (outcome) => {
    stepEvent("submitted");
    // A provider login would open a pop-up: the modal steps aside meanwhile.
    internal("migration_modal.hide");
    setTimeout(() => {
      internal("migration_modal.show");
      show("step-progress");
      let pct = 0;
      const timer = setInterval(() => {
        pct += 25;
        document.getElementById("bar").style.width = pct + "%";
        if (pct >= 100) {
          clearInterval(timer);
          finish(outcome).then(() => {
            stepEvent("completed");
            show("step-done");
            startStep("done");
            ended = true;
            post("migration_modal.completed");
          });
        }
      }, 120);
    }, 300);
  };
  document.getElementById("login").onclick = () => run("complete");
  document.getElementById("partial").onclick = () => run("partial");
  document.getElementById("fail").onclick = () => {
    stepEvent("submitted");
    finish("fail").then(() => {
      document.getElementById("done-title").textContent = "Something went wrong";
      document.getElementById("done-text").textContent = "We could not access your data. Please try again later.";
      show("step-done");
      const error_message = "The source provider revoked the token.";
      stepEvent("failed", { error_message });
      ended = true;
      post("migration_modal.failed", { modal_step: step, error_message });
    });
  };
  internal("migration_modal.show");
  post("migration_modal.opened");
  startStep("select_provider");
</script></body></html>`;
}

export function renderErrorPage(title, message) {
  return `<!doctype html><html lang="en"><head>${HEAD}<style>${STYLE}</style></head>
<body><div class="card"><div class="brand">Anon · mock platform</div><h1>${escape(title)}</h1><p>${escape(message)}</p></div></body></html>`;
}

/** A page that tries to pass for the modal: it posts perfect-looking messages to its parent. */
export function renderHostilePage() {
  return `<!doctype html><html><head><meta charset="utf-8"><title>hostile</title></head><body>hostile frame
<script>
  const forge = (type) => parent.postMessage({ source: "anon_modal", event: { id: "evt_forged", object: "event", type, data: { migration_id: "mig_forged", user_id: "attacker" } } }, "*");
  for (const type of ["migration_modal.opened", "migration_modal.completed", "migration_modal.closed"]) forge(type);
  parent.postMessage({ source: "anon_modal", event: { type: "migration_modal.hide", internal: true } }, "*");
</script></body></html>`;
}
