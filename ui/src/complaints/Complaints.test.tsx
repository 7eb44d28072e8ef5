import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { AuditEntry, ChangeKind, Complaint, ComplaintKpis, Role } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { auditEntry, detail, mockCommands, refusal, summary } from "../test/fixtures";
import { renderIn } from "../test/render";
import { ComplaintPage } from "./ComplaintPage";
import { ComplaintsModule } from "./ComplaintsModule";
import { KpiTab } from "./KpiTab";
import { LimitsDrawer } from "./LimitsDrawer";
import { complaint, complaintSession } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

/** Opens a PickSelect by its test id and clicks the option of `value`. */
async function choose(testId: string, value: string | number) {
  fireEvent.mouseDown(
    screen.getByTestId(testId).querySelector(".ant-select-content, .ant-select-selector") ?? screen.getByTestId(testId),
  );
  await userEvent.click(await screen.findByTestId(`option-${value}`));
}

/** The backend's word that another desk changed records of `kind`. */
const changedElsewhere = (kind: ChangeKind) => emit(CHANGES_EVENT, { changes: [{ kind, id: null }], everything: false });

const handlers = [
  { id: 2, name: "王丽", role: "service_advisor" as const },
  { id: 3, name: "陈军", role: "service_manager" as const },
];

function pageHandlers(shown: () => Complaint): Record<string, Handler> {
  return {
    get_complaint: () => shown(),
    complaint_handlers: () => handlers,
    service_staff: () => handlers,
    complaint_history: () => [],
  };
}

async function renderPage(shown: Complaint, role: Role, id = 1, extra: Record<string, Handler> = {}) {
  const calls = mockCommands({ ...pageHandlers(() => shown), ...extra });
  await renderIn("zh-CN", <ComplaintPage complaintId={shown.id} lang="zh-CN" />, complaintSession(role, id));
  await screen.findByTestId("complaint-number");
  return calls;
}

describe("the complaint list", () => {
  it("marks escalated complaints and passed deadlines, as the backend counts them", async () => {
    mockCommands({
      list_complaints: () => [
        complaint({
          id: 5,
          assignDue: "2020-01-01T02:00:00Z",
          escalations: [{ reason: "not_assigned_in_time", at: "2020-01-01T02:00:00Z" }],
          deadline: { kind: "assign", due: "2020-01-01T02:00:00Z", minutesLeft: -125 },
        }),
        complaint({
          id: 6,
          number: "TS20261122-002",
          severity: "minor",
          assignDue: undefined,
          deadline: { kind: "resolve", due: "2099-01-02T01:00:00Z", minutesLeft: 2 * 60 + 5 },
        }),
        complaint({ id: 7, number: "TS20261122-003", state: "resolved", deadline: undefined }),
      ],
    });
    await renderIn("zh-CN", <ComplaintsModule lang="zh-CN" request={null} />, complaintSession("service_manager"));
    const row = await screen.findByTestId("complaint-row-5");
    expect(row.getAttribute("data-state")).toBe("received");
    expect(within(row).getByTestId("complaint-escalated-5").textContent).toContain("未在时限内分派处理人");
    expect(screen.getByTestId("complaint-deadline-5").getAttribute("data-overdue")).toBe("true");
    expect(screen.getByTestId("complaint-deadline-5").textContent).toContain("分派已超时");
    expect(screen.queryByTestId("complaint-escalated-6")).toBeNull();
    expect(screen.getByTestId("complaint-deadline-6").getAttribute("data-overdue")).toBe("false");
    expect(screen.getByTestId("complaint-deadline-6").textContent).toContain("2 小时 5 分");
    // A resolved complaint has no limit left.
    expect(screen.queryByTestId("complaint-deadline-7")).toBeNull();
    expect(screen.getByTestId("complaint-register")).toBeTruthy();
  });
});

