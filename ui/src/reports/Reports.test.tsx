import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import dayjs from "dayjs";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it, vi } from "vitest";
import type { Language, Role } from "../bindings";
import { deskNow } from "../clock";
import { CHANGES_EVENT } from "../live";
import { NavigationContext } from "../shell/navigation";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { defaultPeriod, periodOf } from "./period";
import { ReportsModule } from "./ReportsModule";
import { dashboard, kpiCard, leagueRow, reportRecord, reportSession } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

const CARDS = [
  kpiCard(),
  kpiCard({
    key: "showRate",
    unit: "percent",
    current: { value: 80, part: 32, whole: 40 },
    previous: { value: 85 },
    yearAgo: { value: 75 },
    target: 90,
    met: false,
  }),
  kpiCard({ key: "escalationRate", unit: "percent", higherIsBetter: false, current: { value: 4 }, previous: { value: 6 }, target: 5, met: true }),
  kpiCard({ key: "revenue", unit: "money", current: { value: 1234560 }, previous: { value: 1000000 }, yearAgo: {}, target: undefined, met: undefined }),
  kpiCard({ key: "customersBack", unit: "percent", current: {}, previous: { value: 10 }, yearAgo: {}, target: 20, met: undefined }),
];

const LEAGUE = [leagueRow(), leagueRow({ advisorId: 4, advisorName: "李强", csi: { value: 85 }, complaints: 3 })];

async function renderReports(role: Role, handlers: Record<string, Handler> = {}, lang: Language = "zh-CN", id = 3) {
  const navigate = vi.fn();
  const calls = mockCommands({
    reports_dashboard: () => dashboard(CARDS),
    reports_league: () => LEAGUE,
    reports_records: () => [],
    ...handlers,
  });
  await renderIn(
    lang,
    <NavigationContext.Provider value={navigate}>
      <ReportsModule lang={lang} />
    </NavigationContext.Provider>,
    reportSession(role, id, role === "service_advisor" ? "王丽" : "陈军"),
  );
  return { calls, navigate };
}

