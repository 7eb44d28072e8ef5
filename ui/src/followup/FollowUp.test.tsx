import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { ChangeKind, FollowUpSettings, Role } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { type Destination, NavigationContext } from "../shell/navigation";
import { CsiTab } from "./CsiTab";
import { FollowUpModule } from "./FollowUpModule";
import { call, detail, followUpSession, questionnaire, report } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

const today = dayjs().format("YYYY-MM-DD");

/** The backend's word that another desk changed records of `kind`. */
const changedElsewhere = (kind: ChangeKind) => emit(CHANGES_EVENT, { changes: [{ kind, id: null }], everything: false });

const rows = () => [
  call({ id: 41, row: 1, due: "overdue", dueTo: "2026-11-21" }),
  call({ id: 42, row: 2, customerName: "李娜", plate: "沪B67890", callerId: 1, callerName: "周燕" }),
  call({ id: 43, row: 3, customerName: "赵磊", status: "completed", due: "closed", attempts: 1, csi: 8800, callerId: 1, callerName: "周燕" }),
];

function listHandlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    follow_up_calls: () => rows(),
    follow_up_callers: () => [
      { id: 1, name: "周燕", role: "follow_up" },
      { id: 8, name: "孙丽", role: "follow_up" },
    ],
    service_staff: () => [
      { id: 2, name: "王丽", role: "service_advisor" },
      { id: 3, name: "陈军", role: "service_manager" },
    ],
    get_follow_up_call: (args) => detail({}, { id: args.id as number }),
    get_service_settings: () => ({}),
    ...extra,
  };
}

async function renderModule(role: Role, extra: Record<string, Handler> = {}, id = 1) {
  const calls = mockCommands(listHandlers(extra));
  await renderIn("zh-CN", <FollowUpModule lang="zh-CN" request={null} />, followUpSession(role, id));
  await screen.findByTestId("followup-row-1");
  return calls;
}

describe("the call list", () => {
  it("numbers the rows as the sheet does and counts what is due, overdue and done", async () => {
    const calls = await renderModule("follow_up");
    const first = screen.getByTestId("followup-row-1");
    expect(first.tagName).toBe("TD");
    expect(first.textContent).toBe("1");
    expect(first.getAttribute("data-call-id")).toBe("41");
    expect(first.getAttribute("data-status")).toBe("open");
    expect(screen.getByTestId("followup-row-3").getAttribute("data-status")).toBe("completed");
    // The row number is the row's first cell.
    expect(first.parentElement?.firstElementChild).toBe(first);
    expect(screen.getByTestId("followup-status-1").textContent).toBe("已超期");
    expect(screen.getByTestId("followup-count-due").textContent).toBe("1");
    expect(screen.getByTestId("followup-count-overdue").textContent).toBe("1");
    expect(screen.getByTestId("followup-count-done").textContent).toBe("1");
    expect(screen.getByTestId("followup-table").textContent).toContain("88.0");
    expect(calls.find((c) => c.cmd === "follow_up_calls")?.args).toEqual({ filter: { date: today } });
  });

  it("prints the call sheet of the current filter in the active language and shows where it was saved", async () => {
    const calls = await renderModule("follow_up", {
      print_call_sheet: () => ({ path: "/data/prints/call-sheet-2026-11-23.pdf", bytes: 20480 }),
    });
    const date = screen.getByTestId("followup-date");
    await userEvent.clear(date);
    await userEvent.type(date, "2026-11-23{Enter}");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "follow_up_calls").at(-1)?.args).toEqual({ filter: { date: "2026-11-23" } }),
    );
    await userEvent.click(screen.getByTestId("followup-untaken"));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "follow_up_calls").at(-1)?.args).toEqual({
        filter: { date: "2026-11-23", untaken: true },
      }),
    );
    await userEvent.click(screen.getByTestId("followup-print"));
    expect((await screen.findByTestId("printed-path")).textContent).toBe("/data/prints/call-sheet-2026-11-23.pdf");
    expect(calls.find((c) => c.cmd === "print_call_sheet")?.args).toEqual({
      filter: { date: "2026-11-23", untaken: true },
      language: "zh-CN",
    });
  });

  it("lets follow-up staff take the ticked calls for themselves", async () => {
    const calls = await renderModule("follow_up", { take_follow_up_calls: () => null }, 1);
    const take = screen.getByTestId("followup-take");
    expect(take.hasAttribute("disabled")).toBe(true);
    const row = screen.getByTestId("followup-row-1").closest("tr") as HTMLElement;
    await userEvent.click(within(row).getByRole("checkbox"));
    await userEvent.click(take);
    await waitFor(() => expect(calls.some((c) => c.cmd === "take_follow_up_calls")).toBe(true));
    expect(calls.find((c) => c.cmd === "take_follow_up_calls")?.args).toEqual({ ids: [41], callerId: 1 });
    expect(screen.queryByTestId("followup-give-to")).toBeNull();
  });

  it("lets the manager give the ticked calls to a caller", async () => {
    const calls = await renderModule("service_manager", { take_follow_up_calls: () => null }, 3);
    const row = screen.getByTestId("followup-row-1").closest("tr") as HTMLElement;
    await userEvent.click(within(row).getByRole("checkbox"));
    fireEvent.mouseDown(
      screen.getByTestId("followup-give-to").querySelector(".ant-select-content, .ant-select-selector") ??
        screen.getByTestId("followup-give-to"),
    );
    await userEvent.click(await screen.findByTestId("option-8"));
    await userEvent.click(screen.getByTestId("followup-take"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "take_follow_up_calls")).toBe(true));
    expect(calls.find((c) => c.cmd === "take_follow_up_calls")?.args).toEqual({ ids: [41], callerId: 8 });
  });

  it("opens a call from its row number, and from the row number typed in 'go to row'", async () => {
    const calls = await renderModule("follow_up");
    await userEvent.click(screen.getByTestId("followup-row-2"));
    expect((await screen.findByTestId("call-panel")).getAttribute("data-call")).toBe("42");
    await userEvent.click(screen.getByTestId("call-close"));
    await waitFor(() => expect(screen.queryByTestId("call-panel")).toBeNull());

    await userEvent.type(screen.getByTestId("followup-jump"), "3{Enter}");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_follow_up_call").at(-1)?.args).toEqual({ id: 43 }));
    expect(await screen.findByTestId("call-panel")).toBeTruthy();
  });

  it("shows an advisor the list without taking, printing or the settings", async () => {
    await renderModule("service_advisor", {}, 2);
    expect(screen.queryByTestId("followup-take")).toBeNull();
    expect(screen.queryByTestId("followup-print")).toBeNull();
    expect(screen.queryByTestId("followup-tab-settings")).toBeNull();
    expect(screen.getByTestId("followup-tab-csi")).toBeTruthy();
  });

  it("opens the call another screen asks for", async () => {
    mockCommands(listHandlers());
    await renderIn(
      "zh-CN",
      <FollowUpModule lang="zh-CN" request={{ module: "followup", callId: 42, serial: 1 }} />,
      followUpSession("follow_up"),
    );
    // The panel shows a skeleton (same test id, no call yet) until the call is read.
    await waitFor(() => expect(screen.getByTestId("call-panel").getAttribute("data-call")).toBe("42"));
  });
});

