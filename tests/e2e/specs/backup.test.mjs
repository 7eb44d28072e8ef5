// Back up, change the archive, restore: the app shows the archive as it was.

import assert from "node:assert/strict";
import { test } from "node:test";

import { DEMO, setLanguage, signIn } from "../steps.mjs";
import { tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

async function openBackups(app) {
  await (await app.byTestId("open-settings")).click();
  await app.byTestId("settings-backup-now");
}

async function closeSettings(app) {
  await app.execute("document.activeElement && document.activeElement.blur();");
  const close = await app.find(".ant-modal-close, .ant-drawer-close");
  await close.click();
  await app.waitGone('[data-testid="settings-backup-now"]');
}

test("a backup restores the archive as it was, and the app shows it", async () => {
  await withApp("backup-restore", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await signIn(app, DEMO.admin);
    await setLanguage(app, "en");
    await openBackups(app);
    const before = (await app.findAll('[data-testid="backup-row"]')).length;
    await (await app.byTestId("settings-backup-now")).click();
    await waitUntil(async () => (await app.findAll('[data-testid="backup-row"]')).length > before, {
      message: "the new backup in the list",
    });
    await closeSettings(app);

    // A customer added after the backup.
    await (await app.byTestId("archive-new-customer")).click();
    await (await app.byTestId("customer-name")).replace("备份之后");
    await (await app.byTestId("customer-mobile")).replace("19912345678");
    await (await app.find('[data-testid="vehicle-remove"]')).click();
    await (await app.byTestId("customer-save")).click();
    await app.waitForText('[data-testid="customer-page-name"]', "备份之后");
    await (await app.byTestId("customer-back")).click();
    await app.waitForText('[data-testid="archive-stats"]', "301");

    await openBackups(app);
    const rows = await app.findAll('[data-testid="backup-row"]');
    let manual = null;
    for (const row of rows) {
      if (/manual/i.test(await row.text())) {
        manual = row;
        break;
      }
    }
    assert.ok(manual, "the manual backup is listed");
    await (await manual.findAll('[data-testid="backup-restore"]'))[0].click();
    await (await app.byTestId("backup-restore-confirm")).click();

    await signIn(app, DEMO.admin);
    const stats = await app.waitForText('[data-testid="archive-stats"]', "300");
    assert.ok(!stats.includes("301"), stats);
    await (await app.byTestId("archive-search")).replace("备份之后");
    await app.byTestId("archive-search");
    await waitUntil(async () => (await app.findAll('[data-testid="customer-row"]')).length === 0, {
      message: "the customer added after the backup to be gone",
    });
  });
});
