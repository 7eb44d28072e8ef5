// One desk, one window: a second start on the same database brings the open
// window to the front and exits (tauri-plugin-single-instance, over the D-Bus
// session bus the suite runs in); and a printed paper is saved as a copy through
// the system's real save dialog (tauri-plugin-dialog, a GTK window), answered
// here with xdotool as a person would type it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { DEMO, answerDialog, signIn, xdotool } from "../steps.mjs";
import { tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

const DIALOG_TITLE = "Save a copy as|另存一份";

/** The app processes (not the launch wrapper) started on `database`. */
function appProcesses(database) {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return comm === "caredesk" && cmdline.includes(database);
      } catch {
        return false; // gone meanwhile
      }
    });
}

test("a printed paper is saved as a copy through the dialog; a second start brings the first window to the front", async () => {
  const database = tempDatabase();
  await withApp("desk", { database, args: ["--demo"] }, async (app) => {
    await signIn(app, DEMO.followup);
    await app.tap("nav-followup");
    await app.tap("followup-tab-calls");
    await app.tap("followup-print");
    const printed = (
      await app.waitForText('[data-testid="printed-path"]', (t) => t.endsWith(".pdf"), { timeout: 30000 })
    ).trim();

    // Cancelled: nothing happens and nothing is written.
    const folder = mkdtempSync(join(tmpdir(), "caredesk-copy-"));
    await app.tap("printed-save-copy");
    await answerDialog({ title: DIALOG_TITLE, keys: ["Escape"] });
    assert.deepEqual(readdirSync(folder), []);
    assert.equal((await app.findAll('[data-testid="printed-copy-path"]')).length, 0);

    // Answered: the copy is where the person typed, byte for byte.
    const target = join(folder, "call-sheet-copy.pdf");
    await app.tap("printed-save-copy");
    await answerDialog({ title: DIALOG_TITLE, text: target, keys: ["Return"] });
    await app.waitForText('[data-testid="printed-copy-path"]', target, { timeout: 15000 });
    assert.ok(existsSync(target), `${target} was written`);
    assert.equal(statSync(target).size, statSync(printed).size);
    assert.ok(readFileSync(target).equals(readFileSync(printed)), "the copy is the printed paper");

    // A second start on the same database: it hands over to the open window and exits.
    assert.equal(appProcesses(database).length, 1, "one app before");
    const second = spawnSync(process.env.CAREDESK_APP, ["--db", database], {
      env: process.env,
      timeout: 30000,
      encoding: "utf8",
    });
    assert.equal(second.error, undefined, `the second start ended: ${second.error}`);
    assert.equal(second.status, 0, `the second start exits at once\n${second.stderr}`);
    assert.equal(appProcesses(database).length, 1, "still one app");
    // The hand-over raises the window on the app's main thread, a moment after the
    // second process has gone: wait for the focus to arrive.
    await waitUntil(
      () => {
        try {
          return /^CareDesk/.test(xdotool(["getwindowfocus", "getwindowname"]));
        } catch {
          return false;
        }
      },
      { timeout: 10000, message: "the first window to have the focus" },
    );
    const log = join(process.env.XDG_DATA_HOME ?? "", "com.caredesk.desktop", "logs", "caredesk.log");
    await waitUntil(() => existsSync(log) && readFileSync(log, "utf8").includes("a second start on this database"), {
      message: "the hand-over in the support log",
    });
    // The first window still works: the signed-in member is still there.
    await app.waitForText('[data-testid="user-menu"]', DEMO.followup.name);
  });
});
