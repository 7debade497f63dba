#!/usr/bin/env node
// `npx anon-modal-mock [--port N] [--app-origin ORIGIN]... [--webhook-url URL]`: a local Anon
// platform for any app. Prints the base URL, API key and webhook secret to give the app.
import { startMock, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET, parseOrigin } from "./server.mjs";

export { startMock, svixSignature, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from "./server.mjs";

const USAGE = `Usage: anon-modal-mock [options]
  --port N              port to listen on (default 8081; 0 picks a free one)
  --host HOST           address to listen on (default 127.0.0.1)
  --public-host NAME    host name in the mock's URLs (default localhost)
  --app-origin ORIGIN   a page that may embed the modal, e.g. http://localhost:5173 (repeatable;
                        default: the embedding page's origin, from the modal request's Referer)
  --webhook-url URL     where to deliver the signed webhooks (default: none)
  --api-key KEY         the API key the mock accepts (default ${DEFAULT_API_KEY})
  --webhook-secret SEC  the whsec_ signing secret (default: a fixed demo secret)
  --quiet               print only the configuration, not each request
  --help                this text`;

const OPTIONS = ["--help", "--quiet", "--port", "--host", "--public-host", "--app-origin", "--webhook-url", "--api-key", "--webhook-secret"];

/** The known option closest to a misspelled one (at most 3 edits away), if any. */
function nearest(arg) {
  const distance = (a, b) => {
    let row = [...Array(b.length + 1).keys()];
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length];
  };
  const [best] = OPTIONS.map((o) => [distance(arg, o), o]).sort((x, y) => x[0] - y[0]);
  return best[0] <= 3 ? best[1] : null;
}

/** Reads the command line; throws an Error whose message says what is wrong. */
export function parseArgs(argv) {
  const options = { appOrigins: [] };
  const valueOf = (name, i) => {
    if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) throw new Error(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    if (arg.startsWith("--") && arg.includes("=")) [arg, inline] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    const value = () => (inline !== undefined ? inline : valueOf(arg, i++));
    switch (arg) {
      case "--help": case "-h": options.help = true; break;
      case "--quiet": options.quiet = true; break;
      case "--port": {
        const v = value();
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${v}"`);
        options.port = port;
        break;
      }
      case "--host": options.host = value(); break;
      case "--public-host": options.publicHost = value(); break;
      case "--app-origin": options.appOrigins.push(parseOrigin(value())); break;
      case "--webhook-url": {
        const v = value();
        if (!/^https?:\/\//.test(v) || !URL.canParse(v)) throw new Error(`--webhook-url must be an http(s) URL, got "${v}"`);
        options.webhookUrl = v;
        break;
      }
      case "--api-key": options.apiKey = value(); break;
      case "--webhook-secret": {
        const v = value();
        if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(v)) throw new Error(`--webhook-secret must be whsec_ followed by base64, got "${v}"`);
        options.webhookSecret = v;
        break;
      }
      default: {
        const near = nearest(arg);
        throw new Error(`unknown option ${arg}${near ? ` (did you mean ${near}?)` : ""}`);
      }
    }
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`anon-modal-mock: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) return console.log(USAGE);
  const log = options.quiet ? undefined : (line) => console.log(`  ${line}`);
  let mock;
  try {
    mock = await startMock({ ...options, log, webhookSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET });
  } catch (e) {
    console.error(`anon-modal-mock: cannot listen: ${e.message}${e.code === "EADDRINUSE" ? " (another port: --port N)" : ""}`);
    process.exit(1);
  }
  console.log(`Anon mock platform at ${mock.url}
  ANON_BASE_URL=${mock.url}
  ANON_API_KEY=${mock.apiKey}
  ANON_WEBHOOK_SECRET=${mock.webhookSecret}
  webhooks: ${options.webhookUrl ?? "not sent (pass --webhook-url)"}
  modal may be embedded by: ${options.appOrigins.length ? options.appOrigins.join(" ") : "the embedding page's origin (from its Referer)"}
Create a modal: POST ${mock.url}/api/v1/migration-modal with "Authorization: Bearer <ANON_API_KEY>". Ctrl-C stops.`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// Run only as the command, not when imported for startMock.
const self = process.argv[1] && (await import("node:fs")).realpathSync(process.argv[1]);
if (self === (await import("node:url")).fileURLToPath(import.meta.url)) await main();
