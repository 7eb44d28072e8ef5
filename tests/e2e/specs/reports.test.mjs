// The manager's dashboard in the real window, on the demo's year of history:
// every KPI card of the last complete month has a value; the escalation rate's
// records are exactly the month's escalated complaints; the exported workbook
// (through the system's save dialog) and the printed A4 report (pdftotext)
// carry the screen's figures. Then an advisor: only their own figures and
// their own league row, and asking the command for another advisor's is refused.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { answerDialog, DEMO, invokeForValue, signIn } from "../steps.mjs";
import { KEYS, tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

/** The KPI names, from the locale source the screen, the workbook and the paper share. */
const KPI_NAMES = JSON.parse(readFileSync(new URL("../../../crates/locale/zh-CN.json", import.meta.url), "utf8")).kpiKey;

const KPIS = [
  "csi", "callsInWindow", "reachRate", "oneTimeResolution", "escalationRate", "minutesToAssign", "minutesToClose",
  "showRate", "onTimeHandover", "repairOrders", "revenue", "averagePerOrder", "extraWorkApproval", "declinedRecovered",
  "careBooked", "careVisited", "campaignAttendance", "campaignRevenue", "campaignReturn", "customersLost",
  "customersBack",
];

const pad = (n) => String(n).padStart(2, "0");
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The screen's default period: the last complete calendar month. */
function lastMonth() {
  const now = new Date();
  return {
    from: day(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    to: day(new Date(now.getFullYear(), now.getMonth(), 0)),
  };
}

/** Every card's value as the screen shows it, once all have loaded. */
async function cardValues(app) {
  const values = {};
  for (const key of KPIS) {
    values[key] = await app.waitForText(`[data-testid="kpi-value-${key}"]`, (t) => t.trim().length > 0, {
      timeout: 30000,
    });
  }
  return values;
}

/** The number a formatted figure shows, with its decimals: `¥12,345.60` → [12345.6, 2]. */
function shown(text) {
  const digits = text.replace(/[^0-9.-]/g, "");
  const decimals = digits.includes(".") ? digits.split(".")[1].length : 0;
  return [Number(digits), decimals];
}

/** The cells of a workbook's first sheet, by reference (`B5`), shared strings resolved. */
function firstSheet(path) {
  const unzip = (member) => execFileSync("unzip", ["-p", path, member], { encoding: "utf8" });
  const strings = [...unzip("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(""),
  );
  const cells = new Map();
  for (const m of unzip("xl/worksheets/sheet1.xml").matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, ref, attributes, body = ""] = m;
    const value = /<v>([^<]*)<\/v>/.exec(body)?.[1];
    if (value === undefined) continue;
    cells.set(ref, /t="s"/.test(attributes) ? strings[Number(value)] : value);
  }
  return cells;
}

/** The local day of an instant, as the store puts a complaint in a period. */
const localDay = (instant) => day(new Date(instant));

test("the manager's dashboard: every card, the escalated complaints, the workbook and the printed report", async () => {
  await withApp("reports", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.manager);
    await app.tap("nav-reports");
    const period = lastMonth();

    // Every card of the last complete month has a value.
    const values = await cardValues(app);
    for (const key of KPIS) {
      assert.notEqual(values[key].trim(), "无数据", `the card ${key} has a value (${values[key]})`);
      assert.ok(!/NaN|undefined/.test(values[key]), `the card ${key} shows a number: ${values[key]}`);
    }
    await app.screenshot("reports-zh-CN");

    // The escalation rate's records: exactly the month's escalated complaints.
    const complaints = (await invokeForValue(app, "list_complaints", { openOnly: false })).value;
    const escalated = complaints
      .filter((c) => c.escalations.length > 0)
      .filter((c) => localDay(c.receivedAt) >= period.from && localDay(c.receivedAt) <= period.to)
      .map((c) => c.number)
      .sort();
    assert.ok(escalated.length > 0, "the demo escalated a complaint last month");
    await app.tap("kpi-value-escalationRate");
    await waitUntil(async () => (await app.findAll('[data-testid="kpi-records"] tr[data-row-key]')).length > 0, {
      timeout: 20000,
      message: "the escalated complaints listed",
    });
    const listed = await waitUntil(
      async () => {
        const rows = await app.findAll('[data-testid="kpi-records"] tr[data-row-key]');
        const texts = await Promise.all(rows.map((r) => r.text()));
        const numbers = texts.map((t) => /TS\d{8}-\d{3}/.exec(t)?.[0]).filter(Boolean).sort();
        return numbers.length === rows.length ? numbers : null;
      },
      { timeout: 10000, message: "every record row with its complaint number" },
    );
    assert.deepEqual(listed, escalated, "the drill-down lists exactly the escalated complaints of the period");
    await app.keys(KEYS.escape); // closes the drawer
    await app.waitGone('[data-testid="kpi-records"]').catch(() => {});

    // The workbook, saved through the system's save dialog, carries the screen's figures.
    const out = mkdtempSync(join(tmpdir(), "caredesk-report-"));
    const workbook = join(out, "report.xlsx");
    await app.tap("report-export");
    await answerDialog({ title: "导出|Export", text: workbook, keys: ["Return"] });
    await waitUntil(() => existsSync(workbook), { timeout: 20000, message: "the workbook saved" });
    const cells = firstSheet(workbook);
    for (const key of KPIS) {
      const name = KPI_NAMES[key];
      const row = [...cells].find(([ref, text]) => ref.startsWith("A") && text === name)?.[0]?.slice(1);
      assert.ok(row, `the workbook has a row for ${key} (${name})`);
      const [screen, decimals] = shown(values[key]);
      const cell = cells.get(`B${row}`);
      assert.equal(Number(cell).toFixed(decimals), screen.toFixed(decimals), `${key}: workbook ${cell}, screen ${values[key]}`);
    }

    // The printed report carries the same figures.
    await app.tap("report-print");
    const path = await app.waitForText('[data-testid="printed-path"]', (t) => t.endsWith(".pdf"), { timeout: 30000 });
    const pdf = execFileSync("pdftotext", ["-layout", path.trim(), "-"], { encoding: "utf8" });
    for (const key of KPIS) {
      assert.ok(pdf.includes(values[key].trim()), `the printed report shows ${key}: ${values[key]}`);
    }

    // For the advisor's part: another advisor's id, from the manager's league.
    const league = (await invokeForValue(app, "reports_league", { query: period })).value;
    const other = league.find((row) => row.advisorName !== DEMO.advisor.name);
    assert.ok(other, "the league has another advisor");

    await (await app.byTestId("user-menu")).click();
    await (await app.byTestId("menu-sign-out")).click();
    await signIn(app, DEMO.advisor);
    await app.tap("nav-reports");
    await cardValues(app);
    assert.equal((await app.findAll('[data-testid="report-advisor"]')).length, 0, "an advisor has no advisor filter");
    const rows = await waitUntil(
      async () => {
        const found = await app.findAll('[data-testid="advisor-league"] tr[data-row-key]');
        return found.length > 0 ? found : null;
      },
      { timeout: 20000, message: "the advisor's league row" },
    );
    assert.equal(rows.length, 1, "an advisor sees their own row only");
    await app.screenshot("reports-advisor-zh-CN");
    assert.ok((await rows[0].text()).includes(DEMO.advisor.name));
    const own = await invokeForValue(app, "reports_dashboard", { query: period });
    assert.ok(own.ok);
    assert.notEqual(own.value.advisor, undefined, "an advisor's dashboard is their own");
    assert.notEqual(own.value.advisor, other.advisorId);
    const refused = await invokeForValue(app, "reports_dashboard", { query: { ...period, advisor: other.advisorId } });
    assert.equal(refused.ok, false);
    assert.equal(refused.refusal.kind, "forbidden", "another advisor's figures are refused");
  });
});
