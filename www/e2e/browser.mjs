// Starts the browser the end-to-end suites run in (E2E_BROWSER: chromium, firefox or webkit) and
// drives it over WebDriver with selenium-webdriver, behind the few Playwright-style calls the
// tests make (goto, click, evaluate, frameLocator(...).getByRole(...), ...). One code path for
// the three engines: Debian's Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK's
// MiniBrowser (WebKitWebDriver, which needs an X display: run it under `xvfb-run -a`).
import { execFileSync } from "node:child_process";
import { test as nodeTest } from "node:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebDriver, By, Key, error as wdError } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import firefox from "selenium-webdriver/firefox.js";
import remote from "selenium-webdriver/remote/index.js";
import http from "selenium-webdriver/http/index.js";
import portprober from "selenium-webdriver/net/portprober.js";

export const ENGINES = ["chromium", "firefox", "webkit"];
/** The engine this run drives. */
export const ENGINE = process.env.E2E_BROWSER ?? "chromium";
if (!ENGINES.includes(ENGINE)) throw new Error(`E2E_BROWSER=${ENGINE}: expected one of ${ENGINES.join(", ")}`);

const TIMEOUT_MS = 30_000;
// E2E_TRACE=1 prints each command and how long it took, to see where an engine spends its time.
const started = performance.now();
async function traced(what, fn) {
  if (!process.env.E2E_TRACE) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    console.error(`[${ENGINE} +${Math.round(t - started)} ms] ${what}: ${Math.round(performance.now() - t)} ms`);
  }
}

function which(...names) {
  for (const name of names) {
    try {
      return execFileSync("sh", ["-c", 'command -v "$1"', "sh", name], { encoding: "utf8" }).trim();
    } catch { /* try the next name */ }
  }
  return undefined;
}

function required(file, what) {
  if (!file || !fs.existsSync(file)) throw new Error(`${what} not found (${file ?? "not on PATH"}): run scripts/setup.sh`);
  return file;
}

