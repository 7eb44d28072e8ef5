// Start-up and memory of CareDesk against a bare Tauri window (issue 12 item 4).
// Run by `cargo xtask bench startup`, which provides Xvfb, a D-Bus session and these variables:
//   CAREDESK_BENCH_APP    the CareDesk release binary
//   CAREDESK_BENCH_BARE   the bare window's release binary (tests/bare-window)
//   CAREDESK_BENCH_LARGE  a copy of the 1,000,000-customer database (optional)
//   CAREDESK_BENCH_SIZES  {"caredesk": bytes, "bare": bytes}, the stripped binaries
//   CAREDESK_BENCH_JSON   where the results go (JSON)
//   CAREDESK_BENCH_RUNS   launches of each (default 5), alternating bare / CareDesk
// and, for tests/e2e/webdriver.mjs, CAREDESK_TAURI_DRIVER and CAREDESK_E2E_OUT.
//
// Start-up: ms from just before POST /session to the moment the first content element is
// displayed (the bare window's #first-content; CareDesk's start screen, #boot, painted
// by index.html), and to the working form (CareDesk's sign-in or set-up form; for the
// bare window, its one element again).
// Memory: the PSS summed over the app's processes (the app and WebKit's processes,
// descendants of the session's tauri-driver, without tauri-driver and WebKitWebDriver),
// once it holds within 2% for 1 s. Every step has a deadline.

import { readFileSync, readdirSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { Session, waitUntil } from "../e2e/webdriver.mjs";
import { DEMO, createAdministrator, signIn } from "../e2e/steps.mjs";

const RUNS = Number(process.env.CAREDESK_BENCH_RUNS ?? 5);
const APP = required("CAREDESK_BENCH_APP");
const BARE = required("CAREDESK_BENCH_BARE");
const LARGE = process.env.CAREDESK_BENCH_LARGE || null;
const SIZES = JSON.parse(process.env.CAREDESK_BENCH_SIZES ?? "{}");
const JSON_OUT = process.env.CAREDESK_BENCH_JSON ?? join(tmpdir(), "startup.json");

/** Deadlines (ms). */
const FIRST_CONTENT_DEADLINE = 60000;
/** On 1,000,000 customers the app takes its start-up backup (2.5 GB) before it answers the page. */
const LARGE_FIRST_CONTENT_DEADLINE = 10 * 60000;
const SETTLE_DEADLINE = 15000;
const SETTLE_WINDOW = 1000;
const SETTLE_TOLERANCE = 0.02;
const MODULE_DEADLINE = 30000;
/** The whole benchmark, whatever happens. */
const TOTAL_DEADLINE = 30 * 60 * 1000;

const BARE_CONTENT = "#first-content";
/** CareDesk's start screen, painted by index.html before any script runs. */
const BOOT = "#boot";
const SIGNIN = '[data-testid="signin-login"]';
const SETUP = '[data-testid="setup-name"]';
/** Processes of the driver's tree that are not the app's. */
const NOT_THE_APP = new Set(["tauri-driver", "WebKitWebDriver", "launch-app.sh"]);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`startup bench: ${name} is not set (run it with \`cargo xtask bench startup\`)`);
    process.exit(2);
  }
  return value;
}

const overall = setTimeout(() => {
  console.error(`startup bench: not done within ${TOTAL_DEADLINE / 60000} min; giving up`);
  process.exit(1);
}, TOTAL_DEADLINE);
overall.unref();

// The moment just before POST /session: webdriver.mjs calls the global fetch, so note it there.
// (A retried launch posts again; the latest post is the one that started the window.)
const realFetch = globalThis.fetch;
let sessionPostedAt = null;
globalThis.fetch = (url, init) => {
  if (init?.method === "POST" && /\/session$/.test(String(url))) sessionPostedAt = performance.timeOrigin + performance.now();
  return realFetch(url, init);
};

// ---------- processes and memory ----------

function readText(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Every live process: pid → { ppid, name } (name from argv[0], the comm when unreadable). */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(`/proc/${entry}/stat`);
    if (!stat) continue;
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const ppid = Number(stat.slice(close + 2).split(" ")[1]);
    const argv = (readText(`/proc/${entry}/cmdline`) ?? "").split("\0").filter(Boolean);
    // The launcher is `sh launch-app.sh`: name it by its script.
    const script = argv.find((a) => a.endsWith("launch-app.sh"));
    const name = script ? "launch-app.sh" : argv[0] ? basename(argv[0]) : comm;
    table.set(Number(entry), { ppid, name });
  }
  return table;
}

