import { render, screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App";
import type { BackupInfo, Preferences, Settings } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { authStatus, backupInfo, mockCommands, refusal, stats, summary } from "../test/fixtures";

const prefs = (language: "zh-CN" | "en"): Preferences => ({
  language,
  languageChosen: true,
  databasePath: "/data/caredesk/caredesk.sqlite",
});

const OLDER = backupInfo({
  path: "/data/caredesk/backups/caredesk-20260109-083000-automatic.sqlite",
  kind: "automatic",
  takenAt: "2026-01-09T00:30:00Z",
  customers: 298,
});

const SETTINGS: Settings = { lockMinutes: 10, backupDir: null, keepDaily: 7, keepWeekly: 4 };

async function openSettings() {
  await userEvent.click(await screen.findByTestId("open-settings"));
  return screen.findByTestId("settings");
}

describe("settings and backups", () => {
  it("backs up now and lists the backups, newest first", async () => {
    let backups: BackupInfo[] = [OLDER];
    const calls = mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "file", backups }),
      backup_now: () => {
        const taken = backupInfo();
        backups = [taken, ...backups];
        return taken;
      },
    });
    render(<App />);
    await openSettings();

    expect((await screen.findAllByTestId("backup-row")).length).toBe(1);
    expect(screen.getByTestId("backup-folder").textContent).toBe("/data/caredesk/backups");
    await userEvent.click(screen.getByTestId("settings-backup-now"));

    expect(await screen.findByText("Backed up: 300 customers, 5.2 MB")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(2));
    const [newest, older] = screen.getAllByTestId("backup-row");
    expect(newest.tagName).toBe("TR");
    expect(within(newest).getByText("Manual")).toBeTruthy();
    expect(within(newest).getByText("5.2 MB")).toBeTruthy();
    expect(within(newest).getByText("300")).toBeTruthy();
    expect(within(older).getByText("Automatic")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "backup_now")).toHaveLength(1);
  });

  it("restores a backup after a confirmation that says what happens, then asks everyone to sign in again", async () => {
    let signedIn = true;
    const calls = mockCommands({
      get_preferences: () => prefs("zh-CN"),
      auth_status: () => (signedIn ? authStatus() : authStatus({ session: null })),
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "file", backups: [backupInfo(), OLDER] }),
      restore_backup: () => {
        signedIn = false;
        return backupInfo({ kind: "before_restore", path: "/data/caredesk/backups/before-restore.sqlite" });
      },
      sign_in: () => {
        signedIn = true;
        return authStatus();
      },
    });
    render(<App />);
    await openSettings();

    const rows = await screen.findAllByTestId("backup-row");
    await userEvent.click(within(rows[1]).getByTestId("backup-restore"));
    expect(await screen.findByText(/当前数据库会先另存为一份「恢复前保存」的备份/)).toBeTruthy();
    expect(screen.getByText(/恢复后所有人都将退出登录/)).toBeTruthy();
    expect(calls.some((c) => c.cmd === "restore_backup")).toBe(false);
    await userEvent.click(screen.getByTestId("backup-restore-confirm"));

    expect(await screen.findByTestId("signin-login")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({ path: OLDER.path });
    expect(screen.getByTestId("signin-notice").textContent).toContain("已从备份恢复数据库");
    expect(screen.queryByTestId("settings")).toBeNull();

    // Signing in again reads the archive afresh.
    const searchesBefore = calls.filter((c) => c.cmd === "search_customers").length;
    await userEvent.type(screen.getByTestId("signin-login"), "admin");
    await userEvent.type(screen.getByTestId("signin-password"), "correct horse{Enter}");
    expect(await screen.findByTestId("customer-row")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "search_customers").length).toBeGreaterThan(searchesBefore);
  });

  it("shows why another file cannot be restored, under its path", async () => {
    mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => [],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "file", backups: [] }),
      restore_backup: () => {
        throw refusal([{ kind: "invalid_backup", field: "path", message: "not a CareDesk backup" }]);
      },
    });
    render(<App />);
    await openSettings();

    expect(await screen.findByText("No backups yet")).toBeTruthy();
    await userEvent.click(screen.getByTestId("backup-restore-other"));
    await userEvent.type(await screen.findByTestId("backup-restore-path"), "/media/usb/photo.jpg");
    await userEvent.click(screen.getByTestId("backup-restore-file"));
    await userEvent.click(await screen.findByTestId("backup-restore-confirm"));

    await waitFor(() =>
      expect(document.querySelector(".field-path .ant-form-item-explain-error")?.textContent).toBe(
        "Backup file is not a usable CareDesk backup (damaged, or from a newer version); the current database is unchanged",
      ),
    );
    expect(screen.getByTestId("page-title")).toBeTruthy();
  });

  it("on the dealership's server lists its backups beside the desk's old ones and says why one cannot be taken", async () => {
    const server = backupInfo({
      path: "/data/caredesk/backups/caredesk-20260110-083000-automatic.dump",
      kind: "automatic",
      format: "server_dump",
    });
    const calls = mockCommands({
      get_preferences: () => ({ ...prefs("zh-CN"), databasePath: "postgres://caredesk_app@server:5432/caredesk" }),
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "server_dump", backups: [server, OLDER] }),
      backup_now: () => {
        throw refusal([{ kind: "pg_tools_missing", message: "the PostgreSQL client tools (pg_dump) are not installed" }]);
      },
    });
    render(<App />);
    await openSettings();

    expect(await screen.findByTestId("server-backups-hint")).toBeTruthy();
    const [dump, file] = await screen.findAllByTestId("backup-row");
    expect(within(dump).getByTestId("backup-format").textContent).toBe("服务器");
    expect(within(file).getByTestId("backup-format").textContent).toBe("本机文件");
    // The desk's old file backup cannot go onto the server; the server's can be restored.
    expect(within(file).getByTestId("backup-restore")).toHaveProperty("disabled", true);
    expect(within(dump).getByTestId("backup-restore")).toHaveProperty("disabled", false);

    await userEvent.click(screen.getByTestId("settings-backup-now"));
    expect(await screen.findByText(/本机没有安装 PostgreSQL 客户端工具（pg_dump）/)).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "backup_now")).toHaveLength(1);
  });

  it("saves the lock time and backup rules, showing a refusal on its field", async () => {
    let attempts = 0;
    const calls = mockCommands({
      get_preferences: () => prefs("zh-CN"),
      archive_stats: () => stats(),
      search_customers: () => [],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "file", backups: [] }),
      update_settings: ({ settings }) => {
        attempts += 1;
        if (attempts === 1) {
          throw refusal([{ kind: "out_of_range", field: "lockMinutes", message: "lockMinutes must be between 0 and 480" }]);
        }
        return settings;
      },
    });
    render(<App />);
    await openSettings();

    const minutes = await screen.findByTestId("settings-lock-minutes");
    expect(minutes.tagName).toBe("INPUT");
    expect(screen.getByTestId("settings-backup-dir")).toHaveProperty("placeholder", "/data/caredesk/backups");
    await userEvent.clear(minutes);
    await userEvent.type(minutes, "999");
    await userEvent.click(screen.getByTestId("settings-save"));

    await waitFor(() =>
      expect(document.querySelector(".field-lockMinutes .ant-form-item-explain-error")?.textContent).toBe(
        "自动锁屏超出合理范围",
      ),
    );
    await userEvent.clear(minutes);
    await userEvent.type(minutes, "15");
    await userEvent.type(screen.getByTestId("settings-backup-dir"), "/mnt/nas/caredesk");
    await userEvent.click(screen.getByTestId("settings-save"));

    expect(await screen.findByText("设置已保存")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "update_settings").at(-1)?.args).toEqual({
      settings: { lockMinutes: 15, backupDir: "/mnt/nas/caredesk", keepDaily: 7, keepWeekly: 4 },
    });
    // The new lock time is the session's: the status is read again.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "auth_status").length).toBeGreaterThan(1));
  });

  it("fills the backup folder from the native folder picker; a cancelled picker changes nothing", async () => {
    let chosen: string | null = null;
    const calls = mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => [],
      get_settings: () => ({ ...SETTINGS, backupDir: "/data/old-backups" }),
      list_backups: () => ({ folder: "/data/old-backups", backups: [] }),
      choose_backup_folder: () => chosen,
      update_settings: ({ settings }) => settings as Settings,
    });
    render(<App />);
    await openSettings();

    const dir = await screen.findByTestId("settings-backup-dir");
    expect(dir).toHaveProperty("value", "/data/old-backups");
    expect(screen.getByTestId("backup-dir-choose").textContent).toBe("Choose…");

    // Cancelled: the field keeps what it had.
    await userEvent.click(screen.getByTestId("backup-dir-choose"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "choose_backup_folder")).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("backup-dir-choose").className).not.toContain("ant-btn-loading"));
    expect(screen.getByTestId("settings-backup-dir")).toHaveProperty("value", "/data/old-backups");

    chosen = "/mnt/nas/caredesk";
    await userEvent.click(screen.getByTestId("backup-dir-choose"));
    await waitFor(() => expect(screen.getByTestId("settings-backup-dir")).toHaveProperty("value", "/mnt/nas/caredesk"));
    await userEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "update_settings").at(-1)?.args).toEqual({
        settings: { lockMinutes: 10, backupDir: "/mnt/nas/caredesk", keepDaily: 7, keepWeekly: 4 },
      }),
    );
  });

  it("fills the file to restore from the native file picker, and still lets it be typed", async () => {
    let chosen: string | null = "/media/usb/caredesk-20260110.sqlite";
    mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => [],
      get_settings: () => SETTINGS,
      list_backups: () => ({ folder: "/data/caredesk/backups", format: "file", backups: [] }),
      choose_backup_file: () => chosen,
    });
    render(<App />);
    await openSettings();

    await userEvent.click(await screen.findByTestId("backup-restore-other"));
    const path = await screen.findByTestId("backup-restore-path");
    await userEvent.click(screen.getByTestId("restore-choose-file"));
    await waitFor(() => expect(path).toHaveProperty("value", "/media/usb/caredesk-20260110.sqlite"));
    expect(screen.getByTestId("backup-restore-file")).toHaveProperty("disabled", false);

    chosen = null;
    await userEvent.click(screen.getByTestId("restore-choose-file"));
    await waitFor(() => expect(screen.getByTestId("restore-choose-file").className).not.toContain("ant-btn-loading"));
    expect(path).toHaveProperty("value", "/media/usb/caredesk-20260110.sqlite");

    await userEvent.clear(path);
    await userEvent.type(path, "/media/usb/other.sqlite");
    expect(path).toHaveProperty("value", "/media/usb/other.sqlite");
  });

  it("follows a backup folder changed on another desk, keeping the lock time being typed", async () => {
    let settings = SETTINGS;
    const calls = mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => [],
      get_settings: () => settings,
      list_backups: () => ({ folder: settings.backupDir ?? "/data/caredesk/backups", format: "file", backups: [] }),
    });
    render(<App />);
    await openSettings();
    const minutes = await screen.findByTestId("settings-lock-minutes");
    await userEvent.clear(minutes);
    await userEvent.type(minutes, "25");

    settings = { ...SETTINGS, lockMinutes: 5, backupDir: "/mnt/nas/caredesk" };
    await emit(CHANGES_EVENT, { changes: [{ kind: "settings", id: null }], everything: false });
    await waitFor(() => expect(screen.getByTestId("backup-folder").textContent).toBe("/mnt/nas/caredesk"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_settings")).toHaveLength(2));
    expect(minutes).toHaveProperty("value", "25");
    expect(screen.getByTestId("settings-backup-dir")).toHaveProperty("value", "");
  });
});