describe("the satisfaction tab", () => {
  it("shows the index with one decimal, the shares, the trend and the alerts", async () => {
    const moves: Destination[] = [];
    const calls = mockCommands({ csi_report: () => report() });
    await renderIn(
      "zh-CN",
      <NavigationContext.Provider value={(d) => moves.push(d)}>
        <CsiTab lang="zh-CN" />
      </NavigationContext.Provider>,
      followUpSession("service_manager"),
    );
    const overall = await screen.findByTestId("csi-overall");
    expect(overall.textContent).toBe("88.0");
    expect(overall.getAttribute("data-value")).toBe("8800");
    expect(screen.getByTestId("csi-surveys").textContent).toBe("12");
    expect(screen.getByTestId("csi-in-window").textContent).toBe("75.0%");
    expect(screen.getByTestId("csi-reach").textContent).toBe("86.7%");
    expect(screen.getByTestId("csi-hot-alerts").textContent).toBe("1");
    expect(screen.getByTestId("csi-by-advisor").textContent).toContain("91.5");
    // The charts carry the figures they draw (what they draw: charts/options.test.ts).
    expect(screen.getByTestId("csi-advisor-bars").getAttribute("data-value")).toBe("9150,8310");
    expect(screen.getByTestId("csi-trend").getAttribute("data-value")).toBe("2026-10:8620,2026-11:8929");
    expect(screen.getByTestId("csi-by-advisor-month").textContent).toContain("92.6");
    expect(screen.getByTestId("csi-bands").getAttribute("data-value")).toBe(
      "0-6000:1,6000-7000:0,7000-8000:2,8000-9000:4,9000-10001:5",
    );
    expect(screen.getByTestId("csi-factor-friendliness").textContent).toBe("4.52");
    expect(screen.getByTestId("csi-factors").textContent).toContain("60%");
    const alerts = screen.getByTestId("csi-alerts");
    expect(alerts.textContent).toContain("TS20261121-001");
    await userEvent.click(screen.getByTestId("csi-alert-complaint-9"));
    expect(moves).toEqual([{ module: "complaints", complaintId: 9 }]);
    const args = calls.find((c) => c.cmd === "csi_report")?.args;
    expect(args).toEqual({ from: dayjs().subtract(89, "day").format("YYYY-MM-DD"), to: today });
  });

  it("reads the report again for the period typed", async () => {
    const calls = mockCommands({ csi_report: () => report({ csi: undefined, surveys: 0, callsDue: 0, callsClosed: 0, inWindow: undefined, reach: undefined }) });
    await renderIn("en", <CsiTab lang="en" />, followUpSession("follow_up"));
    expect((await screen.findByTestId("csi-overall")).textContent).toBe("—");
    expect(screen.getByTestId("csi-in-window").textContent).toBe("—");
    const to = screen.getByTestId("csi-to");
    await userEvent.clear(to);
    await userEvent.type(to, "2026-11-23{Enter}");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "csi_report").at(-1)?.args.to).toBe("2026-11-23"));
  });
});

