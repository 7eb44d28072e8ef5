import { fireEvent, screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { ChangeBatch, ChangeKind, Role, Segment } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { CampaignsModule } from "./CampaignsModule";
import { campaign, campaignSession, careCall, careDetail } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

/** What the backend tells every desk after another desk committed changes of `kinds`. */
async function changedElsewhere(...kinds: ChangeKind[]) {
  const batch: ChangeBatch = { changes: kinds.map((kind) => ({ kind, id: null })), everything: false };
  await emit(CHANGES_EVENT, batch);
}

const today = dayjs().format("YYYY-MM-DD");

const rows = () => [
  careCall({ id: 61, row: 1, due: "overdue" }),
  careCall({ id: 62, row: 2, customerName: "李娜", plate: "沪B67890", attempts: 1, lastOutcome: "busy", lastNote: "占线" }),
  careCall({ id: 63, row: 3, customerName: "赵磊", status: "completed", due: "closed", attempts: 1, lastOutcome: "reached", lastNote: "周二来店" }),
];

async function openCare(role: Role, extra: Record<string, Handler> = {}) {
  const calls = mockCommands({
    list_campaigns: () => [],
    care_list: () => rows(),
    get_care_call: (args) => careDetail({ id: args.id as number, row: 0 }),
    ...extra,
  });
  await renderIn("zh-CN", <CampaignsModule lang="zh-CN" request={null} />, campaignSession(role, 1));
  await userEvent.click(await screen.findByTestId("campaigns-tab-care"));
  await screen.findByTestId("care-row-1");
  return calls;
}

async function pick(testId: string, value: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-content, .ant-select-selector") ?? select);
  await userEvent.click(await screen.findByTestId(`option-${value}`));
}

/** The panel of row 1, with the focus on the outcome box. */
async function openRow(row: number) {
  await userEvent.click(screen.getByTestId(`care-row-${row}`));
  const outcome = await screen.findByTestId("care-outcome");
  await waitFor(() => expect(document.activeElement).toBe(outcome));
}

describe("proactive care", () => {
  it("lists the day's calls of a kind with the sheet's row numbers", async () => {
    const calls = await openCare("follow_up");
    const first = screen.getByTestId("care-row-1");
    expect(first.tagName).toBe("TD");
    expect(first.parentElement?.firstElementChild).toBe(first);
    expect(first.getAttribute("data-call-id")).toBe("61");
    expect(first.getAttribute("data-status")).toBe("open");
    expect(screen.getByTestId("care-row-3").getAttribute("data-status")).toBe("completed");
    expect(screen.getByTestId("care-status-1").textContent).toBe("已超期");
    expect(screen.getByTestId("care-table").textContent).toContain("建议下次保养");
    expect(screen.getByTestId("care-table").textContent).toContain("占线");
    expect(calls.find((c) => c.cmd === "care_list")?.args).toEqual({ kind: "maintenance_due", date: today });

    await pick("care-kind", "insurance_expiring");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "care_list").at(-1)?.args).toEqual({ kind: "insurance_expiring", date: today }));
    const date = screen.getByTestId("care-date");
    await userEvent.clear(date);
    await userEvent.type(date, "2026-11-23{Enter}");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "care_list").at(-1)?.args).toEqual({ kind: "insurance_expiring", date: "2026-11-23" }),
    );
  });

  it("records a reached call typed as 1, Tab, what was agreed, Enter", async () => {
    const recorded = {
      call: careCall({ status: "completed", due: "closed", attempts: 1, lastOutcome: "reached", lastNote: "已预约周二保养", callerId: 1, callerName: "周燕" }),
      attempts: [{ outcome: "reached" as const, at: "2026-11-23T02:00:00Z", by: "周燕", note: "已预约周二保养" }],
    };
    // The backend as it stands: the call is read afterwards as recorded.
    let done = false;
    const calls = await openCare("follow_up", {
      get_care_call: (args) => (done ? recorded : careDetail({ id: args.id as number, row: 0 })),
      record_care_attempt: () => {
        done = true;
        return recorded;
      },
    });
    await openRow(1);
    expect(screen.getByTestId("care-panel").textContent).toContain("139 1234 5678");
    await userEvent.keyboard("1");
    expect(screen.getByTestId("care-outcome-name").textContent).toBe("接通");
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("care-note"));
    await userEvent.keyboard("已预约周二保养{Enter}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_care_attempt")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_care_attempt")?.args).toEqual({
      id: 61,
      attempt: { outcome: "reached", note: "已预约周二保养" },
    });
    await waitFor(() => expect(screen.getByTestId("care-panel").getAttribute("data-status")).toBe("completed"));
    expect(screen.getByTestId("care-attempts").textContent).toContain("已预约周二保养");
    // The list is read again.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "care_list").length).toBe(2));
  });

  it("asks for the call-back time on 6 and shows the backend's refusal of a reached call without a note on the note", async () => {
    const calls = await openCare("follow_up", {
      record_care_attempt: (args) => {
        const attempt = args.attempt as { outcome: string };
        if (attempt.outcome === "reached") {
          throw refusal([{ kind: "required", field: "note", message: "note what the customer said or agreed" }]);
        }
        return careDetail({ callBackAt: "2099-01-02T10:30:00" });
      },
    });
    await openRow(1);
    await userEvent.keyboard("6");
    const at = await screen.findByTestId("care-callback-at");
    await userEvent.tab();
    expect(document.activeElement).toBe(at);
    await userEvent.keyboard("2099-01-02 10:30");
    await userEvent.tab();
    await userEvent.keyboard("客户在开会{Enter}");
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_care_attempt")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_care_attempt")?.args).toEqual({
      id: 61,
      attempt: { outcome: "call_back", note: "客户在开会", callBackAt: "2099-01-02T10:30:00" },
    });

    await userEvent.click(screen.getByTestId("care-outcome"));
    await userEvent.keyboard("1");
    await userEvent.click(screen.getByTestId("care-save"));
    const note = screen.getByTestId("care-note").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(note.className).toContain("ant-form-item-has-error"));
    await waitFor(() => expect(note.textContent).toContain("接通时请记录与客户约定的内容"));
  });

  it("prints the list of the kind and day shown", async () => {
    const calls = await openCare("follow_up", {
      print_care_sheet: () => ({ path: "/data/prints/care-maintenance_due.pdf", bytes: 10240 }),
    });
    expect(screen.queryByTestId("care-to-campaign")).toBeNull();
    expect(screen.queryByTestId("care-settings")).toBeNull();
    await userEvent.click(screen.getByTestId("care-print"));
    expect((await screen.findByTestId("printed-path")).textContent).toBe("/data/prints/care-maintenance_due.pdf");
    expect(calls.find((c) => c.cmd === "print_care_sheet")?.args).toEqual({ kind: "maintenance_due", date: today, language: "zh-CN" });
  });

  it("shows an advisor the list, without entry, printing or making a campaign", async () => {
    await openCare("service_advisor");
    expect(screen.queryByTestId("care-print")).toBeNull();
    expect(screen.queryByTestId("care-to-campaign")).toBeNull();
    await userEvent.click(screen.getByTestId("care-row-2"));
    await screen.findByTestId("care-panel");
    await waitFor(() => expect(screen.getByTestId("care-panel").getAttribute("data-status")).toBe("open"));
    expect(screen.queryByTestId("care-outcome")).toBeNull();
  });

  it("makes the list a new campaign's segment, counted at once, saved once the plan is", async () => {
    const segment: Segment = { serviceDueDays: 14 };
    const created = campaign({ id: 12, segment: {} });
    const calls = await openCare("service_manager", {
      care_segment: () => segment,
      vehicle_models: () => [],
      segment_count: () => ({ customers: 36, excludedNoConsent: 5 }),
      segment_preview: () => [],
      create_campaign: () => created,
      get_campaign: () => created,
      save_campaign_segment: (args) => ({ ...created, segment: args.segment as Segment }),
    });
    await userEvent.click(screen.getByTestId("care-to-campaign"));
    expect(calls.find((c) => c.cmd === "care_segment")?.args).toEqual({ kind: "maintenance_due" });
    await screen.findByTestId("segment-prefilled");
    expect((screen.getByTestId("segment-service-due-days") as HTMLInputElement).value).toBe("14");
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("36"));
    expect(calls.find((c) => c.cmd === "segment_count")?.args).toEqual({ segment });
    expect(screen.getByTestId("segment-excluded").getAttribute("data-value")).toBe("5");
    // Not a campaign yet: the plan first.
    expect(screen.getByTestId("segment-save").hasAttribute("disabled")).toBe(true);

    await userEvent.click(screen.getByTestId("campaign-tab-plan"));
    await userEvent.type(await screen.findByTestId("campaign-theme"), "保养季");
    await userEvent.type(screen.getByTestId("campaign-starts"), "2026-12-05{Enter}");
    await userEvent.type(screen.getByTestId("campaign-ends"), "2026-12-06{Enter}");
    await userEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-campaign-id")).toBe("12"));
    // The created campaign opens on its segment, still the care list's, to be saved.
    const save = await screen.findByTestId("segment-save");
    await waitFor(() => expect(save.hasAttribute("disabled")).toBe(false));
    expect((screen.getByTestId("segment-service-due-days") as HTMLInputElement).value).toBe("14");
    await userEvent.click(save);
    await waitFor(() => expect(calls.find((c) => c.cmd === "save_campaign_segment")?.args).toEqual({ id: 12, segment }));
  });

  it("lets the manager change the care settings", async () => {
    const settings = { maintenanceDays: 14, insuranceDays: 30, inspectionDays: 30, declinedDays: 180, serviceIntervalKm: 7500, maxAttempts: 3 };
    const calls = await openCare("service_manager", {
      get_care_settings: () => settings,
      update_care_settings: (args) => args.settings,
    });
    await userEvent.click(screen.getByTestId("care-settings"));
    const days = await screen.findByTestId("care-set-maintenance-days");
    await waitFor(() => expect((days as HTMLInputElement).value).toBe("14"));
    await userEvent.clear(days);
    await userEvent.type(days, "21");
    await userEvent.click(screen.getByTestId("care-settings-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_care_settings")).toBe(true));
    expect(calls.find((c) => c.cmd === "update_care_settings")?.args).toEqual({ settings: { ...settings, maintenanceDays: 21 } });
  });
});

