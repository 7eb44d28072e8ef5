// Bringing an old system's archive in, in the real window (issue 15): a GBK CSV
// with a title line, phone numbers stored as numbers and Excel-style dates;
// then the dealer's 200-row workbook with 5 bad rows and 3 rows of customers
// the archive already has. The files are picked in the system's own open
// dialog and the report of the rows not imported is saved through its save
// dialog, answered with xdotool as a person types. The fixtures are made by
// `src-tauri/src/commands/import.rs` (its tests check they are up to date).

import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { answerDialog, createAdministrator, setLanguage } from "../steps.mjs";
import { tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const OPEN_DIALOG = "选择要导入的文件|Choose the file to import";
const SAVE_DIALOG = "保存未导入的行|Save the rows not imported";

/** The rows the workbook refuses (spreadsheet row numbers) and the field each names. */
const BAD_ROWS = [
  ["22", "手机号"],
  ["62", "车牌号"],
  ["92", "客户姓名"],
  ["142", "购车日期"],
  ["182", "行驶里程"],
];

async function pick(app, file) {
  await app.tap("import-pick");
  await answerDialog({ title: OPEN_DIALOG, select: "ctrl+l", text: join(FIXTURES, file), keys: ["Return"] });
  await app.waitForText('[data-testid="import-wizard"]', `文件：${file.split("/").pop()}`, { timeout: 20000 });
}

async function pickPath(app, path) {
  await app.tap("import-pick");
  await answerDialog({ title: OPEN_DIALOG, select: "ctrl+l", text: path, keys: ["Return"] });
}

/** The preview's count of `kind`, as shown. */
async function count(app, kind) {
  const text = await (await app.byTestId(`import-count-${kind}`)).text();
  return Number(text.replace(/[^\d]/g, ""));
}

async function toPreview(app) {
  await app.tap("import-to-columns");
  await app.tap("import-to-preview");
  await app.byTestId("import-preview", { timeout: 20000 });
}

async function previewRows(app) {
  const rows = await app.findAll('[data-testid="import-preview-row"]');
  return Promise.all(rows.map(async (row) => [await row.attribute("data-row"), await row.text()]));
}

async function commit(app) {
  await app.tap("import-commit");
  await app.tap("import-commit-confirm");
  await app.byTestId("import-result", { timeout: 60000 });
}

async function result(app, key) {
  const text = await (await app.byTestId(`import-result-${key}`)).text();
  return Number(text.replace(/[^\d]/g, ""));
}

async function customersInArchive(app) {
  const text = await (await app.byTestId("archive-stats")).text();
  return Number(/([\d,]+)\s*在档客户/.exec(text)?.[1].replace(/,/g, "") ?? NaN);
}

test("an old system's GBK CSV and a 200-row workbook come in with a preview, a report of the bad rows, and nothing twice", async () => {
  const out = mkdtempSync(join(tmpdir(), "caredesk-import-"));
  const report = join(out, "failed-rows.xlsx");
  await withApp("import", { database: tempDatabase() }, async (app) => {
    await createAdministrator(app);
    await setLanguage(app, "zh-CN");

    // 1. The GBK CSV: the title line is skipped, the header found, the numbers read as phones.
    await app.tap("archive-import");
    await pick(app, "customers-gbk.csv");
    await app.waitForText('[data-testid="import-header-row"]', "第 2 行");
    await toPreview(app);
    assert.equal(await count(app, "new"), 3);
    assert.equal(await count(app, "invalid"), 1);
    const [[row, detail]] = await previewRows(app);
    assert.equal(row, "6");
    assert.match(detail, /手机号（B 列）的数字已被 Excel 四舍五入/);
    await commit(app);
    assert.equal(await result(app, "imported"), 3);
    assert.equal(await result(app, "failed"), 1);
    await app.tap("import-close");
    await waitUntil(async () => (await customersInArchive(app)) === 3, { message: "3 customers in the archive" });

    // 2. The dealer's workbook: the preview names each bad row and its field, and the archive's customers.
    await app.tap("archive-import");
    await pick(app, "dealer-archive.xlsx");
    await app.waitForText('[data-testid="import-header-row"]', "第 1 行");
    await toPreview(app);
    assert.equal(await count(app, "total"), 200);
    assert.equal(await count(app, "new"), 192);
    assert.equal(await count(app, "update"), 3);
    assert.equal(await count(app, "invalid"), 5);
    const shown = await previewRows(app);
    const bad = shown.filter(([, text]) => text.includes("有错误"));
    assert.deepEqual(
      bad.map(([r]) => r),
      BAD_ROWS.map(([r]) => r),
    );
    for (const [r, field] of BAD_ROWS) {
      const [, text] = bad.find(([b]) => b === r);
      assert.ok(text.includes(field), `row ${r} names ${field}: ${text}`);
    }
    const updates = shown.filter(([, text]) => text.includes("更新"));
    assert.equal(updates.length, 3);
    for (const name of ["张建国", "李秀英", "王志强"]) {
      assert.ok(
        updates.some(([, text]) => text.includes(name) && text.includes("行驶里程")),
        `${name}'s row updates the mileage`,
      );
    }
    await app.screenshot("import-preview-zh-CN");

    // 3. The commit imports the rest; the report of the 5 is saved through the save dialog.
    await commit(app);
    assert.equal(await result(app, "imported"), 192);
    assert.equal(await result(app, "updated"), 3);
    assert.equal(await result(app, "failed"), 5);
    assert.equal((await app.findAll('[data-testid="import-failed-row"]')).length, 5);
    await app.tap("import-save-failed");
    await answerDialog({ title: SAVE_DIALOG, text: report, keys: ["Return"] });
    await waitUntil(() => existsSync(report), { message: "the report written" });
    await app.tap("import-close");
    await waitUntil(async () => (await customersInArchive(app)) === 195, { message: "195 customers in the archive" });

    // 4. The report lists the 5 rows, each still refused for its field.
    await app.tap("archive-import");
    await pickPath(app, report);
    await app.waitForText('[data-testid="import-wizard"]', "failed-rows.xlsx", { timeout: 20000 });
    await toPreview(app);
    assert.equal(await count(app, "total"), 5);
    assert.equal(await count(app, "invalid"), 5);
    const again = await previewRows(app);
    for (const [[, field], [, text]] of BAD_ROWS.map((b, i) => [b, again[i]])) {
      assert.ok(text.includes(field), `the report's row names ${field}: ${text}`);
    }

    // 5. The workbook again: every good row is already there; nothing to import.
    await (await app.find(".ant-modal-close")).click();
    await app.waitGone('[data-testid="import-wizard"]');
    await app.tap("archive-import");
    await pick(app, "dealer-archive.xlsx");
    await toPreview(app);
    assert.equal(await count(app, "new"), 0);
    assert.equal(await count(app, "update"), 0);
    assert.equal(await count(app, "skip"), 195);
    assert.equal(await count(app, "invalid"), 5);
    const button = await app.byTestId("import-commit");
    assert.equal(await button.property("disabled"), true);
    assert.match(await button.text(), /没有需要导入的行/);
    await (await app.find(".ant-modal-close")).click();
    assert.equal(await customersInArchive(app), 195);
  });
});
