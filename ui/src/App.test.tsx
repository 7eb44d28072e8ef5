import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "./App";
import type { Preferences } from "./bindings";
import { ALLOWED, authStatus, mockCommands, sessionInfo, staffMember, stats, summary } from "./test/fixtures";

const prefs = (overrides: Partial<Preferences> = {}): Preferences => ({
  language: "zh-CN",
  languageChosen: false,
  databasePath: "/home/advisor/.local/share/caredesk/caredesk.sqlite",
  ...overrides,
});

describe("the app shell", () => {
  it("starts in the remembered language and switches everything at once", async () => {
    const calls = mockCommands({
      get_preferences: () => prefs(),
      set_language: () => null,
      archive_stats: () => stats(),
      search_customers: () => [summary()],
    });
    render(<App />);

    expect((await screen.findByTestId("page-title")).textContent).toBe("客户档案");
    // The archive's code arrives a moment after the shell's.
    expect(await screen.findByTestId("archive-search")).toHaveProperty("placeholder", "姓名、电话、车牌号或车架号");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(screen.getByTestId("user-menu").textContent).toContain("系统管理员");

    await userEvent.click(screen.getByTestId("lang-en"));

    await waitFor(() => expect(screen.getByTestId("page-title").textContent).toBe("Customer archive"));
    expect(screen.getByTestId("archive-search")).toHaveProperty("placeholder", "Name, phone, plate or VIN");
    expect(screen.getByTestId("nav-visits").textContent).toBe("Visits");
    expect(screen.getByTestId("user-menu").textContent).toContain("Administrator");
    expect(document.documentElement.lang).toBe("en");
    expect(calls.filter((c) => c.cmd === "set_language").map((c) => c.args.language)).toEqual(["en"]);

    await userEvent.click(screen.getByTestId("lang-zh-CN"));
    await waitFor(() => expect(screen.getByTestId("page-title").textContent).toBe("客户档案"));
  });

  it("offers the reports to those who may read them, the administrator not", async () => {
    mockCommands({
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
    });
    render(<App />);
    await screen.findByTestId("page-title");

    // Campaigns are built, and not the administrator's to read; nor are the reports.
    expect(screen.queryByTestId("nav-campaigns")).toBeNull();
    expect(screen.queryByTestId("nav-reports")).toBeNull();
  });

  it("opens the manager's KPI dashboard", async () => {
    mockCommands({
      auth_status: () => authStatus({ session: sessionInfo("service_manager") }),
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
      complaint_alerts: () => ({ escalatedOpen: 0, fromCallsUnassigned: 0, raised: [] }),
      reports_dashboard: () => ({ from: "2026-11-01", to: "2026-11-30", cards: [] }),
      reports_league: () => [],
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("nav-reports"));
    expect(screen.getByTestId("page-title").textContent).toBe("Reports");
    expect(await screen.findByTestId("advisor-league")).toBeTruthy();
    await userEvent.click(screen.getByTestId("nav-archive"));
    expect(await screen.findByTestId("archive-search")).toBeTruthy();
  });

  it("opens the care campaigns for those who may read them", async () => {
    mockCommands({
      auth_status: () =>
        authStatus({
          session: sessionInfo("follow_up", {
            allowedActions: [...ALLOWED.follow_up, "read_campaigns", "work_campaigns", "call_customers"],
          }),
        }),
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
      list_campaigns: () => [],
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("nav-campaigns"));
    expect(screen.getByTestId("page-title").textContent).toBe("Campaigns");
    expect(await screen.findByTestId("campaigns-list")).toBeTruthy();
    expect(screen.getByTestId("campaigns-tab-care").textContent).toBe("Proactive care");
    // Follow-up staff work campaigns; the manager plans them.
    expect(screen.queryByTestId("campaigns-new")).toBeNull();
  });

  it("shows the escalated complaints' count next to Complaints", async () => {
    const calls = mockCommands({
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
      complaint_alerts: () => ({ escalatedOpen: 2, fromCallsUnassigned: 1, raised: [] }),
      list_complaints: () => [],
    });
    render(<App />);
    const badge = await screen.findByTestId("complaints-escalated-count");
    // Complaints from follow-up calls waiting for a handler are the manager's to see, not the administrator's.
    expect(screen.queryByTestId("complaints-from-calls-count")).toBeNull();
    expect(badge.textContent).toContain("2");
    expect(screen.getByTestId("nav-complaints").textContent).toBe("Complaints");
    const before = calls.filter((c) => c.cmd === "complaint_alerts").length;
    await userEvent.click(screen.getByTestId("nav-complaints"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "complaint_alerts").length).toBeGreaterThan(before));
    expect(await screen.findByTestId("complaints-list")).toBeTruthy();
  });

  it("shows the manager the complaints a low follow-up score opened that wait for a handler", async () => {
    mockCommands({
      auth_status: () =>
        authStatus({
          session: sessionInfo("service_manager", {
            allowedActions: [...ALLOWED.service_manager, "manage_complaints"],
          }),
        }),
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
      complaint_alerts: () => ({ escalatedOpen: 0, fromCallsUnassigned: 3, raised: [] }),
    });
    render(<App />);
    const badge = await screen.findByTestId("complaints-from-calls-count");
    expect(badge.textContent).toContain("3");
    expect(screen.queryByTestId("complaints-escalated-count")).toBeNull();
  });

  it("shows where the database is kept", async () => {
    mockCommands({
      get_preferences: () => prefs(),
      archive_stats: () => stats(),
      search_customers: () => [],
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-settings"));
    const settings = await screen.findByTestId("settings");
    expect(within(settings).getByText("/home/advisor/.local/share/caredesk/caredesk.sqlite")).toBeTruthy();
    expect(within(settings).getByText("数据库位置")).toBeTruthy();
  });

  it("offers staff management to the administrator", async () => {
    mockCommands({
      get_preferences: () => prefs({ language: "en" }),
      archive_stats: () => stats(),
      search_customers: () => [],
      list_staff: () => [staffMember(), staffMember({ id: 2, role: "service_advisor" })],
    });
    render(<App />);

    await userEvent.click(await screen.findByTestId("nav-staff"));
    expect(screen.getByTestId("page-title").textContent).toBe("Staff");
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(2);
    expect(screen.getByTestId("staff-add")).toBeTruthy();
  });
});