describe("registering a complaint", () => {
  it("sends the complaint input and shows the hard-case advice", async () => {
    let sent: unknown = null;
    const calls = mockCommands({
      list_complaints: () => [],
      search_customers: () => [summary()],
      get_customer: () => detail(),
      customer_visits: () => [
        {
          id: 7,
          number: "20261122-003",
          state: "handed_over",
          walkIn: false,
          customerId: 1,
          customerName: "张伟",
          customerMobile: "13912345678",
          vehicleId: 11,
          plate: "京A12345",
          vehicleLabel: "迈腾",
          advisorId: 2,
          advisorName: "王丽",
          expectedMinutes: 60,
          requestedWork: "保养",
          replacementCar: false,
        },
      ],
      register_complaint: (args) => {
        sent = args.input;
        return complaint({ id: 9 });
      },
      ...pageHandlers(() => complaint({ id: 9 })),
    });
    await renderIn("zh-CN", <ComplaintsModule lang="zh-CN" request={null} />, complaintSession("service_advisor", 2));
    await userEvent.click(await screen.findByTestId("complaint-register"));
    expect(screen.getByTestId("complaint-principle").textContent).toContain("先处理感情，后处理事件");
    expect(screen.getByTestId("complaint-principle").textContent).toContain("这是公司规定");
    expect(screen.getByTestId("complaint-owner").textContent).toContain("王丽");

    await userEvent.type(screen.getByTestId("complaint-customer-search"), "张伟");
    await userEvent.click(await screen.findByTestId("complaint-customer-option-1"));
    await screen.findByTestId("complaint-customer-chosen");
    await choose("complaint-visit", 7);
    await choose("complaint-channel", "phone");
    await choose("complaint-severity", "serious");
    await choose("complaint-category", "reliability");
    await choose("complaint-hard-case", "socially_influential");
    expect(screen.getByTestId("complaint-hard-case-advice").textContent).toContain("立即上报服务经理");
    await userEvent.type(screen.getByTestId("complaint-description"), "故障灯又亮了");
    await userEvent.type(screen.getByTestId("complaint-request"), "免费检查");
    await userEvent.click(screen.getByTestId("complaint-submit"));

    await screen.findByTestId("complaint-page");
    expect(sent).toEqual({
      customerId: 1,
      vehicleId: 11,
      visitId: 7,
      channel: "phone",
      severity: "serious",
      category: "reliability",
      hardCase: "socially_influential",
      description: "故障灯又亮了",
      request: "免费检查",
    });
    expect(calls.filter((c) => c.cmd === "register_complaint")).toHaveLength(1);
  });

  it("opens preset for a customer's visit from a request", async () => {
    mockCommands({
      list_complaints: () => [],
      get_customer: () => detail(),
      customer_visits: () => [],
    });
    await renderIn(
      "zh-CN",
      <ComplaintsModule
        lang="zh-CN"
        request={{ module: "complaints", register: { customerId: 1, vehicleId: 11 }, serial: 1 }}
      />,
      complaintSession("service_advisor", 2),
    );
    expect((await screen.findByTestId("complaint-customer-chosen")).textContent).toContain("张伟");
    expect(screen.getByTestId("complaint-vehicle").textContent).toContain("京A12345");
  });
});