// Debian installs WebKitGTK's MiniBrowser under the architecture's library directory.
function miniBrowser() {
  const lib = "/usr/lib";
  for (const dir of fs.readdirSync(lib)) {
    const file = path.join(lib, dir, "webkit2gtk-4.1/MiniBrowser");
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The engine's WebDriver session, and its driver's process (`service`), to stop it if `quit()` cannot. */
async function startDriver() {
  if (ENGINE === "chromium") {
    const options = new chrome.Options()
      .setChromeBinaryPath(required(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", "chromium"))
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic");
    const service = new chrome.ServiceBuilder(required(process.env.CHROMEDRIVER ?? which("chromedriver"), "chromedriver")).build();
    return { driver: await chrome.Driver.createSession(options, service), service };
  }
  if (ENGINE === "firefox") {
    const options = new firefox.Options()
      .setBinary(required(process.env.FIREFOX_PATH ?? which("firefox-esr", "firefox"), "firefox"))
      .addArguments("-headless");
    const gecko = process.env.GECKODRIVER ?? which("geckodriver") ?? path.join(os.homedir(), ".cargo/bin/geckodriver");
    const service = new firefox.ServiceBuilder(required(gecko, "geckodriver")).build();
    return { driver: await firefox.Driver.createSession(options, service), service };
  }
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error("E2E_BROWSER=webkit needs a display: run the tests under `xvfb-run -a`");
  }
  const port = await portprober.findFreePort();
  const service = new remote.DriverService(required(process.env.WEBKITDRIVER ?? "/usr/bin/WebKitWebDriver", "WebKitWebDriver"),
    { port, args: [`--port=${port}`], loopback: true });
  const url = await service.start();
  const caps = {
    browserName: "MiniBrowser",
    acceptInsecureCerts: true,
    "webkitgtk:browserOptions": {
      binary: required(process.env.MINIBROWSER_PATH ?? miniBrowser(), "MiniBrowser"),
      args: ["--automation"],
    },
  };
  const driver = await WebDriver.createSession(new http.Executor(new http.HttpClient(url)), caps, () => service.kill());
  return { driver, service };
}

// Run before every script: records the page's uncaught errors (once per document), so that each
// command can hand them to the "pageerror" listeners. Scripts run by WebDriver are not subject to
// the page's Content-Security-Policy. WebKitGTK's driver has no preload hook (no WebDriver BiDi),
// so an error thrown before the load event is not seen here; the test's next wait fails instead.
const RECORD_ERRORS = `
  if (!Object.prototype.hasOwnProperty.call(window, "__e2eErrors")) {
    Object.defineProperty(window, "__e2eErrors", { value: [] });
    addEventListener("error", (e) => window.__e2eErrors.push(String(e.error?.message ?? e.message)));
    addEventListener("unhandledrejection", (e) => window.__e2eErrors.push(String(e.reason)));
  }`;

// In the page: the elements with this ARIA role whose accessible name matches, as Playwright's
// getByRole does (case-insensitive substring, or exact), leaving out hidden ones.
function findByRole(role, name, exact) {
  const implicit = { button: 'button, input[type="button"], input[type="submit"], input[type="reset"]', link: "a[href]" };
  const selector = [implicit[role], `[role="${role}"]`].filter(Boolean).join(", ");
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const nameOf = (el) => {
    if (el.hasAttribute("aria-label")) return norm(el.getAttribute("aria-label"));
    const ids = (el.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
    if (ids.length) return norm(ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
    return norm(el instanceof HTMLInputElement ? el.value : el.textContent);
  };
  const matches = (n) => exact ? n === name : n.toLowerCase().includes(name.toLowerCase());
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  return [...document.querySelectorAll(selector)].filter((el) => visible(el) && matches(nameOf(el)));
}

// A page's value comes back as JSON, with `undefined` (which WebDriver's JSON turns into null
// or drops) kept as this marker and restored, as Playwright's evaluate keeps it.
const UNDEFINED = "\u0000e2e:undefined";
function decode(value) {
  if (value === UNDEFINED) return undefined;
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  return value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A click or a look-up that may succeed a moment later (the element is not there, moves, or is
// covered while the page settles) is retried, as Playwright's actions are.
const NOT_PERFORMED = [wdError.StaleElementReferenceError, wdError.ElementNotInteractableError,
  wdError.ElementClickInterceptedError];
const RETRY = [...NOT_PERFORMED, wdError.NoSuchElementError, wdError.NoSuchFrameError];

async function retry(what, fn, ms = TIMEOUT_MS) {
  const end = performance.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!RETRY.some((type) => e instanceof type) || performance.now() > end) {
        e.message = `${what}: ${e.message}`;
        throw e;
      }
      await sleep(50);
    }
  }
}

class Page {
  constructor(driver) {
    this.driver = driver;
    this.errorListeners = [];
  }

  on(event, listener) {
    if (event !== "pageerror") throw new Error(`page.on("${event}") is not supported by the WebDriver harness`);
    this.errorListeners.push(listener);
  }

  /** Runs `fn(arg)` in the current frame (awaiting a promise), and hands over the page's errors. */
  async run(fn, arg) {
    const script = `const done = arguments[arguments.length - 1];
      ${RECORD_ERRORS}
      const take = () => window.__e2eErrors.splice(0);
      const encode = (value) => JSON.stringify(value, (key, v) => v === undefined ? ${JSON.stringify(UNDEFINED)} : v);
      Promise.resolve().then(() => (${fn})(arguments[0])).then(
        (value) => done({ ok: true, json: encode(value), errors: take() }),
        (e) => done({ ok: false, error: String(e && e.stack || e), errors: take() }));`;
    const result = await this.driver.executeAsyncScript(script, arg);
    for (const e of result.errors) for (const listener of this.errorListeners) listener(new Error(e));
    if (!result.ok) throw new Error(`evaluate failed in the page: ${result.error}`);
    return decode(JSON.parse(result.json));
  }

  goto(url) {
    return traced(`goto ${url}`, async () => {
      await this.driver.get(url);
      await this.run(() => undefined);
    });
  }

  evaluate(fn, arg) { return this.run(fn, arg); }

  $eval(selector, fn, arg) {
    return this.run(new Function("[selector, arg]", `
      const el = document.querySelector(selector);
      if (!el) throw new Error("no element matches " + selector);
      return (${fn})(el, arg);`), [selector, arg]);
  }

  $$eval(selector, fn, arg) {
    return this.run(new Function("[selector, arg]", `return (${fn})([...document.querySelectorAll(selector)], arg);`), [selector, arg]);
  }

  waitForFunction(fn, arg, { timeout = TIMEOUT_MS } = {}) {
    return traced("waitForFunction", async () => {
      const end = performance.now() + timeout;
      for (;;) {
        const value = await this.run(fn, arg);
        if (value) return value;
        if (performance.now() > end) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
        await sleep(50);
      }
    });
  }

  waitForTimeout(ms) { return sleep(ms); }

  /** Presses a key (a selenium `Key` name, e.g. "ESCAPE") in the focused document, as a user would. */
  press(key) {
    return traced(`press ${key}`, () => this.driver.actions().sendKeys(Key[key]).perform());
  }

  /** Clicks the page at `x`, `y` (CSS pixels from the viewport's top left), as Playwright's `page.mouse.click`. */
  get mouse() {
    return {
      click: (x, y) => traced(`mouse click ${x},${y}`, () =>
        this.driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: "viewport" }).click().perform()),
    };
  }

  click(selector) {
    return traced(`click ${selector}`, () =>
      retry(`click ${selector}`, async () => (await this.driver.findElement(By.css(selector))).click()));
  }

  locator(selector) {
    const page = this;
    return {
      count: () => page.run((s) => document.querySelectorAll(s).length, selector),
      click: () => page.click(selector),
    };
  }

  /** The document of the iframe `selector` (in the top document), as a Playwright FrameLocator. */
  frameLocator(selector) {
    const page = this;
    // Finding the frame and the element is retried until it succeeds. The action runs again only
    // when WebDriver says it was not performed; when it fails because the frame went away (the
    // modal closed itself in answer, which WebKit reports as a failed command), it is done.
    const inFrame = (what, find, act) => traced(what, async () => {
      const end = performance.now() + TIMEOUT_MS;
      try {
        for (;;) {
          const element = await retry(what, async () => {
            await page.driver.switchTo().defaultContent();
            await page.driver.switchTo().frame(await page.driver.findElement(By.css(selector)));
            return find();
          }, Math.max(0, end - performance.now()));
          try {
            return await act(element);
          } catch (e) {
            await page.driver.switchTo().defaultContent();
            if ((await page.driver.findElements(By.css(selector))).length === 0) return undefined;
            if (!NOT_PERFORMED.some((type) => e instanceof type) || performance.now() > end) {
              e.message = `${what}: ${e.message}`;
              throw e;
            }
            await sleep(50);
          }
        }
      } finally {
        await page.driver.switchTo().defaultContent();
      }
    });
    return {
      getByRole(role, { name, exact = false } = {}) {
        const what = `${selector} >> role=${role}[name=${JSON.stringify(name)}${exact ? "" : "i"}]`;
        const element = async () => {
          const found = await page.driver.executeScript(`return (${findByRole})(...arguments)`, role, name, exact);
          if (found.length === 0) throw new wdError.NoSuchElementError(`no element matches ${what}`);
          if (found.length > 1) throw new Error(`${found.length} elements match ${what}`);
          return found[0];
        };
        return {
          click: () => inFrame(`click ${what}`, element, (el) => el.click()),
          evaluate: (fn, arg) => inFrame(`evaluate ${what}`, element,
            (el) => page.driver.executeScript(`return (${fn})(arguments[0], arguments[1])`, el, arg)),
        };
      },
    };
  }

  async screenshot({ path: file }) {
    fs.writeFileSync(file, await this.driver.takeScreenshot(), "base64");
  }

  /**
   * Leaves the page (its timers and sockets stop with it); the window is reused by the next page.
   * A browser that has gone away has left it already: no error then, so that the test's own
   * error, the one that says what happened, is the one reported.
   */
  async close() {
    try {
      await this.driver.switchTo().defaultContent();
      await this.driver.get("about:blank");
    } catch (e) {
      if (!(await isGone(this.driver))) throw e;
    }
  }
}

// How long a browser that may have gone away gets to answer, or to quit.
const GONE_MS = 10_000;

function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Whether the browser behind `driver` has gone away, as its driver says: the session ended
 * (the browser crashed, or WebKit's driver gave up on a page that crashed or hung), or the
 * driver itself is gone (its connection refused). A browser that is merely slow or stuck is
 * not gone: a test it fails, fails.
 */
async function isGone(driver) {
  try {
    await within(GONE_MS, driver.getWindowHandle(), "the browser");
    return false;
  } catch (e) {
    return e instanceof wdError.NoSuchSessionError || ["ECONNREFUSED", "ECONNRESET"].includes(e.code);
  }
}

// The browser the file's tests drive (a file launches one, in its `before`).
let current = null;

/** Launches a new browser if the file's has gone away; a failure to start is added to `error`. */
async function relaunchIfGone(error) {
  try {
    return current !== null && (await current.relaunchIfGone());
  } catch (failed) {
    error.message += `\n(the browser had gone away, and a new one failed to start: ${failed.message})`;
    return false;
  }
}

/**
 * node:test's `test`, for a test that drives the browser. A browser process can die under a test
 * (once in CI, WebKit's session ended mid-test, and every later test in the file failed on it):
 * when the browser has gone away as the test fails, a new one is launched, and the test runs once
 * more in it, saying so in the output. A failure with the browser still there, or a second one,
 * fails the test.
 */
export function test(name, options, fn) {
  if (typeof options === "function") [options, fn] = [{}, options];
  return nodeTest(name, options, async (t) => {
    try {
      return await fn(t);
    } catch (e) {
      if (!(await relaunchIfGone(e))) throw e;
      t.diagnostic(`the browser went away during the test (${e.name}: ${e.message.split("\n")[0]}); ran it again in a new browser`);
      try {
        return await fn(t);
      } catch (again) {
        await relaunchIfGone(again);
        throw again;
      }
    }
  });
}

/**
 * The engine's browser. One window, so one page at a time: the suites run their tests in turn.
 * If the browser goes away, `test` (above) launches a new one behind the same object.
 */
export async function launchBrowser() {
  const start = async () => {
    const started = await startDriver();
    await started.driver.manage().setTimeouts({ script: TIMEOUT_MS, pageLoad: TIMEOUT_MS });
    return started;
  };
  // Quits a browser that may be gone, waiting at most GONE_MS: a driver that does not answer
  // is killed, so that no process of it keeps the file running.
  const quit = ({ driver, service }) =>
    within(GONE_MS, driver.quit(), "quitting the browser").catch(() => service.kill());
  let session = await start();
  let open = null;
  const browser = {
    engine: ENGINE,
    async newPage({ viewport = { width: 1280, height: 720 } } = {}) {
      if (open) throw new Error("the WebDriver harness drives one page at a time; close the last one first");
      await session.driver.manage().window().setRect({ width: viewport.width, height: viewport.height });
      open = new Page(session.driver);
      const close = open.close.bind(open);
      open.close = async () => { open = null; await close(); };
      return open;
    },
    /**
     * Runs `fn(page)` on a new page and closes the page however it ends. A caller's servers are
     * best closed in a `finally` around this: if no page could be opened (the browser went
     * away), a server left listening would keep the file's process running.
     */
    async withPage(fn, options) {
      const page = await browser.newPage(options);
      try {
        return await fn(page);
      } finally {
        await page.close();
      }
    },
    /** Launches a new browser if this one has gone away; says whether it did. */
    async relaunchIfGone() {
      if (!(await isGone(session.driver))) return false;
      await quit(session);
      open = null;
      session = await start();
      return true;
    },
    close: () => { current = null; return quit(session); },
  };
  current = browser;
  return browser;
}
