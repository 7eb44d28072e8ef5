// Live desks in team mode: two app processes on one PostgreSQL database, as a
// dealership's care event and its complaints desk run.
// - The manager's desk A has a complaint registered; desk B starts with its clock
//   61 minutes ahead (an hour later, nobody has taken the complaint): B's check
//   escalates it, and A's badge shows the escalation without a click.
// - On the day of a care event, B is the check-in desk and A the lottery desk:
//   a guest checked in on B appears among A's attendees waiting to draw.
// - Then 30 more check-ins on B, one after another, each timed from B's commit
//   to the moment A's screen shows the guest; the figures (median, p95, max) are
//   printed and written to `live-latency.json` in the screenshots directory.
// Runs when `cargo xtask test` (or `cargo xtask e2e`) gives it a cluster.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { test } from "node:test";

import { DEMO, fill, invokeForValue, localDate, signIn } from "../steps.mjs";
import { waitUntil, withApp } from "../webdriver.mjs";

const CLUSTER = process.env.CAREDESK_TEST_POSTGRES;
const SAMPLES = 30;

function psql(url, sql) {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], { encoding: "utf8", timeout: 30000 });
}

/** A database of its own on the test cluster, dropped at the end. */
function serverDatabase() {
  const name = `caredesk_e2e_live_${process.pid}`;
  psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(CLUSTER, `CREATE DATABASE ${name}`);
  const url = new URL(CLUSTER);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** The desk's address: the same database, told apart by its application name. */
function desk(url, which) {
  const address = new URL(url);
  address.searchParams.set("application_name", `caredesk-desk-${which}`);
  return address.toString();
}

async function value(app, command, args) {
  const answer = await invokeForValue(app, command, args);
  assert.ok(answer.ok, `${command}: ${JSON.stringify(answer.refusal)}`);
  return answer.value;
}

/** The badge of escalated complaints in `app`'s navigation: its count, 0 when not shown. */
async function escalatedBadge(app) {
  return app.execute(
    `const badge = document.querySelector('[data-testid="complaints-escalated-count"]');
     return badge ? Number(badge.getAttribute("title") ?? badge.textContent.replace(/\\D/g, "")) : 0;`,
  );
}

/**
 * From now on, `app`'s page notes when each lottery button (`draw-<invitation>`)
 * first appears: `window.__seen[id]` is the page's Date.now() at that moment.
 */
async function watchAttendees(app) {
  await app.execute(`
    window.__seen = window.__seen ?? {};
    const note = () => {
      for (const button of document.querySelectorAll('[data-testid^="draw-"]')) {
        const id = button.getAttribute("data-testid").slice(5);
        if (/^\\d+$/.test(id) && !(id in window.__seen)) window.__seen[id] = Date.now();
      }
    };
    note();
    window.__watch?.disconnect();
    window.__watch = new MutationObserver(note);
    window.__watch.observe(document.body, { childList: true, subtree: true });
  `);
}

/** Checks `customerId` in on `app` from its page; the page's clock when the command came back committed. */
function checkInTimed(app, campaignId, customerId) {
  return app.execute(
    `return window.__TAURI_INTERNALS__.invoke("check_in_guest", arguments[0])
       .then((value) => ({ ok: true, value, committedAt: Date.now() }), (refusal) => ({ ok: false, refusal }));`,
    [{ id: campaignId, customerId, walkIn: true }],
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

test("live desks: an escalation by the clock and a check-in reach the other desk's screen", { skip: !CLUSTER && "no PostgreSQL test cluster" }, async () => {
  const database = serverDatabase();
  try {
    await withApp("live-desk-a", { database: desk(database.url, "a"), args: ["--demo"] }, async (a) => {
      await (await a.byTestId("lang-zh-CN", { timeout: 30000 })).click();
      await signIn(a, DEMO.manager);
      const customers = await value(a, "search_customers", {
        query: { text: "", includeArchived: false, leadsOnly: false, limit: 100 },
      });
      const withPhone = customers.filter((c) => c.mobile);
      assert.ok(withPhone.length > SAMPLES + 2, "the demo has enough customers");
      const [complainer, guest, ...others] = withPhone;

      // A serious complaint, received now on A: an hour with no handler escalates it.
      const complaint = await value(a, "register_complaint", {
        input: {
          customerId: complainer.id,
          channel: "phone",
          severity: "serious",
          category: "reliability",
          description: "保养后第二天发动机故障灯又亮了",
          request: "免费重新检查",
        },
      });
      const before = await escalatedBadge(a);

      // The care event of today, running, with a lottery of 100 prizes.
      const campaign = await value(a, "create_campaign", {
        input: {
          theme: "车主关爱日",
          startsOn: localDate(0),
          endsOn: localDate(1),
          venue: "本店客户休息区",
          background: "老客户回厂关怀",
          objectives: "集客；提升满意度",
          activities: [{ kind: "lottery", title: "抽奖（每人一次）", notes: "" }],
          prizes: [{ name: "保养工时卡", stock: 100, unitValue: 10000 }],
          budget: [],
          attributionDays: 30,
        },
      });
      await value(a, "set_campaign_status", { id: campaign.id, status: "planned" });
      await value(a, "set_campaign_status", { id: campaign.id, status: "running" });

      // Desk A opens the event's lottery, with nobody checked in yet.
      await a.tap("nav-campaigns");
      await a.tap(`campaign-row-${campaign.id}`);
      await a.tap("campaign-tab-lottery");
      await a.byTestId("campaign-lottery", { timeout: 15000 });
      await watchAttendees(a);

      // Desk B, an hour and a minute later by its clock.
      await withApp("live-desk-b", { database: desk(database.url, "b"), args: ["--clock-ahead", "61"] }, async (b) => {
        await (await b.byTestId("lang-zh-CN", { timeout: 30000 })).click();
        await signIn(b, DEMO.followup);
        // B's check of the time limits, run as it signs in, escalates the complaint …
        const escalated = await waitUntil(
          async () => {
            const alerts = await value(b, "complaint_alerts");
            return alerts.escalatedOpen > before ? alerts.escalatedOpen : null;
          },
          { timeout: 20000, message: "desk B escalating the complaint" },
        );
        const raisedAt = Date.now();
        const onA = (await value(a, "get_complaint", { id: complaint.id })).escalations;
        assert.ok(onA.length > 0, "the complaint is escalated in the database");
        // … and A's badge counts it without a click (A's own clock is an hour behind: it escalated nothing).
        await waitUntil(async () => ((await escalatedBadge(a)) === escalated ? true : null), {
          timeout: 5000,
          message: `desk A's badge to show ${escalated} escalated`,
        });
        console.log(`desk B's escalation on desk A's badge within ${Date.now() - raisedAt} ms of B reading it`);
        await a.screenshot("live-desk-a-escalated-badge");

        // The check-in desk: B finds the guest by phone and checks them in as a walk-in.
        await b.tap("nav-campaigns");
        await b.tap(`campaign-row-${campaign.id}`);
        await b.tap("campaign-tab-checkin");
        await fill(b, "checkin-search", guest.mobile.slice(-5));
        await b.tap(`checkin-walkin-${guest.id}`, { timeout: 20000 });
        await b.tap("checkin-walkin-confirm");
        const clicked = Date.now();
        const invitation = await waitUntil(
          async () => (await value(b, "campaign_invitations", { id: campaign.id })).find((i) => i.customerId === guest.id),
          { message: "the guest checked in on desk B" },
        );
        // A's lottery lists the guest among the attendees, by itself.
        await a.byTestId(`draw-${invitation.id}`, { timeout: 5000 });
        const shown = Date.now() - clicked;
        assert.ok(shown <= 2000, `desk A's lottery showed B's check-in after ${shown} ms`);
        await a.waitForText('[data-testid="lottery-waiting"]', (t) => t.includes(guest.name));
        await a.screenshot("live-desk-a-lottery");
        await b.screenshot("live-desk-b-checkin");

        // The figures: one check-in at a time on B, from its commit to A's screen.
        const latencies = [];
        for (const customer of others.slice(0, SAMPLES)) {
          const done = await checkInTimed(b, campaign.id, customer.id);
          assert.ok(done.ok, `check-in of ${customer.name}: ${JSON.stringify(done.refusal)}`);
          const id = String(done.value.id);
          const seenAt = await waitUntil(() => a.execute("return window.__seen[arguments[0]] ?? null", [id]), {
            timeout: 5000,
            message: `${customer.name} on desk A's lottery`,
          });
          latencies.push(seenAt - done.committedAt);
        }
        const sorted = [...latencies].sort((x, y) => x - y);
        const figures = {
          samples: sorted.length,
          medianMs: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
          maxMs: sorted.at(-1),
          minMs: sorted[0],
          latenciesMs: latencies,
        };
        console.log(
          `commit on desk B → desk A's screen, ${figures.samples} check-ins: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms`,
        );
        writeFileSync(join(process.env.CAREDESK_E2E_OUT ?? tmpdir(), "live-latency.json"), JSON.stringify(figures, null, 2));
        assert.ok(figures.maxMs <= 2000, `every check-in reached desk A within 2 s (max ${figures.maxMs} ms)`);
        await a.screenshot("live-desk-a-lottery-full");
      });
    });
  } finally {
    psql(CLUSTER, `DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
  }
});