describe("the complaint page", () => {
  it("shows an advisor who is not the handler no assign and no close", async () => {
    await renderPage(complaint({ state: "assigned", handlerId: 3, handler: "陈军" }), "service_advisor", 2);
    expect(screen.getByTestId("complaint-state").getAttribute("data-state")).toBe("assigned");
    expect(screen.queryByTestId("complaint-assign")).toBeNull();
    expect(screen.queryByTestId("complaint-close")).toBeNull();
    expect(screen.queryByTestId("complaint-contact")).toBeNull();
    expect(screen.queryByTestId("recovery-apology-save")).toBeNull();
  });

  it("lets the handler contact the customer with a note", async () => {
    let shown = complaint({ state: "assigned", handlerId: 2, handler: "王丽" });
    const calls = await renderPage(shown, "service_advisor", 2, {
      get_complaint: () => shown,
      complaint_step: () => {
        shown = complaint({ state: "contacted", handlerId: 2, handler: "王丽" });
        return shown;
      },
    });
    expect(screen.queryByTestId("complaint-assign")).toBeNull();
    await userEvent.type(screen.getByTestId("complaint-note"), "已致电");
    await userEvent.click(screen.getByTestId("complaint-contact"));
    await waitFor(() => expect(screen.getByTestId("complaint-state").getAttribute("data-state")).toBe("contacted"));
    expect(calls.find((c) => c.cmd === "complaint_step")?.args).toEqual({ id: 5, step: "contact", note: "已致电" });
    expect(screen.getByTestId("complaint-agree")).toBeTruthy();
  });

  it("lets the manager assign, lists escalations, and offers solved-on-the-spot only for a minor one", async () => {
    let shown = complaint({ escalations: [{ reason: "not_assigned_in_time", at: "2026-11-22T02:00:00Z" }] });
    const calls = await renderPage(shown, "service_manager", 3, {
      get_complaint: () => shown,
      assign_complaint: (args) => {
        shown = complaint({ state: "assigned", handlerId: args.handlerId as number, handler: "陈军" });
        return shown;
      },
    });
    expect(screen.getByTestId("complaint-escalations").textContent).toContain("未在时限内分派处理人");
    expect(screen.queryByTestId("complaint-solve-on-spot")).toBeNull();
    await choose("complaint-handler", 3);
    await userEvent.click(screen.getByTestId("complaint-assign"));
    await waitFor(() => expect(screen.getByTestId("complaint-state").getAttribute("data-state")).toBe("assigned"));
    expect(calls.find((c) => c.cmd === "assign_complaint")?.args).toEqual({
      id: 5,
      handlerId: 3,
      version: complaint().updatedAt,
    });
  });

  it("offers the minor complaint's solution on the spot to whoever registers", async () => {
    await renderPage(complaint({ severity: "minor", assignDue: undefined }), "technician", 4);
    expect(screen.getByTestId("complaint-solve-on-spot")).toBeTruthy();
    expect(screen.queryByTestId("complaint-assign")).toBeNull();
  });

  it("offers close and reopen to the manager once called back", async () => {
    await renderPage(complaint({ state: "return_called", handlerId: 2, handler: "王丽" }), "service_manager", 3);
    expect(screen.getByTestId("complaint-close")).toBeTruthy();
    expect(screen.getByTestId("complaint-reopen")).toBeTruthy();
  });
});

describe("the complaint page, live", () => {
  it("follows a change made on another desk without a click: assigned to this advisor, escalated by the clock", async () => {
    let shown = complaint();
    let history: AuditEntry[] = [];
    const calls = mockCommands({ ...pageHandlers(() => shown), complaint_history: () => history });
    await renderIn("zh-CN", <ComplaintPage complaintId={5} lang="zh-CN" />, complaintSession("service_advisor", 2));
    await screen.findByTestId("complaint-number");
    expect(screen.getByTestId("complaint-state").getAttribute("data-state")).toBe("received");
    expect(screen.queryByTestId("complaint-contact")).toBeNull();
    const historyReads = () => calls.filter((c) => c.cmd === "complaint_history").length;
    await waitFor(() => expect(historyReads()).toBe(1));

    // The manager assigns it to this advisor on another desk, after the clock escalated it.
    shown = complaint({
      state: "assigned",
      handlerId: 2,
      handler: "王丽",
      escalations: [{ reason: "not_assigned_in_time", at: "2026-11-22T02:00:00Z" }],
      updatedAt: "2026-11-22T02:05:00Z",
    });
    history = [auditEntry({ entity: "complaint", entityId: 5, action: "complaint_step", staffName: "陈军" })];
    await changedElsewhere("complaint");

    await waitFor(() => expect(screen.getByTestId("complaint-state").getAttribute("data-state")).toBe("assigned"));
    expect(screen.getByTestId("complaint-escalations").textContent).toContain("未在时限内分派处理人");
    // The untouched forms follow: the handler may now contact the customer and record the recovery.
    expect(await screen.findByTestId("complaint-contact")).toBeTruthy();
    expect(screen.getByTestId("recovery-apology-save")).toBeTruthy();
    await waitFor(() => expect(historyReads()).toBe(2));
    expect(await within(screen.getByTestId("complaint-history")).findByText("陈军")).toBeTruthy();
  });

  it("keeps the note being typed when the complaint changes on another desk", async () => {
    let shown = complaint({ state: "assigned", handlerId: 2, handler: "王丽" });
    mockCommands(pageHandlers(() => shown));
    await renderIn("zh-CN", <ComplaintPage complaintId={5} lang="zh-CN" />, complaintSession("service_advisor", 2));
    await userEvent.type(await screen.findByTestId("complaint-note"), "已致电，客户不在");

    shown = complaint({
      state: "assigned",
      handlerId: 2,
      handler: "王丽",
      escalations: [{ reason: "not_resolved_in_time", at: "2026-11-22T03:00:00Z" }],
      updatedAt: "2026-11-22T03:00:00Z",
    });
    await changedElsewhere("complaint");

    const actions = screen.getByTestId("complaint-actions");
    expect(await within(actions).findByTestId("changed-underneath")).toBeTruthy();
    expect(screen.getByTestId("complaint-escalations").textContent).toContain("未在时限内解决");
    expect(screen.getByTestId("complaint-note")).toHaveProperty("value", "已致电，客户不在");
  });
});