describe("the care settings, live", () => {
  it("follow another desk's change until typed in, then keep what was typed and reload on request", async () => {
    const settings = (maintenanceDays: number) => ({
      maintenanceDays,
      insuranceDays: 30,
      inspectionDays: 30,
      declinedDays: 180,
      serviceIntervalKm: 7500,
      maxAttempts: 3,
    });
    let shown = settings(14);
    const calls = await openCare("service_manager", {
      get_care_settings: () => shown,
      update_care_settings: (args) => args.settings,
    });
    await userEvent.click(screen.getByTestId("care-settings"));
    const days = () => screen.getByTestId("care-set-maintenance-days") as HTMLInputElement;
    await waitFor(() => expect(days().value).toBe("14"));

    shown = settings(21);
    await changedElsewhere("settings");
    await waitFor(() => expect(days().value).toBe("21"));

    await userEvent.clear(screen.getByTestId("care-set-max-attempts"));
    await userEvent.type(screen.getByTestId("care-set-max-attempts"), "5");
    shown = settings(28);
    await changedElsewhere("settings");
    const notice = await screen.findByTestId("changed-underneath");
    expect(days().value).toBe("21");
    expect((screen.getByTestId("care-set-max-attempts") as HTMLInputElement).value).toBe("5");

    await userEvent.click(screen.getByTestId("changed-underneath-reload"));
    await waitFor(() => expect(days().value).toBe("28"));
    expect(notice.isConnected).toBe(false);
    await userEvent.click(screen.getByTestId("care-settings-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_care_settings")).toBe(true));
    expect(calls.find((c) => c.cmd === "update_care_settings")?.args).toEqual({ settings: settings(28) });
  });
});

