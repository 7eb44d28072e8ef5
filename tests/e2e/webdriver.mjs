// A small WebDriver (classic) client for tauri-driver, on Node's fetch: one tauri-driver
// per app session, every call with a deadline, a failed launch retried once.
// Every wait is a condition polled until a deadline, never a fixed sleep.

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const KEYS = {
  ctrl: "\uE009",
  null: "\uE000",
  enter: "\uE007",
  backspace: "\uE003",
  escape: "\uE00C",
  tab: "\uE004",
};

/** Deadlines (ms): starting a session has its own; every other WebDriver call gets the common one. */
const SESSION_START_DEADLINE = 30000;
const CALL_DEADLINE = 60000;
const SESSION_END_DEADLINE = 20000;
const DRIVER_READY_DEADLINE = 15000;
/** How many lines of the app's stderr and of the driver log a failure shows. */
const TAIL_LINES = 40;

/** Runs the real app for WebKitWebDriver, recording its stderr and exit status (launch-app.sh). */
const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), "launch-app.sh");
const OUT = process.env.CAREDESK_E2E_OUT ?? tmpdir();

/** One WebDriver call to the driver at `base`, answered within `timeout` ms or failed. */
async function request(base, method, path, body, { timeout = CALL_DEADLINE, signal } = {}) {
  const deadline = AbortSignal.timeout(timeout);
  let json;
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
    });
    const text = await response.text();
    try {
      json = JSON.parse(text);
    } catch {
      json = { value: { error: "unreadable answer", message: text.slice(0, 500) } };
    }
  } catch (error) {
    if (deadline.aborted) {
      const timedOut = new Error(`${method} ${path}: no answer within ${timeout / 1000} s`);
      timedOut.webdriver = "no answer";
      throw timedOut;
    }
    if (signal?.aborted) throw signal.reason;
    throw new Error(`${method} ${path}: ${error?.cause?.message ?? error?.message ?? error}`);
  }
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    error.webdriver = json.value?.error;
    throw error;
  }
  return json.value;
}

/** The last `count` lines of a text file, indented, or a note that there is none. */
function tail(path, count = TAIL_LINES) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return "    (no file)";
  }
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return "    (empty)";
  return lines
    .slice(-count)
    .map((l) => `    ${l}`)
    .join("\n");
}

/** A loopback port no one listens on now (the system picks it). */
function freePorts(count) {
  const servers = Array.from({ length: count }, () => createServer());
  return Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server.address().port));
        }),
    ),
  ).finally(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.setTimeout(500);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/** Every driver still running, killed (with all it started) when this process ends. */
const running = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
process.on("exit", () => {
  for (const driver of running) killGroup(driver.child.pid, "SIGKILL");
});
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
]) {
  process.once(signal, () => process.exit(128 + number));
}

let launches = 0;

/**
 * One start of the app: its own tauri-driver (which starts WebKitWebDriver, which starts
 * launch-app.sh, which starts the app) in a process group of its own, on two free ports,
 * with a log file each for the driver, the app's stderr and the app's exit status.
 */
class Launch {
  /** `env`: variables of the app's environment to set for this start (its XDG folders). */
  constructor(name, env = {}) {
    this.env = env;
    launches += 1;
    const dir = join(OUT, "launch");
    mkdirSync(dir, { recursive: true });
    const stem = join(dir, `${name ?? "session"}-${process.pid}-${launches}`);
    this.driverLog = `${stem}-driver.log`;
    this.appStderr = `${stem}-app.stderr`;
    this.appStatus = `${stem}-app.status`;
    this.child = null;
    this.exited = null;
    this.statusAtStop = undefined;
  }

