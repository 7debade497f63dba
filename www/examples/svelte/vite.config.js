// The Svelte compiler plugin is Svelte's own; anon-modal itself needs no plugin.
import { svelte } from "@sveltejs/vite-plugin-svelte";
export default { plugins: [svelte()] };
