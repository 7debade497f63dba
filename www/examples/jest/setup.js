// jest-environment-jsdom has no TextDecoder or TextEncoder, which the package's glue makes as
// it loads; and jsdom cannot fetch the wasm, so init() gets its bytes once, for every test.
const { TextDecoder, TextEncoder } = require("node:util");
Object.assign(globalThis, { TextDecoder, TextEncoder });
const { init } = require("anon-modal");
beforeAll(() => init(require("node:fs").readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm"))));
