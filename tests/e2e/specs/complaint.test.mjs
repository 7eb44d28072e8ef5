// A serious complaint in the real window: registered from a customer's page
// against one of their visits; an hour later (the app started with
// --clock-ahead 61 on the same database) it shows as escalated to the manager;
// the manager assigns it, the five recovery steps are recorded, it is resolved
// and closed with the return call; the KPIs on screen match.

import assert from "node:assert/strict";
import { test } from "node:test";

import { choose, DEMO, fill, invokeForValue, localDate, signIn } from "../steps.mjs";
import { KEYS, tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

const RECOVERY = ["apology", "urgent_restoration", "empathy", "symbolic_compensation", "follow_up"];

async function typeDate(app, testId, date) {
  await fill(app, testId, date);
  await (await app.byTestId(testId)).type(KEYS.enter);
}

async function stateIs(app, state) {
  await waitUntil(async () => (await (await app.byTestId("complaint-state")).attribute("data-state")) === state, {
    timeout: 15000,
    message: `the complaint to be ${state}`,
  });
}

test("a serious complaint escalates after an hour unassigned, and is recovered and closed", async () => {
  const database = tempDatabase();
  let complaintId;
  let customerName;

  await withApp("complaint-register", { database, args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.advisor);
    // A customer of the demo dealership whose car was handed over three days ago.
    const board = (await invokeForValue(app, "appointment_board", { from: localDate(-3), days: 1 })).value;
    const visit = board.visits.find((v) => v.state === "handed_over");
    customerName = visit.customerName;

    await app.tap("nav-archive");
    await fill(app, "archive-search", visit.plate);
    await waitUntil(async () => (await app.findAll('[data-testid="customer-row"]')).length === 1, {
      message: "the customer found by plate",
    });
    await (await app.find('[data-testid="customer-row"] td')).click();
    await app.tap("customer-register-complaint");
    await choose(app, "complaint-visit", visit.id);
    await choose(app, "complaint-channel", "phone");
    await choose(app, "complaint-severity", "serious");
    await choose(app, "complaint-category", "reliability");
    await fill(app, "complaint-description", "保养后第二天发动机故障灯又亮了，客户很生气");
    await fill(app, "complaint-request", "免费重新检查，并给个说法");
    await app.tap("complaint-submit");
    await app.byTestId("complaint-page", { timeout: 15000 });
    await stateIs(app, "received");
    const number = await (await app.byTestId("complaint-number")).text();
    const list = (await invokeForValue(app, "list_complaints", { openOnly: true })).value;
    complaintId = list.find((c) => number.includes(c.number)).id;
  });

  // An hour and a minute later, nobody has taken it: the manager sees it escalated.
  await withApp("complaint-escalated", { database, args: ["--clock-ahead", "61"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.manager);
    await app.waitForText('[data-testid="complaints-escalated-count"]', "1", { timeout: 20000 });
    await app.tap("nav-complaints");
    await app.byTestId(`complaint-escalated-${complaintId}`, { timeout: 15000 });
    await app.screenshot("complaint-escalated-list");
    await (await app.find(`[data-testid="complaint-row-${complaintId}"] td`)).click();
    await stateIs(app, "received");
    await app.waitForText('[data-testid="complaint-escalations"]', (t) => t.length > 0);

    const manager = (await invokeForValue(app, "complaint_handlers")).value.find((m) => m.name === DEMO.manager.name);
    await choose(app, "complaint-handler", manager.id);
    await app.tap("complaint-assign");
    await stateIs(app, "assigned");
    await fill(app, "complaint-note", "已致电客户致歉，约明早到店检查");
    await app.tap("complaint-contact");
    await stateIs(app, "contacted");
    await fill(app, "complaint-note", "免费检查点火系统，更换故障零件");
    await app.tap("complaint-agree");
    await stateIs(app, "agreed");

    // The five steps of service recovery, the compensation with its cost.
    const today = localDate(0);
    for (const step of RECOVERY) {
      await typeDate(app, `recovery-${step}-date`, today);
      await fill(app, `recovery-${step}-note`, "已完成");
      if (step === "symbolic_compensation") {
        await fill(app, "recovery-compensation", "赠送保养券一张");
        await fill(app, "recovery-cost", "200");
      }
      await app.tap(`recovery-${step}-save`);
      await app.byTestId(`recovery-${step}-done`, { timeout: 15000 });
    }

    await typeDate(app, "complaint-resolve-date", today);
    await fill(app, "complaint-solution", "更换点火线圈，故障排除");
    await app.tap("complaint-resolve");
    await stateIs(app, "resolved");
    await fill(app, "complaint-note", "回访：客户表示满意，感谢及时处理");
    await app.tap("complaint-return-call");
    await stateIs(app, "return_called");
    await app.tap("complaint-close");
    await stateIs(app, "closed");
    await app.screenshot("complaint-closed");

    // One complaint today (the demo's low follow-up scores opened theirs on earlier days),
    // closed after an escalation: one-time resolution 0%, escalation 100%.
    await app.tap("nav-complaints");
    await app.tap("complaints-tab-kpis");
    await typeDate(app, "kpi-since", today);
    await app.waitForText('[data-testid="kpi-total"]', (t) => t.trim() === "1", { timeout: 15000 });
    assert.match(await (await app.byTestId("kpi-one-time")).text(), /0\.0\s*%/);
    assert.match(await (await app.byTestId("kpi-escalation")).text(), /100\.0\s*%/);
    assert.match(await (await app.byTestId("kpi-reopened")).text(), /0/);
    await app.screenshot("complaint-kpis");
    assert.ok(customerName);
  });
});
