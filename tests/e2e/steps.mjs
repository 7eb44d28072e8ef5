// Steps shared by the journeys: the first start, signing in, languages.

import { execFileSync } from "node:child_process";

import { KEYS, waitUntil } from "./webdriver.mjs";

/** Runs xdotool (the system's file dialogs are GTK windows, answered as a person types). */
export function xdotool(args, timeout = 20000) {
  return execFileSync("xdotool", args, { encoding: "utf8", timeout }).trim();
}

function visibleWindow(title) {
  try {
    return xdotool(["search", "--onlyvisible", "--name", title]).split("\n")[0] || null;
  } catch {
    return null; // xdotool exits 1 while nothing matches
  }
}

/**
 * Answers the system's file dialog whose title matches `title` (a regular
 * expression): focuses it, selects what `select` selects (the save dialog's
 * name with ctrl+a; ctrl+l opens the open dialog's location box), types
 * `text`, presses `keys`, and waits for the dialog to close.
 */
export async function answerDialog({ title, text, keys, select = "ctrl+a" }) {
  const window = await waitUntil(() => visibleWindow(title), { timeout: 20000, message: `the dialog ${title}` });
  xdotool(["windowfocus", "--sync", window]);
  if (text !== undefined) {
    xdotool(["key", "--clearmodifiers", select]);
    xdotool(["type", "--delay", "5", text]);
  }
  xdotool(["key", "--clearmodifiers", ...keys]);
  const closed = () => visibleWindow(title) === null;
  if (select === "ctrl+l") {
    // The open dialog's location box may first take Return for its completion list.
    const gone = await waitUntil(closed, { timeout: 2000, message: "" }).catch(() => false);
    if (!gone) {
      xdotool(["windowfocus", "--sync", window]);
      xdotool(["key", "--clearmodifiers", "Return"]);
    }
  }
  await waitUntil(closed, { timeout: 10000, message: `the dialog ${title} to close` });
}

/** The demo dealership's accounts (README): password is `caredesk-<login>`. */
export const DEMO = {
  admin: { login: "admin", password: "caredesk-admin", name: "赵建国" },
  advisor: { login: "advisor", password: "caredesk-advisor", name: "王丽" },
  manager: { login: "manager", password: "caredesk-manager", name: "张伟" },
  followup: { login: "followup", password: "caredesk-followup", name: "李娜" },
};

/** On a fresh database: creates the administrator, which signs them in. */
export async function createAdministrator(app, { name = "赵建国", login = "admin", password = "caredesk-admin" } = {}) {
  await (await app.byTestId("setup-name", { timeout: 20000 })).replace(name);
  await (await app.byTestId("setup-login")).replace(login);
  await (await app.byTestId("setup-password")).replace(password);
  await (await app.byTestId("setup-password-confirm")).replace(password);
  await (await app.byTestId("setup-submit")).click();
  await app.waitForText('[data-testid="user-menu"]', name);
}

export async function signIn(app, { login, password, name }) {
  await (await app.byTestId("signin-login", { timeout: 20000 })).replace(login);
  await (await app.byTestId("signin-password")).replace(password);
  await (await app.byTestId("signin-submit")).click();
  await app.waitForText('[data-testid="user-menu"]', name);
}

export async function setLanguage(app, language) {
  await (await app.byTestId(`lang-${language}`)).click();
  const expected = language === "zh-CN" ? "客户档案" : "Customer archive";
  await app.waitForText('[data-testid="page-title"]', expected);
}

/** Opens the first customer of the list (WebKit clicks a cell, not a row). */
export async function openFirstCustomer(app) {
  await waitUntil(async () => (await app.findAll('[data-testid="customer-row"]')).length > 0, {
    message: "a customer in the list",
  });
  await (await app.find('[data-testid="customer-row"] td')).click();
  return app.waitForText('[data-testid="customer-page-name"]', (t) => t.length > 0);
}