  /** Starts tauri-driver and waits until it and WebKitWebDriver accept connections. */
  async startDriver() {
    const [port, nativePort] = await freePorts(2);
    this.base = `http://127.0.0.1:${port}`;
    const log = openSync(this.driverLog, "a");
    try {
      this.child = spawn(
        process.env.CAREDESK_TAURI_DRIVER ?? "tauri-driver",
        ["--port", String(port), "--native-port", String(nativePort)],
        {
          detached: true,
          stdio: ["ignore", log, log],
          env: {
            ...process.env,
            ...this.env,
            CAREDESK_E2E_APP_BINARY: process.env.CAREDESK_APP,
            CAREDESK_E2E_APP_STDERR: this.appStderr,
            CAREDESK_E2E_APP_STATUS: this.appStatus,
          },
        },
      );
    } finally {
      closeSync(log);
    }
    this.child.unref();
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => resolve(signal ?? code));
      this.child.once("error", (error) => resolve(error.message));
    });
    this.exited.then((how) => {
      this.driverEnded = how;
    });
    const deadline = Date.now() + DRIVER_READY_DEADLINE;
    for (;;) {
      if (this.driverEnded !== undefined) {
        throw new Error(`tauri-driver ended (${this.driverEnded}) before it listened on ${port}/${nativePort}`);
      }
      if ((await accepts(port)) && (await accepts(nativePort))) return;
      if (Date.now() > deadline) {
        throw new Error(`tauri-driver did not listen on ${port} and ${nativePort} within ${DRIVER_READY_DEADLINE / 1000} s`);
      }
      await delay(100);
    }
  }

  /** The app's exit status as launch-app.sh wrote it, or null while it runs. */
  appExitStatus() {
    if (!existsSync(this.appStatus)) return null;
    return readFileSync(this.appStatus, "utf8").trim() || null;
  }

  /** Asks the driver for a session on the app; fails at once if the app or the driver ends first. */
  async createSession({ database, args }) {
    const gone = new AbortController();
    const watch = setInterval(() => {
      const status = this.appExitStatus();
      if (status !== null) gone.abort(new Error(`the app exited (status ${status}) before its window appeared`));
      else if (this.driverEnded !== undefined) gone.abort(new Error(`tauri-driver ended (${this.driverEnded})`));
    }, 200);
    try {
      return await request(
        this.base,
        "POST",
        "/session",
        {
          capabilities: {
            alwaysMatch: {
              browserName: "wry",
              // Without a database the app opens the one chosen before, or asks (a new install).
              "tauri:options": { application: LAUNCHER, args: [...(database ? ["--db", database] : []), ...args] },
            },
          },
        },
        { timeout: SESSION_START_DEADLINE, signal: gone.signal },
      );
    } finally {
      clearInterval(watch);
    }
  }

  /** Stops the driver's whole process group: TERM, then KILL if it lingers. */
  async stop() {
    if (!this.child?.pid || !running.has(this)) return;
    running.delete(this);
    this.statusAtStop = this.appExitStatus();
    killGroup(this.child.pid, "SIGTERM");
    await Promise.race([this.exited, delay(5000)]);
    // The group may outlive its leader (the app and WebKit's processes still closing):
    // give them a moment, then KILL whatever is left.
    const deadline = Date.now() + 2000;
    while (groupAlive(this.child.pid) && Date.now() < deadline) await delay(100);
    killGroup(this.child.pid, "SIGKILL");
  }

  /** What is known of this launch: the app's exit status and the tails of its stderr and the driver log. */
  report() {
    const status = this.appExitStatus();
    const how = (s) => `status ${s}${Number(s) > 128 ? ` (signal ${Number(s) - 128})` : ""}`;
    let fate;
    if (status === null) fate = "the app: no exit status recorded (still running, or killed with its driver)";
    else if (this.statusAtStop === null) fate = `the app was still running; it ended with ${how(status)} when its driver was stopped`;
    else fate = `the app exited with ${how(status)}`;
    return [
      `  ${fate}`,
      `  the app's stderr (last ${TAIL_LINES} lines of ${this.appStderr}):`,
      tail(this.appStderr),
      `  tauri-driver's log (last ${TAIL_LINES} lines of ${this.driverLog}):`,
      tail(this.driverLog),
    ].join("\n");
  }
}

/** A fresh database path for one app start. */
export function tempDatabase() {
  return join(mkdtempSync(join(tmpdir(), "caredesk-e2e-")), "caredesk.sqlite");
}