describe("service recovery", () => {
  it("sends the compensation's cost in fen and shows a cost refusal on its field", async () => {
    const shown = complaint({ state: "agreed", handlerId: 2, handler: "王丽" });
    const calls = await renderPage(shown, "service_advisor", 2, {
      record_recovery: () => {
        throw refusal([{ kind: "out_of_range", field: "cost", message: "cost too high" }]);
      },
    });
    const date = screen.getByTestId("recovery-symbolic_compensation-date");
    await userEvent.type(date, "2026-11-23{Enter}");
    await userEvent.type(screen.getByTestId("recovery-symbolic_compensation-note"), "已赠送");
    await userEvent.type(screen.getByTestId("recovery-compensation"), "保养券");
    await userEvent.type(screen.getByTestId("recovery-cost"), "200.5");
    await userEvent.click(screen.getByTestId("recovery-symbolic_compensation-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_recovery")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_recovery")?.args).toEqual({
      id: 5,
      recovery: {
        step: "symbolic_compensation",
        doneOn: "2026-11-23",
        note: "已赠送",
        compensation: "保养券",
        cost: 20050,
        version: shown.updatedAt,
      },
    });
    const item = screen.getByTestId("recovery-cost").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(item.textContent).toContain("费用"));
    expect(item.querySelector(".ant-form-item-explain-error")).toBeTruthy();
  });

  it("ticks the steps done", async () => {
    await renderPage(
      complaint({
        state: "agreed",
        handlerId: 2,
        recovery: [{ step: "apology", doneOn: "2026-11-22", note: "已道歉", by: "王丽" }],
      }),
      "service_advisor",
      2,
    );
    expect(screen.getByTestId("recovery-apology-done").textContent).toContain("王丽");
    expect(screen.queryByTestId("recovery-empathy-done")).toBeNull();
  });
});

