// Staff and roles in the real window: who changed what is on record, and a
// role's limits hold in the backend, not only on the screen.

import assert from "node:assert/strict";
import { test } from "node:test";

import { DEMO, invokeDirectly, openFirstCustomer, setLanguage, signIn } from "../steps.mjs";
import { tempDatabase, withApp } from "../webdriver.mjs";

test("an advisor's edit shows in the customer's history with the advisor's name", async () => {
  await withApp("advisor-history", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await signIn(app, DEMO.advisor);
    await setLanguage(app, "zh-CN");
    await openFirstCustomer(app);
    await (await app.byTestId("customer-edit")).click();
    await app.byTestId("customer-form");
    const address = "长春市朝阳区人民大街 1234 号";
    await (await app.find(".field-address input, .field-address textarea")).replace(address);
    await (await app.byTestId("customer-save")).click();
    await app.waitGone('[data-testid="customer-form"]');

    await (await app.byTestId("customer-history-tab")).click();
    const entry = await app.waitForText('[data-testid="history-entry"]', DEMO.advisor.name);
    assert.ok(entry.includes(address), `the entry shows the new address: ${entry}`);
    await app.screenshot("advisor-history");
  });
});

test("an advisor does not see staff management and the backend refuses it", async () => {
  await withApp("advisor-limits", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await signIn(app, DEMO.advisor);
    await app.byTestId("nav-archive");
    assert.equal((await app.findAll('[data-testid="nav-staff"]')).length, 0, "no staff management entry");
    const result = await invokeDirectly(app, "list_staff");
    assert.equal(result.ok, false, "the backend refused the direct call");
    assert.equal(result.refusal.kind, "forbidden");
    assert.equal(result.refusal.action, "manage_staff");
    assert.match(result.refusal.message, /manage staff accounts/);
  });
});

test("signing out returns to the sign-in screen and a wrong password is refused", async () => {
  await withApp("sign-out", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await signIn(app, DEMO.manager);
    await (await app.byTestId("user-menu")).click();
    await (await app.byTestId("menu-sign-out")).click();
    await (await app.byTestId("signin-login")).replace(DEMO.advisor.login);
    await (await app.byTestId("signin-password")).replace("not-the-password");
    await (await app.byTestId("signin-submit")).click();
    await app.byTestId("signin-error");
    const refused = await invokeDirectly(app, "archive_stats");
    assert.equal(refused.refusal.kind, "unauthenticated");
  });
});