/** Polls `condition` until it returns a truthy value or `timeout` ms pass. */
export async function waitUntil(condition, { timeout = 10000, message = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      if (error.webdriver === "invalid session id") throw error;
      lastError = error;
    }
    await delay(100);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${message}${lastError ? `: ${lastError.message}` : ""}`);
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  path(suffix) {
    return `/session/${this.session.id}/element/${this.id}${suffix}`;
  }
  /** The element's box as the page lays it out (WebKit's /rect refuses off-screen elements). */
  rect() {
    return this.session.execute("return arguments[0].getBoundingClientRect().toJSON();", [{ [ELEMENT]: this.id }]);
  }

  /** Waits until the element's box is the same on two reads in a row (no animation moving it). */
  async waitStable({ timeout = 5000 } = {}) {
    let last = null;
    await waitUntil(
      async () => {
        const rect = await this.rect();
        const same = last && ["x", "y", "width", "height"].every((k) => Math.abs(rect[k] - last[k]) < 0.5);
        last = rect;
        return same;
      },
      { timeout, message: "the element to stop moving" },
    );
  }

  /** Clicks once the element has stopped moving and can take the click (a drawer
   * may still be sliding in, a dialog still zooming). */
  async click({ timeout = 5000 } = {}) {
    // To the middle of the viewport, so no sticky header or notification covers it.
    await this.session
      .execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", [{ [ELEMENT]: this.id }])
      .catch(() => {});
    await this.waitStable({ timeout });
    return waitUntil(
      async () => {
        try {
          await this.session.call("POST", this.path("/click"), {});
          return true;
        } catch (error) {
          if (error.webdriver === "element not interactable" || error.webdriver === "element click intercepted") {
            return false;
          }
          throw error;
        }
      },
      { timeout, message: "the element to take a click" },
    );
  }
  text() {
    return this.session.call("GET", this.path("/text"));
  }
  attribute(name) {
    return this.session.call("GET", this.path(`/attribute/${encodeURIComponent(name)}`));
  }
  property(name) {
    return this.session.call("GET", this.path(`/property/${encodeURIComponent(name)}`));
  }
  displayed() {
    return this.session.call("GET", this.path("/displayed"));
  }
  type(text) {
    return this.session.call("POST", this.path("/value"), { text });
  }
  /** Elements matching `css` inside this one. */
  async findAll(css) {
    const found = await this.session.call("POST", this.path("/elements"), { using: "css selector", value: css });
    return found.map((e) => new Element(this.session, e[ELEMENT]));
  }

  /** Replaces the input's value the way a person does: select all, then type. */
  async replace(text) {
    await this.click();
    await this.type(`${KEYS.ctrl}a${KEYS.null}${KEYS.backspace}`);
    if (text) await this.type(text);
  }
}

export class Session {
  /**
   * Starts the app on `database` (with `args`) under a driver of its own. A launch that fails
   * before the window appears (the driver, the session or the app) is retried once, saying why.
   * `database: null` starts it as a desk does, naming none; `env` sets variables of the
   * app's environment for this start.
   */
  static async start({ database, args = [], name, env = {} } = {}) {
    const reasons = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const launch = new Launch(name, env);
      try {
        await launch.startDriver();
        const value = await launch.createSession({ database, args });
        const session = new Session(value.sessionId, launch);
        await session.call("POST", `/session/${session.id}/timeouts`, { implicit: 0, script: 30000 });
        return session;
      } catch (error) {
        await launch.stop();
        const reason = `${error?.message ?? error}\n${launch.report()}`;
        reasons.push(`launch ${attempt}: ${reason}`);
        if (attempt === 1) console.error(`caredesk e2e: the app did not start (${name ?? "session"}), trying once more: ${reason}`);
      }
    }
    throw new Error(`the app did not start, twice (${name ?? "session"}):\n${reasons.join("\n")}`);
  }

  constructor(id, launch) {
    this.id = id;
    this.launch = launch;
  }

  /** One WebDriver call to this session's driver, with a deadline. */
  call(method, path, body) {
    return request(this.launch.base, method, path, body);
  }

  /** Closes the session, then stops its driver with everything it started. */
  async end() {
    await request(this.launch.base, "DELETE", `/session/${this.id}`, undefined, { timeout: SESSION_END_DEADLINE }).catch(
      () => {},
    );
    await this.launch.stop();
  }

  /** The app's exit status and the tails of its stderr and of the driver log. */
  report() {
    return this.launch.report();
  }

  async findAll(css) {
    const found = await this.call("POST", `/session/${this.id}/elements`, { using: "css selector", value: css });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  /** The first element matching `css` once it is displayed. */
  async find(css, { timeout = 10000 } = {}) {
    return waitUntil(
      async () => {
        for (const element of await this.findAll(css)) {
          if (await element.displayed()) return element;
        }
        return null;
      },
      { timeout, message: `element ${css}` },
    );
  }

  /** Waits until nothing matching `css` is displayed. */
  async waitGone(css, { timeout = 10000 } = {}) {
    await waitUntil(
      async () => {
        for (const element of await this.findAll(css)) {
          if (await element.displayed().catch(() => false)) return false;
        }
        return true;
      },
      { timeout, message: `${css} to go away` },
    );
  }

  /**
   * The element that has the keyboard focus. WebKitWebDriver sometimes answers
   * "Could not parse active element information" while the page moves the focus
   * (a dialog opening or closing), so it is asked again until it answers.
   */
  async active({ timeout = 5000 } = {}) {
    const found = await waitUntil(() => this.call("GET", `/session/${this.id}/element/active`), {
      timeout,
      message: "the focused element",
    });
    return new Element(this, found[ELEMENT]);
  }

  /** Presses keys on whatever has the focus, as a person at the keyboard does. */
  async keys(text) {
    await (await this.active()).type(text);
  }

  byTestId(id, options) {
    return this.find(`[data-testid="${id}"]`, options);
  }

  /** Clicks the element with `data-testid=id`, finding it again if the page re-rendered it meanwhile. */
  async tap(id, { timeout = 15000 } = {}) {
    await waitUntil(
      async () => {
        try {
          await (await this.byTestId(id, { timeout })).click();
          return true;
        } catch (error) {
          if (String(error?.message ?? error).includes("stale element")) return false;
          throw error;
        }
      },
      { timeout, message: `a click on ${id}` },
    );
  }

  /** Waits until the element's text satisfies `test` (a string to contain, or a function). */
  async waitForText(css, test, { timeout = 10000 } = {}) {
    const matches = typeof test === "function" ? test : (t) => t.includes(test);
    return waitUntil(
      async () => {
        const element = await this.find(css, { timeout: 1000 });
        const text = await element.text();
        return matches(text) ? text : null;
      },
      { timeout, message: `text of ${css} to match ${test}` },
    );
  }

  execute(script, args = []) {
    return this.call("POST", `/session/${this.id}/execute/sync`, { script, args });
  }

  async screenshot(name) {
    const png = await this.call("GET", `/session/${this.id}/screenshot`);
    const out = process.env.CAREDESK_E2E_OUT ?? tmpdir();
    const path = join(out, `${name}.png`);
    writeFileSync(path, Buffer.from(png, "base64"));
    return path;
  }
}

/**
 * Opens the app on `database`, runs `body`, and always closes it; on failure saves a
 * screenshot and adds the app's exit status and the tails of its stderr and driver log.
 */
export async function withApp(name, options, body) {
  const session = await Session.start({ name, ...options });
  try {
    await body(session);
  } catch (error) {
    await session.screenshot(`${name}-failure`).catch(() => {});
    throw withReport(error, session);
  } finally {
    await session.end();
  }
}

function withReport(error, session) {
  const report = `\n${session.report()}`;
  if (error instanceof Error) {
    try {
      error.message += report;
      if (typeof error.stack === "string") error.stack += report;
      return error;
    } catch {
      // A read-only message: wrap it instead.
    }
  }
  return new Error(`${error?.message ?? error}${report}`, { cause: error });
}
