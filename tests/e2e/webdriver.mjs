// A small WebDriver (classic) client for tauri-driver, on Node's fetch.
// Every wait is a condition polled until a deadline, never a fixed sleep.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const DRIVER = "http://127.0.0.1:4444";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const KEYS = {
  ctrl: "\uE009",
  null: "\uE000",
  enter: "\uE007",
  backspace: "\uE003",
  escape: "\uE00C",
  tab: "\uE004",
};

async function call(method, path, body) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    error.webdriver = json.value?.error;
    throw error;
  }
  return json.value;
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
          await call("POST", this.path("/click"), {});
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
    return call("GET", this.path("/text"));
  }
  attribute(name) {
    return call("GET", this.path(`/attribute/${encodeURIComponent(name)}`));
  }
  property(name) {
    return call("GET", this.path(`/property/${encodeURIComponent(name)}`));
  }
  displayed() {
    return call("GET", this.path("/displayed"));
  }
  type(text) {
    return call("POST", this.path("/value"), { text });
  }
  /** Elements matching `css` inside this one. */
  async findAll(css) {
    const found = await call("POST", this.path("/elements"), { using: "css selector", value: css });
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
  static async start({ database, args = [] }) {
    const value = await call("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "wry",
          "tauri:options": { application: process.env.CAREDESK_APP, args: ["--db", database, ...args] },
        },
      },
    });
    const session = new Session(value.sessionId);
    await call("POST", `/session/${session.id}/timeouts`, { implicit: 0, script: 30000 });
    return session;
  }

  constructor(id) {
    this.id = id;
  }

  async end() {
    await call("DELETE", `/session/${this.id}`).catch(() => {});
  }

  async findAll(css) {
    const found = await call("POST", `/session/${this.id}/elements`, { using: "css selector", value: css });
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

  /** The element that has the keyboard focus. */
  async active() {
    const found = await call("GET", `/session/${this.id}/element/active`);
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
    return call("POST", `/session/${this.id}/execute/sync`, { script, args });
  }

  async screenshot(name) {
    const png = await call("GET", `/session/${this.id}/screenshot`);
    const out = process.env.CAREDESK_E2E_OUT ?? tmpdir();
    const path = join(out, `${name}.png`);
    writeFileSync(path, Buffer.from(png, "base64"));
    return path;
  }
}

/** Opens the app on `database`, runs `body`, and always closes it (with a screenshot on failure). */
export async function withApp(name, options, body) {
  const session = await Session.start(options);
  try {
    await body(session);
  } catch (error) {
    await session.screenshot(`${name}-failure`).catch(() => {});
    throw error;
  } finally {
    await session.end();
  }
}