describe("the KPI dashboard", () => {
  it("asks for the last complete month and shows each card's figure in the report's format", async () => {
    const { calls } = await renderReports("service_manager");
    expect((await screen.findByTestId("kpi-value-csi")).textContent).toBe("92.5 分");
    const expected = defaultPeriod(deskNow());
    expect(calls.find((c) => c.cmd === "reports_dashboard")?.args.query).toEqual({ from: expected.from, to: expected.to });
    expect(screen.getByTestId("kpi-value-showRate").textContent).toBe("80.0%");
    expect(screen.getByTestId("kpi-share-showRate").textContent).toBe("32 / 40");
    expect(screen.getByTestId("kpi-value-revenue").textContent).toBe("¥12,345.60");
    expect(screen.getByTestId("kpi-target-csi").textContent).toContain("90.0 分");
    expect(screen.getByTestId("kpi-target-revenue").textContent).toContain("无目标");
    // The previous period and a year earlier, with the change.
    expect(screen.getByTestId("kpi-previous-csi").textContent).toContain("90.0 分");
    expect(screen.getByTestId("kpi-change-previous-csi").textContent).toContain("+2.5 分");
    expect(screen.getByTestId("kpi-change-previous-csi").dataset.direction).toBe("better");
    expect(screen.getByTestId("kpi-change-yearAgo-csi").dataset.direction).toBe("worse");
    // Fewer escalations than before is better.
    expect(screen.getByTestId("kpi-change-previous-escalationRate").dataset.direction).toBe("better");
    expect(screen.queryByTestId("kpi-change-yearAgo-revenue")).toBeNull();
    // The dates and the comparison periods.
    expect(screen.getByTestId("report-period-dates").textContent).toContain(expected.from);
    expect(screen.getByTestId("report-comparisons").textContent).toContain("去年同期");
    // The 12-month trend, as drawn.
    expect(screen.getByTestId("kpi-trend-csi").dataset.value?.split("; ")).toHaveLength(12);
  });

  it("covers a quarter, a year or a custom range when asked", async () => {
    const { calls } = await renderReports("service_manager");
    await screen.findByTestId("kpi-card-csi");
    const month = defaultPeriod(deskNow());
    const quarter = periodOf("quarter", dayjs(`${month.from}T00:00:00`));
    await userEvent.click(screen.getByTestId("report-mode-quarter"));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "reports_dashboard").at(-1)?.args.query).toEqual({ from: quarter.from, to: quarter.to }),
    );
    expect(screen.getByTestId("report-period-dates").textContent).toContain(quarter.to);
    await userEvent.click(screen.getByTestId("report-mode-year"));
    const year = month.from.slice(0, 4);
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "reports_dashboard").at(-1)?.args.query).toEqual({
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      }),
    );
    // A custom range starts from the period shown.
    await userEvent.click(screen.getByTestId("report-mode-custom"));
    expect(screen.getAllByTestId("report-range").length).toBeGreaterThan(0);
    expect(screen.getByTestId("report-period-dates").textContent).toContain(`${year}-12-31`);
  });

  it("colours a card green or red against its target, and not at all without a target or a value", async () => {
    await renderReports("service_manager");
    await screen.findByTestId("kpi-card-csi");
    expect(screen.getByTestId("kpi-card-csi").dataset.status).toBe("met");
    expect(screen.getByTestId("kpi-status-csi").textContent).toBe("达标");
    expect(screen.getByTestId("kpi-card-showRate").dataset.status).toBe("missed");
    expect(screen.getByTestId("kpi-status-showRate").textContent).toBe("未达标");
    // Lower is better: 4% under a 5% ceiling is met.
    expect(screen.getByTestId("kpi-card-escalationRate").dataset.status).toBe("met");
    expect(screen.getByTestId("kpi-card-revenue").dataset.status).toBe("none");
    expect(screen.queryByTestId("kpi-status-revenue")).toBeNull();
  });

  it("says no data for a card without a value, never 0%", async () => {
    await renderReports("service_manager", {}, "en");
    expect((await screen.findByTestId("kpi-value-customersBack")).textContent).toBe("No data");
    expect(screen.getByTestId("kpi-card-customersBack").dataset.status).toBe("none");
    expect(screen.getByTestId("kpi-card-customersBack").textContent).not.toMatch(/NaN|(^|[^\d.])0(\.0)?%/);
    expect(screen.queryByTestId("kpi-change-previous-customersBack")).toBeNull();
    expect(screen.getByTestId("kpi-value-csi").textContent).toBe("92.5 pts");
  });

  it("opens the records behind a figure and each record's own page", async () => {
    const { calls, navigate } = await renderReports("service_manager", {
      reports_records: () => [
        reportRecord(),
        reportRecord({ kind: "complaint", id: 9, number: "TS20261120-001", customerName: "李娜", on: "2026-11-20" }),
      ],
    });
    await userEvent.click(await screen.findByTestId("kpi-value-showRate"));
    const records = await screen.findByTestId("kpi-records");
    expect(await within(records).findByText("20261122-003")).toBeTruthy();
    expect(within(records).getByText("维修工单")).toBeTruthy();
    expect(within(records).getByText("李娜")).toBeTruthy();
    const asked = calls.find((c) => c.cmd === "reports_records");
    expect(asked?.args.kpi).toBe("showRate");
    await userEvent.click(screen.getByTestId("kpi-record-9"));
    expect(navigate).toHaveBeenCalledWith({ module: "complaints", complaintId: 9 });
    await userEvent.click(screen.getByTestId("kpi-record-7"));
    expect(navigate).toHaveBeenCalledWith({ module: "visits", visitId: 7 });
  });

  it("lets the manager pick an advisor and shows the league, with export and print", async () => {
    const { calls } = await renderReports("service_manager");
    const league = await screen.findByTestId("advisor-league");
    expect(await within(league).findByText("李强")).toBeTruthy();
    expect(screen.getByTestId("league-csi-2").textContent).toBe("91.2 分");
    expect(screen.getByTestId("league-extraWorkApproval-2").textContent).toBe("无数据");
    expect(screen.getByTestId("league-complaints-4").textContent).toBe("3");
    expect(screen.getByTestId("report-advisor")).toBeTruthy();
    expect(screen.getByTestId("report-export")).toBeTruthy();
    expect(screen.getByTestId("report-print")).toBeTruthy();
    expect(screen.queryByTestId("report-own-figures")).toBeNull();
    // The league covers every advisor.
    expect(calls.find((c) => c.cmd === "reports_league")?.args.query).not.toHaveProperty("advisor");

    // One advisor's figures: the dashboard is asked for them, the league stays whole.
    const select = screen.getByTestId("report-advisor");
    fireEvent.mouseDown(select.querySelector(".ant-select-content, .ant-select-selector") ?? select);
    await userEvent.click(await screen.findByTestId("report-advisor-4"));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "reports_dashboard").at(-1)?.args.query).toMatchObject({ advisor: 4 }),
    );
    expect(calls.filter((c) => c.cmd === "reports_league").every((c) => !("advisor" in (c.args.query as object)))).toBe(true);
  });

  it("exports and prints the report of the period and advisor shown, in the screen's language", async () => {
    const { calls } = await renderReports("service_manager", {
      export_report: () => ({ path: "/home/chenjun/报表.xlsx", rows: 21 }),
      print_report: () => ({ path: "/prints/report.pdf", bytes: 1024 }),
      open_printed: () => null,
    });
    await screen.findByTestId("kpi-card-csi");
    const expected = defaultPeriod(deskNow());
    await userEvent.click(screen.getByTestId("report-export"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "export_report")).toBe(true));
    expect(calls.find((c) => c.cmd === "export_report")?.args).toEqual({
      query: { from: expected.from, to: expected.to },
      language: "zh-CN",
    });
    await userEvent.click(screen.getByTestId("report-print"));
    expect((await screen.findByTestId("printed-path")).textContent).toBe("/prints/report.pdf");
    expect(calls.find((c) => c.cmd === "print_report")?.args).toEqual({
      query: { from: expected.from, to: expected.to },
      language: "zh-CN",
    });
    await userEvent.click(screen.getByTestId("printed-open"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "open_printed")?.args.path).toBe("/prints/report.pdf"));
  });

  it("shows an advisor their own figures only, with no advisor filter and no export", async () => {
    const { calls } = await renderReports("service_advisor", { reports_league: () => [leagueRow()] }, "zh-CN", 2);
    expect((await screen.findByTestId("report-own-figures")).textContent).toContain("王丽");
    expect(screen.queryByTestId("report-advisor")).toBeNull();
    expect(screen.queryByTestId("report-export")).toBeNull();
    const league = await screen.findByTestId("advisor-league");
    await waitFor(() => expect(within(league).getAllByText("王丽")).toHaveLength(1));
    expect(within(league).getByText("本人")).toBeTruthy();
    expect(within(league).queryByText("李强")).toBeNull();
    expect(calls.find((c) => c.cmd === "reports_dashboard")?.args.query).not.toHaveProperty("advisor");
  });

  it("shows the period's refusal next to the period picker, naming the field", async () => {
    await renderReports("service_manager", {
      reports_dashboard: () => {
        throw refusal([{ kind: "date_order", field: "to", message: "the period must end after it starts" }]);
      },
      reports_league: () => {
        throw refusal([{ kind: "date_order", field: "to", message: "the period must end after it starts" }]);
      },
    });
    const error = await screen.findByTestId("report-period-error");
    expect(error.textContent).toContain("结束日期");
    expect(within(screen.getByTestId("report-period")).getByTestId("report-period-error")).toBe(error);
    expect(screen.queryByTestId("kpi-card-csi")).toBeNull();
    expect(screen.queryByTestId("report-failed")).toBeNull();
  });

  it("names a period starting in the future in English too", async () => {
    await renderReports(
      "service_manager",
      {
        reports_dashboard: () => {
          throw refusal([{ kind: "date_in_future", field: "from", message: "the period may not start in the future" }]);
        },
      },
      "en",
    );
    expect((await screen.findByTestId("report-period-error")).textContent).toContain("Start date");
  });

  it("shows any other failure with a retry", async () => {
    await renderReports("service_manager", {
      reports_dashboard: () => {
        throw refusal([{ kind: "forbidden", message: "not yours" }]);
      },
    });
    expect(await screen.findByTestId("report-failed")).toBeTruthy();
    expect(screen.queryByTestId("report-period-error")).toBeNull();
  });

  it("reads the figures again when another desk changes records", async () => {
    let csi = 92.5;
    await renderReports("service_manager", { reports_dashboard: () => dashboard([kpiCard({ current: { value: csi } })]) });
    expect((await screen.findByTestId("kpi-value-csi")).textContent).toBe("92.5 分");
    csi = 80;
    await emit(CHANGES_EVENT, { changes: [{ kind: "follow_up", id: null }], everything: false });
    await waitFor(() => expect(screen.getByTestId("kpi-value-csi").textContent).toBe("80.0 分"));
  });
});