describe("proactive care, live", () => {
  it("shows a call worked at another desk in the list and in the open panel, keeping what is typed", async () => {
    let worked = false;
    const taken = { status: "completed" as const, due: "closed" as const, attempts: 1, lastOutcome: "reached" as const, lastNote: "已预约", callerId: 8, callerName: "孙丽" };
    const calls = await openCare("follow_up", {
      care_list: () => rows().map((c) => (worked && c.id === 62 ? { ...c, ...taken } : c)),
      get_care_call: (args) =>
        worked && args.id === 62
          ? { call: careCall({ id: 62, row: 0, ...taken }), attempts: [{ outcome: "reached", at: "2026-11-23T02:00:00Z", by: "孙丽", note: "已预约" }] }
          : careDetail({ id: args.id as number, row: 0 }),
    });
    expect(screen.getByTestId("care-row-2").getAttribute("data-status")).toBe("open");
    await openRow(1);
    await userEvent.keyboard("2");
    const lists = () => calls.filter((c) => c.cmd === "care_list").length;
    const before = lists();

    // Another caller reaches 李娜 (row 2).
    worked = true;
    await changedElsewhere("care");
    await waitFor(() => expect(screen.getByTestId("care-row-2").getAttribute("data-status")).toBe("completed"));
    expect(lists()).toBe(before + 1);
    expect(screen.getByTestId("care-status-2").getAttribute("data-status")).toBe("completed");
    // Row 1's panel is read again, and what was typed in its entry stays.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_care_call").length).toBe(2));
    expect(screen.getByTestId("care-outcome-name").textContent).toBe("无人接听");

    await userEvent.click(screen.getByTestId("care-close"));
    await userEvent.click(screen.getByTestId("care-row-2"));
    await waitFor(() => expect(screen.getByTestId("care-panel").getAttribute("data-status")).toBe("completed"));
    expect(screen.getByTestId("care-attempts").textContent).toContain("孙丽");
  });

  it("reads the list again when the care settings change at another desk", async () => {
    let settingsChanged = false;
    await openCare("follow_up", {
      care_list: () => (settingsChanged ? [...rows(), careCall({ id: 64, row: 4, customerName: "钱芳" })] : rows()),
    });
    expect(screen.queryByTestId("care-row-4")).toBeNull();
    settingsChanged = true;
    await changedElsewhere("settings");
    expect((await screen.findByTestId("care-row-4")).getAttribute("data-call-id")).toBe("64");
  });
});