/** The app's processes: descendants of the driver, without the driver, WebKitWebDriver and the launcher. */
function appProcesses(driverPid) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const found = [];
  const queue = [...(children.get(driverPid) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    const info = table.get(pid);
    if (!info) continue;
    if (!NOT_THE_APP.has(info.name)) found.push({ pid, name: info.name });
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** The wall-clock time (epoch ms, 10 ms steps) at which each of the app's processes started. */
function processStarts(driverPid) {
  const uptime = Number(readText("/proc/uptime")?.split(" ")[0] ?? 0);
  const boot = Date.now() - uptime * 1000;
  const starts = {};
  for (const { pid, name } of appProcesses(driverPid)) {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Field 22, clock ticks (100 a second) after boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const at = boot + ticks * 10;
    if (starts[name] === undefined || at < starts[name]) starts[name] = at;
  }
  return starts;
}

/** The kB fields of /proc/PID/smaps_rollup we keep. */
function rollup(pid) {
  const text = readText(`/proc/${pid}/smaps_rollup`);
  if (!text) return null;
  const field = (name) => Number(text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
  return { pss: field("Pss"), anon: field("Pss_Anon"), file: field("Pss_File"), shmem: field("Pss_Shmem"), rss: field("Rss") };
}

/** One reading: the PSS sum (kB) and each process's share. */
function memory(driverPid) {
  const processes = [];
  let total = 0;
  const parts = { anon: 0, file: 0, shmem: 0 };
  for (const { pid, name } of appProcesses(driverPid)) {
    const r = rollup(pid);
    if (!r) continue;
    total += r.pss;
    for (const k of Object.keys(parts)) parts[k] += r[k];
    processes.push({ pid, name, pssKb: r.pss, anonKb: r.anon, fileKb: r.file, shmemKb: r.shmem });
  }
  return { pssKb: total, ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [`${k}Kb`, v])), processes };
}

/** Reads the PSS every 200 ms until it holds within 2% over 1 s (or the deadline: then `settled` is false). */
async function settledMemory(session) {
  const driverPid = session.launch.child.pid;
  const start = Date.now();
  const samples = [];
  for (;;) {
    const reading = memory(driverPid);
    samples.push({ at: Date.now(), reading });
    while (samples.length && samples[0].at < Date.now() - SETTLE_WINDOW) samples.shift();
    const spanned = Date.now() - start >= SETTLE_WINDOW;
    const values = samples.map((s) => s.reading.pssKb);
    const max = Math.max(...values);
    const min = Math.min(...values);
    if (spanned && samples.length >= 4 && min > 0 && (max - min) / max <= SETTLE_TOLERANCE) {
      return { ...reading, settled: true, settleMs: Date.now() - start };
    }
    if (Date.now() - start > SETTLE_DEADLINE) return { ...reading, settled: false, settleMs: Date.now() - start };
    await delay(200);
  }
}

// ---------- launches ----------

/** Polls the page (no pause between polls) until an element of `selectors` is displayed; the page's clock then. */
async function firstContent(session, selectors, timeout = FIRST_CONTENT_DEADLINE) {
  const script = `
    const now = performance.timeOrigin + performance.now();
    for (const selector of arguments[0]) {
      const e = document.querySelector(selector);
      if (!e) continue;
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      if (r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none") {
        const nav = performance.getEntriesByType("navigation")[0];
        const paint = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
        return {
          selector, now, origin: performance.timeOrigin,
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
          load: nav ? nav.loadEventEnd : null,
          firstContentfulPaint: paint["first-contentful-paint"] ?? null,
          resources: performance.getEntriesByType("resource").map((r) => ({
            name: r.name, start: Math.round(r.startTime), end: Math.round(r.responseEnd), bytes: r.decodedBodySize,
          })),
        };
      }
    }
    return null;`;
  return waitUntil(() => session.execute(script, [selectors]), {
    timeout,
    message: `first content (${selectors.join(" or ")})`,
  });
}

/** Starts `binary` on `database` and measures start-up and memory; returns the open session too. */
async function launch(kind, binary, { database, args = [], selectors, ready = selectors, timeout }) {
  process.env.CAREDESK_APP = binary;
  sessionPostedAt = null;
  const session = await Session.start({ database, args, name: `bench-${kind}` });
  const sessionAnswered = performance.timeOrigin + performance.now();
  try {
    const starts = processStarts(session.launch.child.pid);
    const seen = await firstContent(session, selectors, timeout);
    // The working form (for the bare window, its one element again).
    const form = ready === selectors ? seen : await firstContent(session, ready, timeout);
    const t0 = sessionPostedAt;
    const result = {
      kind,
      firstContentMs: round(seen.now - t0),
      formMs: round(form.now - t0),
      firstShown: seen.selector,
      sessionMs: round(sessionAnswered - t0),
      pageOriginMs: round(seen.origin - t0),
      domContentLoadedMs: seen.domContentLoaded === null ? null : round(seen.origin + seen.domContentLoaded - t0),
      firstContentfulPaintMs: seen.firstContentfulPaint === null ? null : round(seen.origin + seen.firstContentfulPaint - t0),
      content: form.selector,
      // When each process of the app started, after the POST (10 ms steps).
      processStartMs: Object.fromEntries(Object.entries(starts).map(([n, at]) => [n, round(at - t0)])),
      // The page's scripts and styles: when each was fetched, after the page's navigation start.
      resources: seen.resources,
    };
    result.memory = await settledMemory(session);
    return { session, result };
  } catch (error) {
    await session.end();
    throw error;
  }
}

const round = (ms) => Math.round(ms * 10) / 10;
const mib = (kb) => kb / 1024;

function median(values) {
  const sorted = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A fresh, empty database path. */
function freshDatabase(tag) {
  return join(mkdtempSync(join(tmpdir(), `caredesk-bench-${tag}-`)), "caredesk.sqlite");
}

/** The navigation's modules as shown: [{ key, label }]. */
async function navigation(session) {
  const items = await session.findAll('[data-testid^="nav-"]');
  const modules = [];
  for (const item of items) {
    const id = await item.attribute("data-testid");
    modules.push({ key: id.slice("nav-".length), label: (await item.text()).trim() });
  }
  return modules;
}

/** Opens each module in turn and reads the settled PSS after each. */
async function perModule(session, first) {
  const rows = [{ step: first, ...(await settledMemory(session)) }];
  for (const { key, label } of await navigation(session)) {
    await session.tap(`nav-${key}`, { timeout: MODULE_DEADLINE });
    await session.waitForText('[data-testid="page-title"]', (t) => t.trim() === label, { timeout: MODULE_DEADLINE });
    // Whatever the module loads: wait for its spinners to go (bounded), then for the memory to settle.
    await session.waitGone(".ant-spin-spinning", { timeout: MODULE_DEADLINE }).catch(() => {});
    rows.push({ step: key, ...(await settledMemory(session)) });
  }
  return rows;
}

// ---------- the benchmark ----------

const results = {
  when: new Date().toISOString(),
  runs: RUNS,
  binaries: { caredesk: APP, bare: BARE },
  sizes: SIZES,
  startup: [],
  modules: {},
};

const xdgNote = { XDG_DATA_HOME: process.env.XDG_DATA_HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
results.environment = xdgNote;

// CareDesk twice: with --demo (the sign-in form, after seeding the demo dealership, as asked),
// and on an empty database (the set-up form), which tells the seeding's share.
const KINDS = {
  bare: () => ({ binary: BARE, database: freshDatabase("bare"), selectors: [BARE_CONTENT] }),
  caredesk: () => ({
    binary: APP,
    database: freshDatabase("demo"),
    args: ["--demo"],
    selectors: [BOOT, SIGNIN, SETUP],
    ready: [SIGNIN, SETUP],
  }),
  "caredesk-empty": () => ({
    binary: APP,
    database: freshDatabase("empty"),
    selectors: [BOOT, SETUP, SIGNIN],
    ready: [SETUP, SIGNIN],
  }),
};
console.log(`startup bench: ${RUNS} launches each, alternating bare window / CareDesk --demo / CareDesk on an empty database`);
for (let run = 1; run <= RUNS; run++) {
  for (const [kind, make] of Object.entries(KINDS)) {
    const { binary, ...options } = make();
    const { session, result } = await launch(kind, binary, options);
    await session.end();
    result.run = run;
    results.startup.push(result);
    console.log(
      `  run ${run} ${kind.padEnd(14)} first content ${String(result.firstContentMs).padStart(7)} ms, form ${String(result.formMs).padStart(7)} ms` +
        ` (session ${result.sessionMs} ms, page origin ${result.pageOriginMs} ms, DOMContentLoaded ${result.domContentLoadedMs} ms)` +
        `  PSS ${mib(result.memory.pssKb).toFixed(1)} MiB${result.memory.settled ? "" : " (not settled)"}`,
    );
  }
}

// Memory per module, signed in: on the demo dealership as the manager, and on 1,000,000 customers.
{
  console.log("startup bench: memory per module on the demo dealership (manager)");
  const { session, result } = await launch("caredesk", APP, {
    database: freshDatabase("modules"),
    args: ["--demo"],
    selectors: [SIGNIN],
  });
  try {
    const rows = [{ step: "sign-in form", ...result.memory }];
    await signIn(session, DEMO.manager);
    rows.push(...(await perModule(session, "signed in")));
    results.modules.demo = rows;
  } catch (error) {
    results.demoModulesError = String(error?.message ?? error);
    console.error(`startup bench: the per-module part on the demo failed: ${results.demoModulesError}`);
  } finally {
    await session.end();
  }
}
if (LARGE) {
  console.log(`startup bench: memory per module on 1,000,000 customers (${LARGE})`);
  try {
    const { session, result } = await launch("caredesk-1m", APP, {
      database: LARGE,
      selectors: [SETUP, SIGNIN],
      timeout: LARGE_FIRST_CONTENT_DEADLINE,
    });
    try {
      results.largeStartup = result;
      const rows = [{ step: result.content === SETUP ? "set-up form" : "sign-in form", ...result.memory }];
      if (result.content === SETUP) await createAdministrator(session);
      else throw new Error("the 1,000,000-customer database already has staff; give the bench a fresh copy");
      rows.push(...(await perModule(session, "signed in")));
      results.modules.large = rows;
    } finally {
      await session.end();
    }
  } catch (error) {
    results.largeError = String(error?.message ?? error);
    console.error(`startup bench: the 1,000,000-customer part failed: ${results.largeError}`);
  }
} else {
  console.log("startup bench: no 1,000,000-customer database (CAREDESK_BENCH_LARGE); skipped");
}

// ---------- the report ----------

const of = (kind, pick) => results.startup.filter((r) => r.kind === kind).map(pick);
const summary = {};
for (const kind of Object.keys(KINDS)) {
  summary[kind] = {
    firstContentMs: median(of(kind, (r) => r.firstContentMs)),
    formMs: median(of(kind, (r) => r.formMs)),
    sessionMs: median(of(kind, (r) => r.sessionMs)),
    pageOriginMs: median(of(kind, (r) => r.pageOriginMs)),
    domContentLoadedMs: median(of(kind, (r) => r.domContentLoadedMs)),
    appProcessMs: median(of(kind, (r) => r.processStartMs?.[basename(kind === "bare" ? BARE : APP)])),
    webProcessMs: median(of(kind, (r) => r.processStartMs?.WebKitWebProcess)),
    pssKb: median(of(kind, (r) => r.memory.pssKb)),
    anonKb: median(of(kind, (r) => r.memory.anonKb)),
    fileKb: median(of(kind, (r) => r.memory.fileKb)),
    shmemKb: median(of(kind, (r) => r.memory.shmemKb)),
    binaryBytes: SIZES[kind === "bare" ? "bare" : "caredesk"] ?? null,
  };
}
const ratio = (k, kind = "caredesk") => (summary.bare[k] ? summary[kind][k] / summary.bare[k] : null);
summary.ratio = {
  firstContent: ratio("firstContentMs"),
  form: ratio("formMs"),
  pss: ratio("pssKb"),
  binary: ratio("binaryBytes"),
};
summary.ratioEmpty = {
  firstContent: ratio("firstContentMs", "caredesk-empty"),
  form: ratio("formMs", "caredesk-empty"),
  pss: ratio("pssKb", "caredesk-empty"),
};
results.summary = summary;

const lines = [];
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
const fmt = (v, digits = 0) => (v === null || v === undefined ? "-" : Number(v).toFixed(digits));
const w = [34, 12, 12, 12, 9, 9];
const cols = (key, scale = (v) => v, digits = 0, ratios = false) => [
  fmt(summary.bare[key] === null ? null : scale(summary.bare[key]), digits),
  fmt(summary.caredesk[key] === null ? null : scale(summary.caredesk[key]), digits),
  fmt(summary["caredesk-empty"][key] === null ? null : scale(summary["caredesk-empty"][key]), digits),
  ratios ? fmt(ratio(key), 2) : "",
  ratios ? fmt(ratio(key, "caredesk-empty"), 2) : "",
];
lines.push("", `Start-up and memory, medians of ${RUNS} launches each (Xvfb, WebDriver); times after POST /session`);
lines.push(row(["", "bare window", "CareDesk", "CareDesk", "ratio", "ratio"], w));
lines.push(row(["", "", "--demo", "empty db", "demo", "empty"], w));
lines.push(row(["launch -> first content (ms)", ...cols("firstContentMs", undefined, 0, true)], w));
lines.push(row(["launch -> working form (ms)", ...cols("formMs", undefined, 0, true)], w));
lines.push(row(["  app process started (ms)", ...cols("appProcessMs")], w));
lines.push(row(["  WebKitWebProcess started (ms)", ...cols("webProcessMs")], w));
lines.push(row(["  POST /session answered (ms)", ...cols("sessionMs")], w));
lines.push(row(["  page navigation started (ms)", ...cols("pageOriginMs")], w));
lines.push(row(["  DOMContentLoaded (ms)", ...cols("domContentLoadedMs")], w));
lines.push(row(["PSS, all app processes (MiB)", ...cols("pssKb", mib, 1, true)], w));
lines.push(row(["  of which anonymous (MiB)", ...cols("anonKb", mib, 1)], w));
lines.push(row(["  of which file-backed (MiB)", ...cols("fileKb", mib, 1)], w));
lines.push(row(["  of which shared memory (MiB)", ...cols("shmemKb", mib, 1)], w));
lines.push(row(["stripped binary (MiB)", ...cols("binaryBytes", (b) => b / 1048576, 2, true).slice(0, 4), ""], w));

// PSS by process, median over the launches, per process name.
const byName = (kind) => {
  const names = {};
  for (const r of results.startup.filter((x) => x.kind === kind)) {
    const sums = {};
    for (const p of r.memory.processes) sums[p.name] = (sums[p.name] ?? 0) + p.pssKb;
    for (const [n, v] of Object.entries(sums)) (names[n] ??= []).push(v);
  }
  return Object.fromEntries(Object.entries(names).map(([n, v]) => [n, median(v)]));
};
const bareBy = byName("bare");
const appBy = byName("caredesk");
const emptyBy = byName("caredesk-empty");
summary.pssByProcessKb = { bare: bareBy, caredesk: appBy, "caredesk-empty": emptyBy };
lines.push("", "PSS by process (MiB, medians)");
lines.push(row(["", "bare window", "CareDesk", "CareDesk"], w));
for (const name of [...new Set([...Object.keys(bareBy), ...Object.keys(appBy), ...Object.keys(emptyBy)])]) {
  const cell = (by) => fmt(by[name] === undefined ? null : mib(by[name]), 1);
  lines.push(row([name, cell(bareBy), cell(appBy), cell(emptyBy)], w));
}

for (const [key, title] of [
  ["demo", "Memory per module, CareDesk on the demo dealership (signed in as manager)"],
  ["large", "Memory per module, CareDesk on 1,000,000 customers (a new administrator)"],
]) {
  const rows = results.modules[key];
  if (!rows) continue;
  lines.push("", title);
  lines.push(row(["", "PSS (MiB)", "app (MiB)", "WebKit (MiB)"], [34, 12, 12, 12]));
  for (const r of rows) {
    const app = r.processes.filter((p) => !p.name.startsWith("WebKit")).reduce((s, p) => s + p.pssKb, 0);
    const webkit = r.pssKb - app;
    lines.push(row([r.step + (r.settled ? "" : " (not settled)"), fmt(mib(r.pssKb), 1), fmt(mib(app), 1), fmt(mib(webkit), 1)], [34, 12, 12, 12]));
  }
}
if (results.largeStartup) {
  const l = results.largeStartup;
  lines.push(
    "",
    `CareDesk on 1,000,000 customers (the start-up backup first), one launch: first content (set-up form) after ${fmt(l.firstContentMs)} ms` +
      ` (session ${fmt(l.sessionMs)} ms, page navigation ${fmt(l.pageOriginMs)} ms, DOMContentLoaded ${fmt(l.domContentLoadedMs)} ms),` +
      ` PSS ${fmt(mib(l.memory.pssKb), 1)} MiB`,
  );
}

console.log(lines.join("\n"));
mkdirSync(dirname(JSON_OUT), { recursive: true });
writeFileSync(JSON_OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nstartup bench: wrote ${JSON_OUT}`);
process.exit(0);
