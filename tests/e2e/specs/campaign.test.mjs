// A care event in the real window, as the manager runs it: the seed's September
// plan "随心驾驭，安全随行" with its activities, prizes and budget lines (the
// total computed, not the seed's 11,000); a segment of one model not seen for six
// months, with the customers without consent counted out; invitations, answers,
// the invitation sheet (pdftotext); on the day three guests checked in by plate or
// phone, the lottery drawn until the stock is gone and the next draw refused;
// the results.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { answerDialog, choose, DEMO, fill, invokeForValue, localDate, signIn } from "../steps.mjs";
import { KEYS, tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

async function typeDate(app, testId, date) {
  await fill(app, testId, date);
  await (await app.byTestId(testId)).type(KEYS.enter);
}

async function attributeIs(app, testId, name, expected, message) {
  return waitUntil(
    async () => {
      const value = await (await app.byTestId(testId, { timeout: 5000 })).attribute(name);
      return (typeof expected === "function" ? expected(value) : value === String(expected)) ? value : null;
    },
    { timeout: 20000, message: message ?? `${testId} ${name} to be ${expected}` },
  );
}

const ACTIVITIES = [
  ["lecture", "安全驾驶讲座"],
  ["diy_challenge", "自己动手排除小故障"],
  ["lottery", "抽奖（30 个球，每人一次）"],
  ["trip", "国庆自驾游"],
];

const PRIZES = [
  ["1000 元保养工时卡", "1", "1000"],
  ["1000 元精品", "1", "1000"],
];

// The seed's lines: quantity and unit price as typed; the amounts are the app's.
const BUDGET = [
  ["应急包", "1", "2500"],
  ["油费 1.9 元 × 2 × 7 × 8 × 10", "1120", "1.90"],
  ["门票", "20", "200"],
  ["餐费", "100", "20"],
  ["零食", "1", "1000"],
  ["导游", "6", "200"],
  ["其他", "1", "300"],
];

test("the September care event: plan, segment, invitations, check-in, lottery and results", async () => {
  await withApp("campaign", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.manager);
    await app.tap("nav-campaigns");
    await app.tap("campaigns-new");

    // The plan.
    await fill(app, "campaign-theme", "随心驾驭，安全随行");
    await typeDate(app, "campaign-starts", localDate(0));
    await typeDate(app, "campaign-ends", localDate(1));
    await fill(app, "campaign-venue", "本店客户休息区及售后车间");
    await fill(app, "campaign-background", "国庆七天长假，自驾出游成为时尚；面向本品牌车主和潜在客户。");
    await fill(app, "campaign-objectives", "节前集客；提升品牌形象；促进销售沟通。");
    for (const [i, [kind, title]] of ACTIVITIES.entries()) {
      await app.tap("activity-add");
      await choose(app, `activity-${i}-kind`, kind);
      await fill(app, `activity-${i}-title`, title);
    }
    for (const [i, [name, stock, value]] of PRIZES.entries()) {
      await app.tap("prize-add");
      await fill(app, `prize-${i}-name`, name);
      await fill(app, `prize-${i}-stock`, stock);
      await fill(app, `prize-${i}-value`, value);
    }
    for (const [i, [item, quantity, price]] of BUDGET.entries()) {
      await app.tap("budget-add");
      await fill(app, `budget-${i}-item`, item);
      await fill(app, `budget-${i}-quantity`, quantity);
      await fill(app, `budget-${i}-price`, price);
    }
    await app.tap("campaign-save");
    await app.byTestId("campaign-page", { timeout: 20000 });
    // 2,500 + 2,128 + 4,000 + 2,000 + 1,000 + 1,200 + 300 = 13,128 yuan.
    await attributeIs(app, "budget-total", "data-fen", 1312800);
    await attributeIs(app, "budget-1-amount", "data-fen", 212800);
    await app.screenshot("campaign-plan");
    const campaigns = (await invokeForValue(app, "list_campaigns")).value;
    const campaign = campaigns.find((c) => c.theme === "随心驾驭，安全随行");

    // The segment: the commonest model, last visit older than six months.
    const model = (await invokeForValue(app, "vehicle_models")).value[0];
    const expected = (await invokeForValue(app, "segment_count", { segment: { models: [model], lastVisitMonths: 6 } }))
      .value;
    assert.ok(expected.excludedNoConsent > 0, "the demo has customers without consent among them");
    await app.tap("campaign-tab-segment");
    await choose(app, "segment-models", model);
    await (await app.byTestId("segment-models")).type(KEYS.escape).catch(() => {});
    await fill(app, "segment-last-visit-months", "6");
    await attributeIs(app, "segment-count", "data-value", expected.customers);
    await attributeIs(app, "segment-excluded", "data-value", expected.excludedNoConsent);
    await app.screenshot("campaign-segment");
    await app.tap("segment-save");
    await app.tap("segment-invite");
    await waitUntil(
      async () => (await invokeForValue(app, "get_campaign", { id: campaign.id })).value.turnout.invited === expected.customers,
      { timeout: 20000, message: "the segment invited" },
    );

    // Planned: the answers, and the invitation sheet.
    await app.tap("campaign-status-planned");
    await attributeIs(app, "campaign-page", "data-status", "planned");
    await app.tap("campaign-tab-guests");
    const guests = (await invokeForValue(app, "campaign_invitations", { id: campaign.id })).value;
    for (const [guest, rsvp] of [
      [guests[0], "yes"],
      [guests[1], "yes"],
      [guests[2], "maybe"],
      [guests[3], "not_reached"],
    ]) {
      await app.tap(`rsvp-${guest.id}-${rsvp}`);
      await attributeIs(app, `guest-row-${guest.row}`, "data-rsvp", rsvp);
    }
    await app.tap("campaign-print-invitations");
    const path = await app.waitForText('[data-testid="printed-path"]', (t) => t.endsWith(".pdf"), { timeout: 30000 });
    const sheet = execFileSync("pdftotext", ["-layout", path.trim(), "-"], { encoding: "utf8" });
    for (const guest of guests.slice(0, 4)) {
      assert.ok(sheet.includes(guest.customerName), `the invitation sheet names ${guest.customerName}`);
    }

    // The day: three guests checked in, found by plate or phone.
    await app.tap("campaign-status-running");
    await attributeIs(app, "campaign-page", "data-status", "running");
    await app.tap("campaign-tab-checkin");
    for (const guest of guests.slice(0, 3)) {
      const search = guest.plate ?? guest.mobile;
      await fill(app, "checkin-search", search.slice(-5));
      await app.tap(`checkin-${guest.customerId}`, { timeout: 20000 });
    }
    await attributeIs(app, "checkin-count", "data-value", 3);
    await app.screenshot("campaign-checkin");

    // The lottery: two prizes for three attendees; the third draw is refused.
    await app.tap("campaign-tab-lottery");
    await app.tap(`draw-${guests[0].id}`);
    await app.waitForText('[data-testid="draw-result"]', "1000 元", { timeout: 15000 });
    await app.tap(`draw-${guests[1].id}`);
    await waitUntil(async () => (await invokeForValue(app, "campaign_draws", { id: campaign.id })).value.length === 2, {
      message: "two draws",
    });
    await app.tap(`draw-${guests[2].id}`);
    await app.waitForText('[data-testid="draw-error"]', (t) => t.length > 0, { timeout: 15000 });
    const draws = (await invokeForValue(app, "campaign_draws", { id: campaign.id })).value;
    assert.equal(draws.length, 2);
    await app.screenshot("campaign-lottery");

    // Finished: the results.
    await app.tap("campaign-status-finished");
    await attributeIs(app, "campaign-page", "data-status", "finished");
    await app.tap("campaign-tab-results");
    await attributeIs(app, "results-invited", "data-value", expected.customers);
    await attributeIs(app, "results-confirmed", "data-value", 2);
    await attributeIs(app, "results-attended", "data-value", 3);
    await app.byTestId("results-chart");
    await app.screenshot("campaign-results");

    // Save as picture: the chart drawn as a PNG, saved where the person picks.
    const picture = join(mkdtempSync(join(tmpdir(), "caredesk-chart-")), "turnout.png");
    const icons = await waitUntil(
      () =>
        app.execute(`
          const box = document.querySelector('[data-testid="results-chart"]');
          const frame = box.getBoundingClientRect();
          const icons = [...box.querySelectorAll("svg path")].filter((p) => {
            const r = p.getBoundingClientRect();
            return r.width > 4 && r.width < 30 && r.top - frame.top < 40 && frame.right - r.right < 40;
          });
          icons.forEach((p, i) => p.setAttribute("data-e2e-icon", String(i)));
          return icons.length;`),
      { message: "the chart's save button" },
    );
    assert.equal(icons, 1);
    await (await app.find('[data-e2e-icon="0"]')).click();
    await answerDialog({ title: "保存图片|Save the picture", text: picture, keys: ["Return"] });
    await waitUntil(() => existsSync(picture), { message: "the picture saved" });
    assert.deepEqual([...readFileSync(picture).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG");
  });
});