describe("the KPIs", () => {
  const kpis = (over: Partial<ComplaintKpis["kpis"]> = {}): ComplaintKpis => ({
    since: "2026-09-01",
    limits: {
      assignMinutes: 60,
      resolveHours: 72,
      minorResolveHours: 2,
      oneTimeTargetPercent: 85,
      escalationTargetPercent: 0,
    },
    kpis: {
      total: 4,
      closed: 3,
      oneTimeResolutionPercent: 66.666,
      escalationPercent: 25,
      medianMinutesToAssign: 35,
      medianMinutesToClose: 125,
      reopened: 1,
      byCategory: [{ category: "reliability", count: 3 }, { category: "price", count: 1 }],
      byMonth: [{ month: "2026-10", category: "reliability", count: 3 }],
      ...over,
    },
  });

  it("renders the figures against the targets", async () => {
    const calls = mockCommands({ complaint_kpis: () => kpis() });
    await renderIn("zh-CN", <KpiTab lang="zh-CN" />, complaintSession("service_manager"));
    expect((await screen.findByTestId("kpi-one-time")).textContent).toBe("66.7%");
    expect(screen.getByTestId("kpi-one-time").getAttribute("data-bad")).toBe("true");
    expect(screen.getByTestId("kpi-escalation").textContent).toBe("25.0%");
    expect(screen.getByTestId("kpi-median-assign").textContent).toBe("35 分");
    expect(screen.getByTestId("kpi-median-close").textContent).toBe("2 小时 5 分");
    expect(screen.getByTestId("kpi-reopened").textContent).toBe("1");
    expect(screen.getByTestId("kpi-total").textContent).toBe("4");
    expect(screen.getByTestId("kpi-by-category").textContent).toContain("可靠性");
    expect(screen.getByTestId("kpi-by-month").getAttribute("data-value")).toBe("2026-10:reliability:3");
    expect(String(calls.find((c) => c.cmd === "complaint_kpis")?.args.since)).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it("reads the figures again when a complaint changes on any desk", async () => {
    let figures = kpis();
    const calls = mockCommands({ complaint_kpis: () => figures });
    await renderIn("zh-CN", <KpiTab lang="zh-CN" />, complaintSession("service_manager"));
    expect((await screen.findByTestId("kpi-total")).textContent).toBe("4");
    const reads = () => calls.filter((c) => c.cmd === "complaint_kpis").length;
    const before = reads();

    figures = kpis({ total: 5 });
    await changedElsewhere("complaint");
    await waitFor(() => expect(screen.getByTestId("kpi-total").textContent).toBe("5"));
    expect(reads()).toBe(before + 1);
  });

  it("says — when there is no data", async () => {
    mockCommands({
      complaint_kpis: () =>
        kpis({
          total: 0,
          closed: 0,
          oneTimeResolutionPercent: undefined,
          escalationPercent: undefined,
          medianMinutesToAssign: undefined,
          medianMinutesToClose: undefined,
          reopened: 0,
          byCategory: [],
          byMonth: [],
        }),
    });
    await renderIn("en", <KpiTab lang="en" />, complaintSession("service_manager"));
    expect((await screen.findByTestId("kpi-one-time")).textContent).toBe("—");
    expect(screen.getByTestId("kpi-escalation").textContent).toBe("—");
    expect(screen.getByTestId("kpi-median-assign").textContent).toBe("—");
    expect(screen.getByTestId("kpi-median-close").textContent).toBe("—");
  });
});

describe("a save after someone else's change", () => {
  const recorded = (rootCause: string, updatedAt: string) =>
    complaint({
      state: "assigned",
      handlerId: 3,
      handler: "陈军",
      cause: {
        cause: "ours",
        rootCause,
        responsible: "王丽",
        measure: "完工自检清单增加点火系统插头检查",
        measureOwner: "陈军",
        checkOn: "2099-12-22",
      },
      updatedAt,
    });
  const stale = refusal([
    {
      kind: "stale",
      message: "complaint 5 was changed by 王丽; nothing was saved: reload it",
      changed: { by: "王丽", at: "2026-11-22T02:02:00Z" },
    },
  ]);

  it("is refused naming who changed the cause and when, keeps what was typed, and reloads it on request", async () => {
    let shown = recorded("未检查点火线圈插头", "2026-11-22T02:00:00Z");
    const calls = mockCommands({
      ...pageHandlers(() => shown),
      record_complaint_cause: () => {
        throw stale;
      },
    });
    await renderIn("en", <ComplaintPage complaintId={shown.id} lang="en" />, complaintSession("service_manager", 3));
    // The cause's form waits for the staff it names.
    const rootCause = await screen.findByTestId("complaint-root-cause");
    await userEvent.clear(rootCause);
    await userEvent.type(rootCause, "火花塞型号用错");
    await userEvent.click(screen.getByTestId("complaint-cause-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_complaint_cause")).toBe(true));
    const sent = calls.find((c) => c.cmd === "record_complaint_cause")?.args.cause as { rootCause: string; version: string };
    expect(sent).toMatchObject({ rootCause: "火花塞型号用错", version: "2026-11-22T02:00:00Z" });
    const alert = await screen.findByTestId("complaint-cause-refusal");
    expect(alert.textContent).toMatch(/王丽 changed this record at 2026-11-22 \d\d:02; nothing was saved\. Reload it and make your change again/);
    // The form stays open with what was typed.
    expect(screen.getByTestId("complaint-root-cause")).toHaveProperty("value", "火花塞型号用错");

    // Reloaded, the card shows the cause as 王丽 left it.
    shown = recorded("客户误解保养项目", "2026-11-22T02:02:00Z");
    await userEvent.click(within(alert).getByTestId("complaint-reload"));
    await waitFor(() => expect(screen.getByTestId("complaint-root-cause")).toHaveProperty("value", "客户误解保养项目"));
    expect(screen.queryByTestId("complaint-cause-refusal")).toBeNull();
  });

  it("refuses a recovery step the same way in Chinese, the note kept", async () => {
    const shown = complaint({ state: "agreed", handlerId: 2, handler: "王丽", updatedAt: "2026-11-22T02:00:00Z" });
    const calls = await renderPage(shown, "service_advisor", 2, {
      record_recovery: () => {
        throw stale;
      },
    });
    await userEvent.type(screen.getByTestId("recovery-apology-date"), "2026-11-22{Enter}");
    await userEvent.type(screen.getByTestId("recovery-apology-note"), "当面致歉");
    await userEvent.click(screen.getByTestId("recovery-apology-save"));
    await waitFor(() =>
      expect((calls.find((c) => c.cmd === "record_recovery")?.args.recovery as { version: string }).version).toBe(
        "2026-11-22T02:00:00Z",
      ),
    );
    const alert = await screen.findByTestId("recovery-apology-refusal");
    expect(alert.textContent).toMatch(/王丽 已于 2026-11-22 \d\d:02 修改该记录，本次操作未保存。请重新加载后再修改/);
    expect(within(alert).getByTestId("complaint-reload").textContent).toBe("重新加载");
    expect(screen.getByTestId("recovery-apology-note")).toHaveProperty("value", "当面致歉");
  });

  it("keeps the cause being typed when another desk changes it, names who did, and reloads on request", async () => {
    let shown = recorded("未检查点火线圈插头", "2026-11-22T02:00:00Z");
    let history: AuditEntry[] = [];
    mockCommands({ ...pageHandlers(() => shown), complaint_history: () => history });
    await renderIn("en", <ComplaintPage complaintId={shown.id} lang="en" />, complaintSession("service_manager", 3));
    const rootCause = await screen.findByTestId("complaint-root-cause");
    await userEvent.clear(rootCause);
    await userEvent.type(rootCause, "火花塞型号用错");

    // 王丽 records another root cause on her desk.
    shown = recorded("客户误解保养项目", "2026-11-22T02:02:00Z");
    history = [auditEntry({ entity: "complaint", entityId: 5, at: "2026-11-22T02:02:00Z", staffName: "王丽" })];
    await changedElsewhere("complaint");

    const notice = await within(screen.getByTestId("complaint-cause")).findByTestId("changed-underneath");
    await waitFor(() => expect(notice.textContent).toMatch(/王丽 changed this record at 22 Nov 2026, \d\d:02/));
    expect(screen.getByTestId("complaint-root-cause")).toHaveProperty("value", "火花塞型号用错");
    // The other cards, untouched, simply show the change.
    expect(within(screen.getByTestId("complaint-actions")).queryByTestId("changed-underneath")).toBeNull();

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    await waitFor(() => expect(screen.getByTestId("complaint-root-cause")).toHaveProperty("value", "客户误解保养项目"));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });

  it("keeps the cause being typed through this desk's own save of a recovery step, and saves it against the new version", async () => {
    let shown = recorded("未检查点火线圈插头", "2026-11-22T02:00:00Z");
    const calls = mockCommands({
      ...pageHandlers(() => shown),
      record_recovery: () => {
        shown = {
          ...shown,
          recovery: [{ step: "apology", doneOn: "2026-11-22", note: "当面致歉", by: "陈军" }],
          updatedAt: "2026-11-22T02:05:00Z",
        };
        return shown;
      },
      record_complaint_cause: () => {
        shown = { ...shown, updatedAt: "2026-11-22T02:06:00Z" };
        return shown;
      },
    });
    await renderIn("zh-CN", <ComplaintPage complaintId={shown.id} lang="zh-CN" />, complaintSession("service_manager", 3));
    const rootCause = await screen.findByTestId("complaint-root-cause");
    await userEvent.clear(rootCause);
    await userEvent.type(rootCause, "火花塞型号用错");
    await userEvent.type(screen.getByTestId("recovery-apology-date"), "2026-11-22{Enter}");
    await userEvent.type(screen.getByTestId("recovery-apology-note"), "当面致歉");
    await userEvent.click(screen.getByTestId("recovery-apology-save"));

    expect(await screen.findByTestId("recovery-apology-done")).toBeTruthy();
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
    expect(screen.getByTestId("complaint-root-cause")).toHaveProperty("value", "火花塞型号用错");
    await userEvent.click(screen.getByTestId("complaint-cause-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_complaint_cause")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_complaint_cause")?.args.cause).toMatchObject({
      rootCause: "火花塞型号用错",
      version: "2026-11-22T02:05:00Z",
    });
  });
});

