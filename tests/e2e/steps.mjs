// Steps shared by the journeys: the first start, signing in, languages.

import { waitUntil } from "./webdriver.mjs";

/** The demo dealership's accounts (README): password is `caredesk-<login>`. */
export const DEMO = {
  admin: { login: "admin", password: "caredesk-admin", name: "赵建国" },
  advisor: { login: "advisor", password: "caredesk-advisor", name: "王丽" },
  manager: { login: "manager", password: "caredesk-manager", name: "张伟" },
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
