// The first start of a new install, as a desk starts (no --db): the window asks where
// the data is kept before anything else. "This computer only" creates the file and is
// remembered; "the dealership's server" is tested first, then saved, and the next start
// opens it without asking. A desk whose server cannot be reached says why. A desk on
// its file moves its database up to the server from Settings. Each journey has a
// computer of its own (its XDG folders).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { createAdministrator, signIn } from "../steps.mjs";
import { waitUntil, withApp } from "../webdriver.mjs";

const CLUSTER = process.env.CAREDESK_TEST_POSTGRES;

/** A computer CareDesk was never started on: its own data, config and cache folders. */
function newComputer() {
  const home = mkdtempSync(join(tmpdir(), "caredesk-e2e-home-"));
  const env = {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
  return { env, choice: join(env.XDG_CONFIG_HOME, "com.caredesk.desktop", "database.json") };
}

function psql(url, sql) {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], { encoding: "utf8", timeout: 30000 });
}

async function typeInto(app, testId, text) {
  await (await app.byTestId(testId)).replace(text);
}

test("a new install asks where the data is kept, and remembers this computer", async () => {
  const computer = newComputer();
  await withApp("first-start-choose", { database: null, env: computer.env }, async (app) => {
    await (await app.byTestId("lang-en", { timeout: 20000 })).click();
    await app.waitForText('[data-testid="database-chooser"]', (t) => t.includes("Where should CareDesk keep its data?"));
    await app.screenshot("first-start-chooser");
    await (await app.byTestId("choose-this-computer")).click();
    await createAdministrator(app);
  });
  const saved = JSON.parse(readFileSync(computer.choice, "utf8"));
  assert.deepEqual(saved.database, { kind: "this_computer" });
  assert.ok(existsSync(join(computer.env.XDG_DATA_HOME, "com.caredesk.desktop", "caredesk.sqlite")));

  // The next start opens it without asking.
  await withApp("first-start-again", { database: null, env: computer.env }, async (app) => {
    await app.byTestId("signin-login", { timeout: 20000 });
    assert.equal((await app.findAll('[data-testid="database-chooser"]')).length, 0);
  });
});

