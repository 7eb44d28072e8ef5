import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App";
import type { DatabaseInfo, MoveReport, Preferences, Role, ServerInput } from "../bindings";
import { authStatus, mockCommands, refusal, sessionInfo, stats } from "../test/fixtures";

const prefs = (language: "zh-CN" | "en"): Preferences => ({
  language,
  languageChosen: true,
  databasePath: "/data/caredesk/caredesk.sqlite",
});

const ON_FILE: DatabaseInfo = { location: "/data/caredesk/caredesk.sqlite", onServer: false };

const REPORT: MoveReport = {
  server: "postgres://desk@192.168.1.20:5432/caredesk",
  file: "/data/caredesk/caredesk.sqlite",
  tables: [
    { table: "staff", rows: 6, checksum: "00000000a1b2c3d4" },
    { table: "customers", rows: 1200, checksum: "0123456789abcdef" },
    { table: "audit_log", rows: 3400, checksum: "fedcba9876543210" },
  ],
};

const desk = (role: Role = "administrator") => ({
  auth_status: () => authStatus({ session: sessionInfo(role) }),
  archive_stats: () => stats(),
  search_customers: () => [],
  get_settings: () => ({ lockMinutes: 10, backupDir: null, keepDaily: 7, keepWeekly: 4 }),
  list_backups: () => ({ folder: "/data/caredesk/backups", backups: [] }),
});

const errorUnder = (field: string) =>
  document.querySelector(`.field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

async function openMoveDialog() {
  await userEvent.click(await screen.findByTestId("open-settings"));
  await userEvent.click(await screen.findByTestId("settings-move-database"));
  return screen.findByTestId("move-dialog");
}

async function fillServer() {
  await userEvent.type(screen.getByTestId("server-host"), "192.168.1.20");
  await userEvent.type(screen.getByTestId("server-user"), "desk");
  await userEvent.type(screen.getByTestId("server-password"), "s3cret");
}

describe("moving this desk's database to the server", () => {
  it("refuses a database that is not empty, then moves, shows every table verified and asks to sign in again", async () => {
    let tests = 0;
    const calls = mockCommands({
      ...desk(),
      get_preferences: () => prefs("en"),
      database_info: () => ON_FILE,
      test_move_target: () => {
        tests += 1;
        if (tests === 1) {
          throw refusal([
            { kind: "database_not_empty", field: "database", message: "the server's database already holds data" },
          ]);
        }
        return { server: "desk@192.168.1.20:5432/caredesk2", serverVersion: "16.2", schemaVersion: 0, holdsData: false };
      },
      move_to_server: () => REPORT,
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-settings"));
    expect((await screen.findByTestId("settings-database-kind")).textContent).toBe("This computer");
    await userEvent.click(await screen.findByTestId("settings-move-database"));
    const dialog = await screen.findByTestId("move-dialog");
    expect(dialog.textContent).toContain("The file on this computer is left as it is");
    expect(dialog.textContent).toContain("The database on the server must be empty.");

    await fillServer();
    await userEvent.click(screen.getByTestId("server-test"));
    await waitFor(() =>
      expect(errorUnder("database")).toBe(
        "This database already holds data: the database can only be moved into an empty one",
      ),
    );
    expect((screen.getByTestId("server-submit") as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.cmd === "move_to_server")).toBe(false);

    await userEvent.clear(screen.getByTestId("server-database"));
    await userEvent.type(screen.getByTestId("server-database"), "caredesk2");
    await userEvent.click(screen.getByTestId("server-test"));
    expect((await screen.findByTestId("server-tested")).textContent).toBe(
      "Connected: PostgreSQL 16.2, an empty database, which CareDesk will set up",
    );
    await waitFor(() => expect((screen.getByTestId("server-submit") as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(screen.getByTestId("server-submit"));

    const report = await screen.findByTestId("move-report");
    expect(report.textContent).toContain(
      "4,606 rows were copied to postgres://desk@192.168.1.20:5432/caredesk; all 3 tables verified. The file /data/caredesk/caredesk.sqlite is left as it was.",
    );
    const rows = within(report).getAllByTestId("move-table");
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText("customers")).toBeTruthy();
    expect(within(rows[1]).getByText("1,200")).toBeTruthy();
    expect(within(rows[1]).getByText("Verified")).toBeTruthy();
    const moved = calls.find((c) => c.cmd === "move_to_server")?.args.server as ServerInput;
    expect(moved).toEqual({
      host: "192.168.1.20",
      port: 5432,
      database: "caredesk2",
      user: "desk",
      password: "s3cret",
      tls: "prefer",
    });

    await userEvent.click(screen.getByTestId("move-sign-in-again"));
    expect((await screen.findByTestId("signin-notice")).textContent).toContain(
      "The database was moved to the dealership's server",
    );
    expect(screen.queryByTestId("settings")).toBeNull();
  });

  it("is offered to administrators only, and not on the server", async () => {
    mockCommands({ ...desk("service_manager"), get_preferences: () => prefs("zh-CN"), database_info: () => ON_FILE });
    const { unmount } = render(<App />);
    await userEvent.click(await screen.findByTestId("open-settings"));
    expect((await screen.findByTestId("settings-database-kind")).textContent).toBe("本机文件");
    expect(screen.queryByTestId("settings-move-database")).toBeNull();
    unmount();

    mockCommands({
      ...desk(),
      get_preferences: () => prefs("zh-CN"),
      database_info: () => ({ location: "postgres://desk@192.168.1.20:5432/caredesk", onServer: true }),
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-settings"));
    expect((await screen.findByTestId("settings-database-kind")).textContent).toBe("经销店的服务器");
    expect(screen.getByTestId("settings-database-path").textContent).toContain("postgres://desk@192.168.1.20:5432/caredesk");
    expect(screen.getByText("所有前台共用服务器上的数据库；数据由服务器备份。")).toBeTruthy();
    expect(screen.queryByTestId("settings-move-database")).toBeNull();
  });

  it("says in Chinese why the server could not be used, on the field it is about", async () => {
    mockCommands({
      ...desk(),
      get_preferences: () => prefs("zh-CN"),
      database_info: () => ON_FILE,
      test_move_target: () => {
        throw refusal([{ kind: "foreign_database", field: "database", message: "belongs to another application" }]);
      },
    });
    render(<App />);
    await openMoveDialog();
    await fillServer();
    await userEvent.click(screen.getByTestId("server-test"));
    await waitFor(() =>
      expect(errorUnder("database")).toBe("这个数据库属于其他应用程序：请选择一个空数据库或 CareDesk 的数据库"),
    );
  });
});