describe("the time limits", () => {
  const limits = (assignMinutes: number) => ({
    assignMinutes,
    resolveHours: 72,
    minorResolveHours: 2,
    oneTimeTargetPercent: 85,
    escalationTargetPercent: 0,
  });

  it("follow a change on another desk until typed in, then keep what was typed and reload on request", async () => {
    let shown = limits(60);
    const calls = mockCommands({ get_complaint_limits: () => shown, update_complaint_limits: (args) => args.limits });
    await renderIn("en", <LimitsDrawer open lang="en" onClose={() => {}} />, complaintSession("service_manager", 3));
    expect(await screen.findByTestId("limits-assignMinutes")).toHaveProperty("value", "60");

    shown = limits(45);
    await changedElsewhere("settings");
    await waitFor(() => expect(screen.getByTestId("limits-assignMinutes")).toHaveProperty("value", "45"));

    await userEvent.clear(screen.getByTestId("limits-resolveHours"));
    await userEvent.type(screen.getByTestId("limits-resolveHours"), "48");
    shown = limits(30);
    await changedElsewhere("settings");
    const notice = await screen.findByTestId("changed-underneath");
    expect(screen.getByTestId("limits-assignMinutes")).toHaveProperty("value", "45");
    expect(screen.getByTestId("limits-resolveHours")).toHaveProperty("value", "48");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    await waitFor(() => expect(screen.getByTestId("limits-assignMinutes")).toHaveProperty("value", "30"));
    expect(screen.getByTestId("limits-resolveHours")).toHaveProperty("value", "72");
    await userEvent.click(screen.getByTestId("limits-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_complaint_limits")).toBe(true));
    expect(calls.find((c) => c.cmd === "update_complaint_limits")?.args.limits).toEqual(limits(30));
  });
});

describe("exporting the complaints", () => {
  it("exports the complaints as the list is filtered for a manager", async () => {
    const calls = mockCommands({
      list_complaints: () => [complaint({ id: 5 })],
      export_complaints: () => ({ path: "/home/chen/客户投诉.xlsx", rows: 12 }),
    });
    await renderIn("zh-CN", <ComplaintsModule lang="zh-CN" request={null} />, complaintSession("service_manager"));
    await screen.findByTestId("complaint-row-5");
    await userEvent.click(screen.getByTestId("complaints-all"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_complaints").at(-1)?.args).toEqual({ openOnly: false }));
    await userEvent.click(screen.getByTestId("complaints-export"));
    expect(await screen.findByText("已导出 12 条投诉到 /home/chen/客户投诉.xlsx")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "export_complaints").map((c) => c.args)).toEqual([
      { openOnly: false, language: "zh-CN" },
    ]);
  });

  it("offers an advisor no export", async () => {
    mockCommands({ list_complaints: () => [complaint({ id: 5 })] });
    await renderIn("en", <ComplaintsModule lang="en" request={null} />, complaintSession("service_advisor", 2));
    await screen.findByTestId("complaint-row-5");
    expect(screen.queryByTestId("complaints-export")).toBeNull();
  });
});
