// The customer archive in the real window: create, find by fragments, refuse a bad VIN, switch language.

import assert from "node:assert/strict";
import { test } from "node:test";

import { createAdministrator, setLanguage } from "../steps.mjs";
import { tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

const CUSTOMER = { name: "司马晓红", mobile: "139 1234 5678", plate: "吉A8K7J2", vin: "LFV2A21K767042918" };

async function search(app, text) {
  const box = await app.byTestId("archive-search");
  await box.replace(text);
  return waitUntil(
    async () => {
      const rows = await app.findAll(`[data-testid="customer-row"][data-customer-name="${CUSTOMER.name}"]`);
      return rows.length > 0 ? rows : null;
    },
    { message: `a row for ${CUSTOMER.name} after searching "${text}"` },
  );
}

test("switching the language changes the screen", async () => {
  await withApp("language", { database: tempDatabase() }, async (app) => {
    await createAdministrator(app);
    await setLanguage(app, "en");
    assert.match(await (await app.byTestId("archive-search")).attribute("placeholder"), /phone/i);
    await setLanguage(app, "zh-CN");
    assert.match(await (await app.byTestId("archive-search")).attribute("placeholder"), /手机|车牌/);
    await (await app.byTestId("nav-staff")).click();
    await app.waitForText('[data-testid="page-title"]', "员工");
    await (await app.byTestId("lang-en")).click();
    await app.waitForText('[data-testid="page-title"]', "Staff");
  });
});

test("a customer created with a vehicle is found by a plate fragment and a two-character name fragment", async () => {
  await withApp("create-and-find", { database: tempDatabase() }, async (app) => {
    await createAdministrator(app);
    await setLanguage(app, "zh-CN");
    await (await app.byTestId("archive-new-customer")).click();
    await app.byTestId("customer-form");
    await (await app.byTestId("customer-name")).replace(CUSTOMER.name);
    await (await app.byTestId("customer-mobile")).replace(CUSTOMER.mobile);
    await (await app.byTestId("vehicle-plate")).replace(CUSTOMER.plate);
    await (await app.byTestId("vehicle-vin")).replace(CUSTOMER.vin);
    await (await app.byTestId("vehicle-brand")).replace("一汽-大众 FAW-VW");
    await (await app.byTestId("vehicle-model")).replace("迈腾 Magotan");
    await (await app.byTestId("customer-save")).click();

    await app.waitForText('[data-testid="customer-page-name"]', CUSTOMER.name);
    await app.waitForText('[data-testid="vehicle-card"]', CUSTOMER.plate);
    await app.screenshot("customer-page");
    await (await app.byTestId("customer-back")).click();

    await search(app, "8K7J");
    await search(app, "晓红");
    const rows = await app.findAll('[data-testid="customer-row"]');
    assert.equal(rows.length, 1, "only the matching customer is listed");
  });
});

test("an invalid VIN is named in the active language and nothing is saved", async () => {
  await withApp("invalid-vin", { database: tempDatabase() }, async (app) => {
    await createAdministrator(app);
    for (const [language, label] of [["zh-CN", "车架号"], ["en", "VIN"]]) {
      await setLanguage(app, language);
      await (await app.byTestId("archive-new-customer")).click();
      await app.byTestId("customer-form");
      await (await app.byTestId("customer-name")).replace("钱多多");
      await (await app.byTestId("customer-mobile")).replace("13600136000");
      await (await app.byTestId("vehicle-vin")).replace("LFV2A21K16704291O");
      await (await app.byTestId("vehicle-brand")).replace("一汽奥迪 FAW Audi");
      await (await app.byTestId("vehicle-model")).replace("A6L");
      await (await app.byTestId("customer-save")).click();
      const message = await app.waitForText(".field-vehicles-0-vin .ant-form-item-explain-error", label);
      assert.ok(message.includes(label), `the message names the VIN field: ${message}`);
      await app.screenshot(`invalid-vin-${language}`);
      // Cancel asks before throwing away what was typed.
      await (await app.byTestId("customer-cancel")).click();
      await (await app.byTestId("customer-discard")).click();
      await app.waitGone('[data-testid="customer-form"]');
    }
    const stats = await (await app.byTestId("archive-stats")).text();
    assert.match(stats, /^0\D+0\D+0\D+$/, `nothing was saved: ${stats}`);
    assert.equal((await app.findAll('[data-testid="customer-row"]')).length, 0);
  });
});
