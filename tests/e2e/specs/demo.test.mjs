// The demo dealership: `--demo` opens on a fresh, realistic archive; an empty
// archive offers the same data on first start. Also takes the README screenshot.

import assert from "node:assert/strict";
import { test } from "node:test";

import { createAdministrator, DEMO, openFirstCustomer, signIn } from "../steps.mjs";
import { tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

test("--demo opens the window on the demo dealership", async () => {
  await withApp("demo", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await app.screenshot("demo-sign-in");
    await signIn(app, DEMO.advisor);
    await app.waitForText('[data-testid="page-title"]', "客户档案");
    const stats = await app.waitForText('[data-testid="archive-stats"]', "300");
    assert.ok(stats.includes("300"), stats);
    await waitUntil(async () => (await app.findAll('[data-testid="customer-row"]')).length >= 10, {
      message: "the first page of customers",
    });
    await app.screenshot("demo-archive");
    await openFirstCustomer(app);
    await app.screenshot("demo-customer");
  });
});

test("an empty archive offers the demo data on first start", async () => {
  await withApp("first-start", { database: tempDatabase() }, async (app) => {
    await createAdministrator(app);
    await (await app.byTestId("archive-load-demo")).click();
    await app.waitForText('[data-testid="archive-stats"]', "300", { timeout: 30000 });
    assert.ok((await app.findAll('[data-testid="customer-row"]')).length > 0);
  });
});