test(
  "a new install on the dealership's server: tested, saved, and opened at the next start",
  { skip: !CLUSTER && "no PostgreSQL test cluster" },
  async () => {
    const name = `caredesk_e2e_first_${process.pid}`;
    psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    psql(CLUSTER, `CREATE DATABASE ${name}`);
    const url = new URL(CLUSTER);
    const computer = newComputer();
    try {
      await withApp("first-start-server", { database: null, env: computer.env }, async (app) => {
        await (await app.byTestId("lang-en", { timeout: 20000 })).click();
        await (await app.byTestId("choice-server")).click();
        await typeInto(app, "server-host", url.hostname);
        await typeInto(app, "server-port", url.port || "5432");
        await typeInto(app, "server-database", name);
        await typeInto(app, "server-user", decodeURIComponent(url.username) || "postgres");
        // Saving waits for a test of what the form shows.
        assert.equal(await (await app.byTestId("server-submit")).attribute("disabled"), "true");
        await (await app.byTestId("server-test")).click();
        await app.waitForText('[data-testid="server-tested"]', (t) => t.includes("an empty database"), { timeout: 20000 });
        await app.screenshot("first-start-server-tested");
        await waitUntil(async () => (await (await app.byTestId("server-submit")).attribute("disabled")) === null, {
          message: "the save button to be enabled",
        });
        await (await app.byTestId("server-submit")).click();
        await createAdministrator(app);
      });
      const saved = JSON.parse(readFileSync(computer.choice, "utf8"));
      assert.equal(saved.database.kind, "server");
      assert.equal(saved.database.database, name);
      const database = new URL(CLUSTER);
      database.pathname = `/${name}`;
      assert.equal(psql(database.toString(), "SELECT count(*) FROM staff").trim(), "1");

      await withApp("first-start-server-again", { database: null, env: computer.env }, async (app) => {
        await app.byTestId("signin-login", { timeout: 30000 });
      });
    } finally {
      psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  },
);

/** A port on this computer where nothing listens (one that was free a moment ago). */
function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test("a desk whose server cannot be reached says why, and another database can be chosen", async () => {
  const computer = newComputer();
  const port = await closedPort();
  mkdirSync(join(computer.env.XDG_CONFIG_HOME, "com.caredesk.desktop"), { recursive: true });
  const server = { kind: "server", host: "127.0.0.1", port, database: "caredesk", user: "desk", tls: "prefer" };
  writeFileSync(computer.choice, JSON.stringify({ database: server, hasPassword: false }));
  await withApp("start-failed", { database: null, env: computer.env }, async (app) => {
    await (await app.byTestId("lang-en", { timeout: 20000 })).click();
    await app.waitForText('[data-testid="start-failed-reason"]', "The server cannot be reached", { timeout: 20000 });
    await app.waitForText('[data-testid="start-failed-database"]', `desk@127.0.0.1:${port}/caredesk`);
    await app.screenshot("start-failed");
    await (await app.byTestId("start-retry")).click();
    await app.waitForText('[data-testid="start-failed-reason"]', "The server cannot be reached");
    // Another database: the form starts from the server chosen before; this computer instead.
    await (await app.byTestId("start-choose")).click();
    await app.waitForText('[data-testid="database-chooser"]', "Where should CareDesk keep its data?");
    await (await app.byTestId("choice-this-computer")).click();
    await (await app.byTestId("choose-this-computer")).click();
    await createAdministrator(app);
  });
  assert.deepEqual(JSON.parse(readFileSync(computer.choice, "utf8")).database, { kind: "this_computer" });
});

test(
  "an administrator moves this desk's database to the server, and everyone signs in again there",
  { skip: !CLUSTER && "no PostgreSQL test cluster" },
  async () => {
    const name = `caredesk_e2e_move_${process.pid}`;
    psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    psql(CLUSTER, `CREATE DATABASE ${name}`);
    const url = new URL(CLUSTER);
    const database = new URL(CLUSTER);
    database.pathname = `/${name}`;
    const computer = newComputer();
    const admin = { login: "admin", password: "caredesk-admin", name: "赵建国" };
    try {
      await withApp("move-up", { database: null, env: computer.env }, async (app) => {
        await (await app.byTestId("lang-en", { timeout: 20000 })).click();
        await (await app.byTestId("choose-this-computer")).click();
        await createAdministrator(app, admin);
        await (await app.byTestId("archive-load-demo")).click();
        await app.waitForText('[data-testid="archive-stats"]', "300", { timeout: 30000 });

        await app.tap("open-settings");
        await app.waitForText('[data-testid="settings-database-kind"]', "This computer");
        await app.tap("settings-move-database");
        await typeInto(app, "server-host", url.hostname);
        await typeInto(app, "server-port", url.port || "5432");
        await typeInto(app, "server-database", name);
        await typeInto(app, "server-user", decodeURIComponent(url.username) || "postgres");
        await (await app.byTestId("server-test")).click();
        await app.waitForText('[data-testid="server-tested"]', "an empty database", { timeout: 20000 });
        await waitUntil(async () => (await (await app.byTestId("server-submit")).attribute("disabled")) === null, {
          message: "the move button to be enabled",
        });
        await (await app.byTestId("server-submit")).click();
        await app.waitForText('[data-testid="move-report"]', "tables verified", { timeout: 60000 });
        await app.screenshot("move-report");
        await app.tap("move-sign-in-again");
        await app.waitForText('[data-testid="signin-notice"]', "moved to the dealership's server");
        await signIn(app, admin);
        await app.tap("open-settings");
        await app.waitForText('[data-testid="settings-database-kind"]', "The dealership's server");
      });
      assert.equal(psql(database.toString(), "SELECT count(*) FROM customers").trim(), "300");
      const saved = JSON.parse(readFileSync(computer.choice, "utf8"));
      assert.equal(saved.database.kind, "server");
      // The file is left as it was.
      assert.ok(existsSync(join(computer.env.XDG_DATA_HOME, "com.caredesk.desktop", "caredesk.sqlite")));
    } finally {
      psql(CLUSTER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  },
);