describe("the satisfaction tab, live", () => {
  it("reads the index again when a call is made on any desk", async () => {
    let shown = report();
    const calls = mockCommands({ csi_report: () => shown });
    await renderIn("zh-CN", <CsiTab lang="zh-CN" />, followUpSession("service_manager"));
    expect((await screen.findByTestId("csi-surveys")).textContent).toBe("12");
    const reads = () => calls.filter((c) => c.cmd === "csi_report").length;
    const before = reads();

    shown = report({ surveys: 13 });
    await changedElsewhere("follow_up");
    await waitFor(() => expect(screen.getByTestId("csi-surveys").textContent).toBe("13"));
    expect(reads()).toBe(before + 1);
  });
});

describe("the questionnaire and settings tab", () => {
  const settingsHandlers = (extra: Record<string, Handler> = {}) =>
    listHandlers({
      get_questionnaire: () => questionnaire(),
      get_follow_up_settings: () => ({ maxAttempts: 3, alertAtOrBelow: 2 }),
      ...extra,
    });

  it("is not offered to a follow-up caller", async () => {
    await renderModule("follow_up");
    expect(screen.getByTestId("followup-tab-calls")).toBeTruthy();
    expect(screen.getByTestId("followup-tab-csi")).toBeTruthy();
    expect(screen.queryByTestId("followup-tab-settings")).toBeNull();
  });

  it("shows the weights' sum, sends weights in basis points and shows the new version", async () => {
    let saved = questionnaire();
    const calls = mockCommands(
      settingsHandlers({
        get_questionnaire: () => saved,
        update_questionnaire: (args) => {
          saved = { ...(args.questionnaire as ReturnType<typeof questionnaire>), version: 4 };
          return saved;
        },
      }),
    );
    await renderIn("zh-CN", <FollowUpModule lang="zh-CN" request={null} />, followUpSession("service_manager", 3));
    await userEvent.click(await screen.findByTestId("followup-tab-settings"));
    const sum = await screen.findByTestId("q-weight-sum");
    expect(sum.textContent).toContain("100%");
    expect(sum.getAttribute("data-value")).toBe("10000");
    expect((screen.getByTestId("q-weight-friendliness") as HTMLInputElement).value).toBe("60");
    expect((screen.getByTestId("q-version")).textContent).toContain("v3");

    const weight = screen.getByTestId("q-weight-friendliness");
    await userEvent.clear(weight);
    await userEvent.type(weight, "55");
    await waitFor(() => expect(screen.getByTestId("q-weight-sum").textContent).toContain("95%"));
    await userEvent.clear(weight);
    await userEvent.type(weight, "60");
    await userEvent.click(screen.getByTestId("q-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "update_questionnaire")).toBe(true));
    const sent = calls.find((c) => c.cmd === "update_questionnaire")?.args.questionnaire as ReturnType<typeof questionnaire>;
    expect(sent.version).toBe(3);
    expect(sent.questions.map((q) => [q.key, q.weightBp])).toEqual([
      ["preparation", undefined],
      ["friendliness", 6000],
      ["quality", 4000],
      ["recommend", undefined],
    ]);
    expect(sent.script.greeting.zh).toContain("{customer}");
    await waitFor(() => expect(screen.getByTestId("q-version").textContent).toContain("v4"));
  });

  it("shows the backend's refusal on the field it names", async () => {
    mockCommands(
      settingsHandlers({
        update_questionnaire: () => {
          throw refusal([
            { kind: "out_of_range", field: "weights", message: "the factors' weights add up to 95.00%, not 100%" },
            { kind: "too_long", field: "questions.1.en", message: "too long" },
          ]);
        },
        update_follow_up_settings: () => {
          throw refusal([{ kind: "out_of_range", field: "alertAtOrBelow", message: "between 1 and 4" }]);
        },
      }),
    );
    await renderIn("zh-CN", <FollowUpModule lang="zh-CN" request={null} />, followUpSession("service_manager", 3));
    await userEvent.click(await screen.findByTestId("followup-tab-settings"));
    await screen.findByTestId("q-weight-sum");
    await userEvent.click(screen.getByTestId("q-save"));
    const weights = screen.getByTestId("q-weight-sum").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(weights.textContent).toContain("95.00%"));
    const en = screen.getByTestId("q-en-friendliness").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(en.querySelector(".ant-form-item-explain-error")?.textContent).toContain("问题 2"));

    const alertAt = screen.getByTestId("fu-alert-at");
    await waitFor(() => expect(alertAt.hasAttribute("disabled")).toBe(false));
    await userEvent.clear(alertAt);
    await userEvent.type(alertAt, "5");
    await userEvent.click(screen.getByTestId("fu-settings-save"));
    const item = alertAt.closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(item.querySelector(".ant-form-item-explain-error")?.textContent).toContain("1–4"));
  });

  it("keeps the rules being typed when another desk changes them, and reloads them on request", async () => {
    let rules: FollowUpSettings = { maxAttempts: 3, alertAtOrBelow: 2 };
    let shown = questionnaire();
    mockCommands(
      settingsHandlers({
        get_follow_up_settings: () => rules,
        get_questionnaire: () => shown,
      }),
    );
    await renderIn("zh-CN", <FollowUpModule lang="zh-CN" request={null} />, followUpSession("service_manager", 3));
    await userEvent.click(await screen.findByTestId("followup-tab-settings"));
    await screen.findByTestId("q-weight-sum");
    const alertAt = screen.getByTestId("fu-alert-at");
    await waitFor(() => expect(alertAt.hasAttribute("disabled")).toBe(false));
    await userEvent.clear(alertAt);
    await userEvent.type(alertAt, "1");

    // Another manager changes the rules and saves a new questionnaire.
    rules = { maxAttempts: 4, alertAtOrBelow: 3 };
    shown = questionnaire({ version: 4 });
    await changedElsewhere("settings");

    // The questionnaire, untouched here, simply shows the new version.
    await waitFor(() => expect(screen.getByTestId("q-version").textContent).toContain("v4"));
    const notice = await screen.findByTestId("changed-underneath");
    expect(notice.closest(".followup-rules")).toBeTruthy();
    expect((screen.getByTestId("fu-alert-at") as HTMLInputElement).value).toBe("1");
    expect((screen.getByTestId("fu-max-attempts") as HTMLInputElement).value).toBe("3");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    await waitFor(() => expect((screen.getByTestId("fu-alert-at") as HTMLInputElement).value).toBe("3"));
    expect((screen.getByTestId("fu-max-attempts") as HTMLInputElement).value).toBe("4");
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });
});

