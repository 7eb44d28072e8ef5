// Follow-up calls in the real window: a vehicle handed over today is on the
// call list on its due day (the app started a day ahead on the same database);
// the call sheet prints with the customer, plate and advisor (pdftotext); the
// caller records every answer from the keyboard (number keys and Tab only); the
// CSI figure moves; a second call scoring 2 on friendliness opens a complaint
// linked to its visit.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { DEMO, invokeForValue, localDate, signIn } from "../steps.mjs";
import { KEYS, tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

async function setDate(app, testId, date) {
  await waitUntil(
    async () => {
      try {
        const input = await app.byTestId(testId, { timeout: 15000 });
        await input.replace(date);
        await input.type(KEYS.enter);
        return true;
      } catch (error) {
        if (String(error?.message ?? error).includes("stale element")) return false;
        throw error;
      }
    },
    { timeout: 15000, message: `setting ${testId}` },
  );
}

/** The data-testid of the focused element. */
async function focused(app) {
  return (await (await app.active()).attribute("data-testid")) ?? "";
}

/** Presses Tab until the focus is on `testId` (a person tabbing past a label or a hint). */
async function tabTo(app, testId) {
  for (let i = 0; i < 12; i += 1) {
    if ((await focused(app)) === testId) return;
    await app.keys(KEYS.tab);
  }
  assert.equal(await focused(app), testId, `Tab should reach ${testId}`);
}

/**
 * Answers an open call from the keyboard: outcome 1 (reached), then a digit per
 * question in the questionnaire's order, each followed by Tab; Enter on Save.
 */
async function answerByKeyboard(app, questionnaire, scores) {
  await waitUntil(async () => (await focused(app)) === "call-outcome", { message: "the outcome box to have the focus" });
  await app.keys("1");
  for (const question of questionnaire.questions) {
    await tabTo(app, `answer-${question.key}`);
    await app.keys(String(scores(question)));
  }
  await tabTo(app, "call-save");
  await app.keys(KEYS.enter);
}

async function openCall(app, callId) {
  const cell = await app.find(`[data-call-id="${callId}"]`, { timeout: 20000 });
  await cell.click();
  await app.byTestId("call-panel", { timeout: 15000 });
}

async function statusIs(app, status) {
  await waitUntil(async () => (await (await app.byTestId("call-panel")).attribute("data-status")) === status, {
    timeout: 15000,
    message: `the call to be ${status}`,
  });
}

async function csiShown(app) {
  return Number(await (await app.byTestId("csi-overall", { timeout: 15000 })).attribute("data-value"));
}

test("a handed-over visit is called on its due day, from the printed sheet to the complaint", async () => {
  const database = tempDatabase();
  let visit;

  // Today: the advisor hands over the car that is ready in the demo workshop.
  await withApp("followup-handover", { database, args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.advisor);
    const board = (await invokeForValue(app, "workshop_board")).value;
    const ready = board.visits.find((v) => v.state === "ready");
    visit = (await invokeForValue(app, "get_visit", { id: ready.id })).value;
    const approved = new Set(visit.extraWork.filter((w) => w.status === "approved").map((w) => w.id));
    const lines = visit.order.lines.filter((l) => l.extraWorkId === undefined || approved.has(l.extraWorkId));
    const handover = {
      explainedLineIds: lines.map((l) => l.id),
      invoiceNumber: "FP-E2E-0001",
      paymentMethod: "we_chat_pay",
      amountPaid: visit.totals.total,
      conditionConfirmed: true,
    };
    const handed = await invokeForValue(app, "hand_over", { id: visit.id, handover });
    assert.ok(handed.ok, JSON.stringify(handed.refusal));
    assert.equal(handed.value.state, "handed_over");
  });

  // Tomorrow (the app started a day ahead): the call is on the caller's list.
  await withApp("followup-calls", { database, args: ["--clock-ahead", "1440"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.followup);
    const tomorrow = localDate(1);
    const call = (await invokeForValue(app, "visit_follow_up", { id: visit.id })).value;
    assert.equal(call.call.dueFrom, tomorrow);
    const questionnaire = call.questionnaire;

    await app.tap("nav-followup");
    await app.tap("followup-tab-calls");
    await setDate(app, "followup-date", tomorrow);
    const cell = await app.find(`[data-call-id="${call.call.id}"]`, { timeout: 20000 });
    const row = await cell.attribute("data-testid");
    assert.equal(row, `followup-row-${call.call.row}`);
    await app.screenshot("followup-list");

    // The printed sheet names the customer, the plate and the advisor.
    await app.tap("followup-print");
    const path = await app.waitForText('[data-testid="printed-path"]', (t) => t.endsWith(".pdf"), { timeout: 30000 });
    const text = execFileSync("pdftotext", ["-layout", path.trim(), "-"], { encoding: "utf8" });
    assert.ok(text.includes(visit.customerName), `the sheet names ${visit.customerName}`);
    assert.ok(text.includes(visit.plate), `the sheet names ${visit.plate}`);
    assert.ok(text.includes(visit.advisorName), `the sheet names ${visit.advisorName}`);

    // The CSI before the call, over the period that includes tomorrow.
    await app.tap("followup-tab-csi");
    await setDate(app, "csi-to", tomorrow);
    const before = (await invokeForValue(app, "csi_report", { from: localDate(-89), to: tomorrow })).value;
    await waitUntil(async () => (await csiShown(app)) === before.csi, { timeout: 15000, message: "the CSI before" });

    // The call, answered from the keyboard: 4 on every score, yes to recommending.
    await app.tap("followup-tab-calls");
    await setDate(app, "followup-date", tomorrow);
    await openCall(app, call.call.id);
    await answerByKeyboard(app, questionnaire, (q) => (q.answer === "yes_no" ? 1 : 4));
    await statusIs(app, "completed");
    await app.waitForText('[data-testid="call-csi"]', "75.0", { timeout: 15000 });
    await app.screenshot("followup-call-completed");
    const completed = (await invokeForValue(app, "get_visit", { id: visit.id })).value;
    assert.equal(completed.state, "followed_up");
    await app.tap("call-close");

    // The CSI figure moves to what the backend reports with this survey in it.
    const after = (await invokeForValue(app, "csi_report", { from: localDate(-89), to: tomorrow })).value;
    assert.equal(after.surveys, before.surveys + 1);
    assert.notEqual(after.csi, before.csi);
    await app.tap("followup-tab-csi");
    await setDate(app, "csi-to", tomorrow);
    await waitUntil(async () => (await csiShown(app)) === after.csi, { timeout: 15000, message: "the CSI after the call" });
    await app.screenshot("followup-csi");

    // A second call: friendliness 2 opens a complaint linked to its visit.
    const list = (await invokeForValue(app, "follow_up_calls", { filter: { date: tomorrow } })).value;
    const second = list.find((c) => c.status === "open" && c.id !== call.call.id);
    assert.ok(second, "another open call on the list");
    await app.tap("followup-tab-calls");
    await setDate(app, "followup-date", tomorrow);
    await openCall(app, second.id);
    await answerByKeyboard(app, questionnaire, (q) => {
      if (q.answer === "yes_no") return 1;
      return q.key === "friendliness" ? 2 : 5;
    });
    await statusIs(app, "completed");
    const notice = await app.waitForText('[data-testid="call-complaint"]', (t) => t.length > 0, { timeout: 15000 });
    const detail = (await invokeForValue(app, "get_follow_up_call", { id: second.id })).value;
    assert.ok(detail.complaintNumber && notice.includes(detail.complaintNumber), notice);
    const complaint = (await invokeForValue(app, "get_complaint", { id: detail.call.complaintId })).value;
    assert.equal(complaint.visitId, second.visitId);
    assert.equal(complaint.channel, "follow_up_call");
    assert.equal(complaint.category, "empathy");
    await app.screenshot("followup-hot-alert");
  });
});