/** Calls a command directly from the page, as a script in the window could. */
export function invokeDirectly(app, command, args = {}) {
  return app.execute(
    `return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then(() => ({ ok: true }), (refusal) => ({ ok: false, refusal }));`,
    [command, args],
  );
}

/** Calls a command directly from the page and returns what it answered (or its refusal). */
export function invokeForValue(app, command, args = {}) {
  return app.execute(
    `return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((value) => ({ ok: true, value }), (refusal) => ({ ok: false, refusal }));`,
    [command, args],
  );
}

/** Picks `value` in the antd Select with `testId`: opens it, clicks the option. */
export async function choose(app, testId, value) {
  await app.tap(testId);
  await app.tap(`option-${value}`);
  await app.waitGone(`[data-testid="option-${value}"]`).catch(() => {});
}

/** A local calendar date `days` from today, as YYYY-MM-DD. */
export function localDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A VIN with the ISO 3779 check digit in position 9. */
export function withCheckDigit(vin) {
  const values = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
    S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  const sum = [...vin].reduce((s, c, i) => s + (/\d/.test(c) ? Number(c) : values[c]) * weights[i], 0);
  const check = sum % 11 === 10 ? "X" : String(sum % 11);
  return vin.slice(0, 8) + check + vin.slice(9);
}

/** Ticks the antd Checkbox whose input has `data-testid=id` by clicking its label, as a person does
 * (the input itself is transparent, so WebDriver does not count it as displayed), until it is ticked
 * (a click that only closed an open dropdown is repeated). */
export async function tick(app, id) {
  const css = `label:has([data-testid="${id}"])`;
  const ticked = () =>
    app.execute("return document.querySelector(arguments[0])?.checked === true;", [`[data-testid="${id}"]`]);
  await waitUntil(
    async () => {
      if (await ticked()) return true;
      try {
        await (await app.find(css, { timeout: 5000 })).click();
      } catch (error) {
        if (!String(error?.message ?? error).includes("stale element")) throw error;
      }
      return ticked();
    },
    { timeout: 15000, message: `ticking ${id}` },
  );
}

/** Types `text` into the field `testId`, again if the page re-rendered it meanwhile. */
export async function fill(app, testId, text) {
  await waitUntil(
    async () => {
      try {
        await (await app.byTestId(testId, { timeout: 15000 })).replace(text);
        return true;
      } catch (error) {
        if (String(error?.message ?? error).includes("stale element")) return false;
        throw error;
      }
    },
    { timeout: 15000, message: `typing into ${testId}` },
  );
}

/**
 * Books an appointment for a customer not in the archive yet, through the booking
 * drawer of the appointments screen: `customer` ({ name, mobile, plate, vin }), with
 * the advisor `advisorId` on `date` at `slot` for `duration` minutes.
 */
export async function bookNewCustomer(app, { customer, advisorId, date, slot, duration, work, concerns }) {
  await app.tap("nav-appointments");
  await app.tap("book-appointment");
  // The drawer may still be sliding in: switch to "new customer" until its fields show.
  await waitUntil(
    async () => {
      await app.tap("booking-new");
      return app.byTestId("booking-new-name", { timeout: 2000 }).catch(() => null);
    },
    { timeout: 20000, message: "the new-customer fields" },
  );
  await fill(app, "booking-new-name", customer.name);
  await fill(app, "booking-new-mobile", customer.mobile);
  await fill(app, "booking-new-plate", customer.plate);
  await fill(app, "booking-new-vin", customer.vin);
  await fill(app, "booking-new-brand", "一汽-大众");
  await fill(app, "booking-new-model", "迈腾");
  await choose(app, "booking-advisor", advisorId);
  await fill(app, "booking-date", date);
  await (await app.byTestId("booking-date")).type(KEYS.enter);
  await choose(app, "booking-slot", slot);
  await choose(app, "booking-duration", String(duration));
  await fill(app, "booking-requested-work", work);
  if (concerns) await fill(app, "booking-concerns", concerns);
  await app.tap("booking-submit");
}