describe("exporting the call list and the report", () => {
  it("exports the call list as filtered for a manager", async () => {
    const calls = await renderModule("service_manager", {
      export_follow_up_calls: () => ({ path: "/home/chen/回访电话列表.xlsx", rows: 3 }),
    }, 3);
    const date = screen.getByTestId("followup-date");
    await userEvent.clear(date);
    await userEvent.type(date, "2026-11-23{Enter}");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "follow_up_calls").at(-1)?.args).toEqual({ filter: { date: "2026-11-23" } }),
    );
    await userEvent.click(screen.getByTestId("followup-export"));
    expect(await screen.findByText("已导出 3 条回访到 /home/chen/回访电话列表.xlsx")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "export_follow_up_calls").map((c) => c.args)).toEqual([
      { filter: { date: "2026-11-23" }, language: "zh-CN" },
    ]);
  });

  it("offers an advisor no export of the call list", async () => {
    await renderModule("service_advisor", {}, 2);
    expect(screen.queryByTestId("followup-export")).toBeNull();
  });

  it("exports the report of the period shown for a manager, and not for a caller", async () => {
    const calls = mockCommands({
      csi_report: () => report(),
      export_csi_report: () => ({ path: "/home/chen/CSI.xlsx", rows: 27 }),
    });
    const view = await renderIn("en", <CsiTab lang="en" />, followUpSession("service_manager"));
    await screen.findByTestId("csi-overall");
    await userEvent.click(screen.getByTestId("csi-export"));
    expect(await screen.findByText("Exported the CSI report (27 rows) to /home/chen/CSI.xlsx")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "export_csi_report").map((c) => c.args)).toEqual([
      { from: dayjs().subtract(89, "day").format("YYYY-MM-DD"), to: today, language: "en" },
    ]);
    view.unmount();

    mockCommands({ csi_report: () => report() });
    await renderIn("en", <CsiTab lang="en" />, followUpSession("follow_up"));
    await screen.findByTestId("csi-overall");
    expect(screen.queryByTestId("csi-export")).toBeNull();
  });
});
