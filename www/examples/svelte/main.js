import { mount } from "svelte";
import App from "./App.svelte";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
mount(App, { target: document.getElementById("app") });
