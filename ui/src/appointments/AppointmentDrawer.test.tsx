import { screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChangeBatch, Preparation, Role, Visit } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { auditEntry, mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { NavigationContext } from "../shell/navigation";
import { AppointmentDrawer } from "./AppointmentDrawer";
import { receivingStaff } from "./fields";
import { NOW, STAFF, TODAY, TOMORROW, board, serviceSession, visit } from "./fixtures";

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

async function renderDrawer(role: Role = "service_advisor", lang: "zh-CN" | "en" = "zh-CN") {
  const navigate = vi.fn();
  await renderIn(
    lang,
    <NavigationContext.Provider value={navigate}>
      <AppointmentDrawer
        visitId={101}
        lang={lang}
        advisors={receivingStaff(STAFF)}
        slots={board().slots}
        onClose={vi.fn()}
      />
    </NavigationContext.Provider>,
    serviceSession(role),
  );
  await screen.findByTestId("appointment-drawer");
  return { navigate };
}

/** What the backend says after another desk's commit. */
const visitsChanged: ChangeBatch = { changes: [{ kind: "visit", id: 101 }], everything: false };

const PREP_ITEMS = ["parts_ready", "order_prefilled", "advisor_available", "replacement_car_ready"];
const shownItems = () => PREP_ITEMS.filter((item) => screen.queryByTestId(`prep-${item}`));

describe("an appointment's drawer", () => {
  it("shows the details and the state", async () => {
    mockCommands({ get_visit: () => visit() });
    await renderDrawer();
    const drawer = screen.getByTestId("appointment-drawer");
    expect(screen.getByTestId("appointment-state").textContent).toBe("已预约");
    expect(screen.getByTestId("appointment-time").textContent).toBe("11月23日 09:00");
    expect(drawer.textContent).toContain("王建国");
    expect(drawer.textContent).toContain("139 1234 5678");
    expect(drawer.textContent).toContain("京A12345");
    expect(drawer.textContent).toContain("更换机油");
    expect(drawer.textContent).toContain("冷车启动有异响");
    expect(drawer.textContent).toContain("1小时");
  });

  it("needs a reason to cancel", async () => {
    let shown = visit();
    const calls = mockCommands({
      get_visit: () => shown,
      cancel_appointment: ({ reason }) => (shown = visit({ state: "cancelled", cancelReason: reason as string })),
    });
    await renderDrawer();

    await userEvent.click(screen.getByTestId("appointment-cancel"));
    const confirm = await screen.findByTestId("cancel-confirm");
    expect(confirm).toHaveProperty("disabled", true);
    await userEvent.type(screen.getByTestId("cancel-reason"), "   ");
    expect(confirm).toHaveProperty("disabled", true);
    await userEvent.click(confirm);
    expect(calls.some((c) => c.cmd === "cancel_appointment")).toBe(false);

    await userEvent.clear(screen.getByTestId("cancel-reason"));
    await userEvent.type(screen.getByTestId("cancel-reason"), "客户临时出差");
    expect(confirm).toHaveProperty("disabled", false);
    await userEvent.click(confirm);

    await waitFor(() => expect(screen.getByTestId("appointment-state").textContent).toBe("已取消"));
    expect(calls.find((c) => c.cmd === "cancel_appointment")?.args).toEqual({ id: 101, reason: "客户临时出差" });
    expect(screen.getByTestId("appointment-drawer").textContent).toContain("客户临时出差");
    // A cancelled appointment offers nothing more.
    expect(screen.queryByTestId("appointment-cancel")).toBeNull();
    expect(screen.queryByTestId("appointment-reschedule")).toBeNull();
    expect(screen.queryByTestId("appointment-receive")).toBeNull();
  });

  it("shows the backend's refusal of a reason on the field", async () => {
    mockCommands({
      get_visit: () => visit(),
      cancel_appointment: () => {
        throw refusal([{ kind: "too_long", field: "reason", message: "reason is too long" }]);
      },
    });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-cancel"));
    await userEvent.type(await screen.findByTestId("cancel-reason"), "太长了");
    await userEvent.click(screen.getByTestId("cancel-confirm"));
    await waitFor(() =>
      expect(document.querySelector(".field-reason .ant-form-item-explain-error")?.textContent).toBe(
        "取消原因内容过长，请精简",
      ),
    );
  });

  it("asks about the replacement car only when one is promised", async () => {
    mockCommands({ get_visit: () => visit({ replacementCar: false }) });
    await renderDrawer();
    expect(shownItems()).toEqual(["parts_ready", "order_prefilled", "advisor_available"]);
  });

  it("asks about the replacement car when one is promised", async () => {
    mockCommands({ get_visit: () => visit({ replacementCar: true }) });
    await renderDrawer("service_advisor", "en");
    expect(shownItems()).toEqual(PREP_ITEMS);
    expect(screen.getByTestId("prep-replacement_car_ready").closest("label")?.textContent).toBe(
      "Replacement car clean, fuelled and ready",
    );
  });

  it("saves the checklist; a complete one makes the appointment prepared", async () => {
    let shown = visit();
    const calls = mockCommands({
      get_visit: () => shown,
      save_preparation: ({ checklist }) => {
        const c = checklist as Preparation;
        const done = c.partsReady && c.orderPrefilled && c.advisorAvailable;
        shown = visit({ preparation: c, state: done ? "prepared" : "booked", updatedAt: "2026-11-22T02:00:00Z" });
        return shown;
      },
    });
    await renderDrawer();
    expect(screen.getByTestId("prep-save")).toHaveProperty("disabled", true);

    await userEvent.click(screen.getByTestId("prep-parts_ready"));
    await userEvent.click(screen.getByTestId("prep-save"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "save_preparation")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "save_preparation")?.args).toEqual({
      id: 101,
      checklist: { partsReady: true, orderPrefilled: false, advisorAvailable: false, replacementCarReady: false },
      version: visit().updatedAt,
    });
    expect(await screen.findByText("准备情况已保存")).toBeTruthy();
    // The next save goes against the appointment as saved.
    await waitFor(() => expect(screen.getByTestId("prep-save")).toHaveProperty("disabled", true));

    await userEvent.click(screen.getByTestId("prep-order_prefilled"));
    await userEvent.click(screen.getByTestId("prep-advisor_available"));
    await userEvent.click(screen.getByTestId("prep-save"));
    await waitFor(() => expect(screen.getByTestId("appointment-state").textContent).toBe("已准备"));
    expect(await screen.findByText("准备工作全部完成，预约已标为「已准备」")).toBeTruthy();
    // Prepared: the list is complete and no longer edited.
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("disabled", true);
    expect(screen.queryByTestId("prep-save")).toBeNull();
  });

  it("offers no-show only once the time has passed", async () => {
    mockCommands({ get_visit: () => visit({ appointmentAt: `${TOMORROW}T09:00:00` }) });
    await renderDrawer();
    expect(screen.queryByTestId("appointment-no-show")).toBeNull();
  });

  it("marks a no-show after the time, once confirmed", async () => {
    let shown = visit({ appointmentAt: `${TODAY}T09:00:00` });
    const calls = mockCommands({
      get_visit: () => shown,
      mark_no_show: () => (shown = visit({ appointmentAt: `${TODAY}T09:00:00`, state: "no_show" })),
    });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-no-show"));
    await userEvent.click(await screen.findByTestId("no-show-confirm"));
    await waitFor(() => expect(screen.getByTestId("appointment-state").textContent).toBe("未到店"));
    expect(calls.find((c) => c.cmd === "mark_no_show")?.args).toEqual({ id: 101 });
  });

  it("sends reception to the visit screens", async () => {
    mockCommands({ get_visit: () => visit({ state: "prepared" }) });
    const { navigate } = await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-receive"));
    expect(navigate).toHaveBeenCalledWith({ module: "visits", visitId: 101 });
  });

  it("opens the visit once the vehicle is received, and offers no appointment actions", async () => {
    mockCommands({ get_visit: () => visit({ state: "in_repair" }) });
    const { navigate } = await renderDrawer();
    expect(screen.queryByTestId("appointment-receive")).toBeNull();
    expect(screen.queryByTestId("appointment-reschedule")).toBeNull();
    await userEvent.click(screen.getByTestId("appointment-open-visit"));
    expect(navigate).toHaveBeenCalledWith({ module: "visits", visitId: 101 });
  });

  it("lets a reader see the appointment but change nothing", async () => {
    mockCommands({ get_visit: () => visit() });
    await renderDrawer("follow_up");
    expect(screen.queryByTestId("appointment-cancel")).toBeNull();
    expect(screen.queryByTestId("appointment-reschedule")).toBeNull();
    expect(screen.queryByTestId("appointment-receive")).toBeNull();
    expect(screen.queryByTestId("prep-save")).toBeNull();
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("disabled", true);
  });

  it("reschedules to another slot, and shows a taken one on the time", async () => {
    let attempts = 0;
    let shown = visit();
    const calls = mockCommands({
      get_visit: () => shown,
      appointment_board: () => board(),
      reschedule_appointment: ({ at, advisorId }) => {
        attempts += 1;
        if (attempts === 1) {
          throw refusal([
            {
              kind: "duplicate",
              field: "at",
              message: "赵磊 already has an appointment",
              conflict: { customerId: 7, label: "刘芳" },
            },
          ]);
        }
        shown = visit({ appointmentAt: at as string, advisorId: advisorId as number, advisorName: "赵磊" });
        return shown;
      },
    });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-reschedule"));
    const form = await screen.findByTestId("reschedule-form");
    expect(within(form).getByTestId("reschedule-slot").textContent).toContain("09:00");

    await userEvent.click(within(form).getByTestId("reschedule-advisor"));
    await userEvent.click((await screen.findAllByTestId("option-4")).at(-1) as HTMLElement);
    await userEvent.click(within(form).getByTestId("reschedule-slot"));
    await userEvent.click((await screen.findAllByTestId("option-08:30")).at(-1) as HTMLElement);
    await userEvent.click(screen.getByTestId("reschedule-confirm"));

    await waitFor(() =>
      expect(document.querySelector(".ant-modal .field-at .ant-form-item-explain-error")?.textContent).toBe(
        "赵磊 在 11月23日 08:30 已有预约（刘芳），请选择其他时段或服务顾问",
      ),
    );
    await userEvent.click(screen.getByTestId("reschedule-confirm"));
    await waitFor(() => expect(screen.getByTestId("appointment-time").textContent).toBe("11月23日 08:30"));
    expect(calls.filter((c) => c.cmd === "reschedule_appointment").at(-1)?.args).toEqual({
      id: 101,
      at: `${TOMORROW}T08:30:00`,
      advisorId: 4,
      version: visit().updatedAt,
    });
  });
});



describe("a save after someone else's change", () => {
  it("keeps the ticks and names who changed the appointment; reloaded, the checklist is the current one", async () => {
    let shown = visit();
    const calls = mockCommands({
      get_visit: () => shown,
      save_preparation: () => {
        throw refusal([
          {
            kind: "stale",
            message: "visit 101 was changed by 赵磊; nothing was saved: reload it",
            changed: { by: "赵磊", at: "2026-11-22T02:02:00Z" },
          },
        ]);
      },
    });
    await renderDrawer("service_advisor", "en");
    await userEvent.click(screen.getByTestId("prep-parts_ready"));
    await userEvent.click(screen.getByTestId("prep-save"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "save_preparation")?.args.version).toBe(visit().updatedAt),
    );
    const alert = await screen.findByTestId("prep-refusal");
    expect(alert.textContent).toMatch(/赵磊 changed this record at 2026-11-22 \d\d:02; nothing was saved/);
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("checked", true);

    // 赵磊 had ticked the order as prefilled; reloaded, that is what the checklist shows.
    shown = visit({
      preparation: { partsReady: false, orderPrefilled: true, advisorAvailable: false, replacementCarReady: false },
      updatedAt: "2026-11-22T02:02:00Z",
    });
    await userEvent.click(within(alert).getByTestId("prep-reload"));
    await waitFor(() => expect(screen.getByTestId("prep-order_prefilled")).toHaveProperty("checked", true));
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("checked", false);
    expect(screen.queryByTestId("prep-refusal")).toBeNull();
  });
});

describe("a move after someone else's change", () => {
  it("keeps the choice made; reloaded, it is saved against the appointment as it is now", async () => {
    let shown = visit();
    let attempts = 0;
    const calls = mockCommands({
      get_visit: () => shown,
      visit_history: () => [],
      appointment_board: () => board(),
      reschedule_appointment: ({ at, advisorId }) => {
        attempts += 1;
        if (attempts === 1) {
          // 赵磊 changed the appointment a moment ago; this desk has not heard yet.
          shown = visit({ requestedWork: "更换机油和机滤", updatedAt: "2026-11-22T02:02:00Z" });
          throw refusal([
            {
              kind: "stale",
              message: "visit 101 was changed by 赵磊; nothing was saved: reload it",
              changed: { by: "赵磊", at: "2026-11-22T02:02:00Z" },
            },
          ]);
        }
        shown = visit({ appointmentAt: at as string, advisorId: advisorId as number, updatedAt: "2026-11-22T02:03:00Z" });
        return shown;
      },
    });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-reschedule"));
    const form = await screen.findByTestId("reschedule-form");
    await userEvent.click(within(form).getByTestId("reschedule-slot"));
    await userEvent.click((await screen.findAllByTestId("option-10:30")).at(-1) as HTMLElement);
    await userEvent.click(screen.getByTestId("reschedule-confirm"));

    await userEvent.click(await within(form).findByTestId("reschedule-reload"));
    await waitFor(() => expect(screen.getByTestId("appointment-drawer").textContent).toContain("更换机油和机滤"));
    expect(within(form).getByTestId("reschedule-slot").textContent).toContain("10:30");
    expect(within(form).queryByTestId("changed-underneath")).toBeNull();
    await userEvent.click(screen.getByTestId("reschedule-confirm"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "reschedule_appointment")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "reschedule_appointment").map((c) => c.args.version)).toEqual([
      visit().updatedAt,
      "2026-11-22T02:02:00Z",
    ]);
    expect(calls.filter((c) => c.cmd === "reschedule_appointment")[1].args.at).toBe(`${TOMORROW}T10:30:00`);
  });
});

describe("an open appointment, live", () => {
  const MOVED: Partial<Visit> = {
    appointmentAt: `${TOMORROW}T10:30:00`,
    advisorId: 4,
    advisorName: "赵磊",
    updatedAt: "2026-11-22T01:55:00Z",
  };
  const history = () => [
    auditEntry({ id: 9, entity: "visit", entityId: 101, action: "rescheduled", staffName: "赵磊", at: MOVED.updatedAt }),
  ];

  it("shows a move made on another desk without a click", async () => {
    let shown = visit();
    const calls = mockCommands({ get_visit: () => shown });
    await renderDrawer();
    expect(screen.getByTestId("appointment-time").textContent).toBe("11月23日 09:00");
    const reads = () => calls.filter((c) => c.cmd === "get_visit").length;
    const before = reads();

    shown = visit(MOVED);
    await emit(CHANGES_EVENT, visitsChanged);
    await waitFor(() => expect(screen.getByTestId("appointment-time").textContent).toBe("11月23日 10:30"));
    expect(screen.getByTestId("appointment-drawer").textContent).toContain("赵磊");
    expect(reads()).toBe(before + 1);
  });

  it("keeps the ticks being made when another desk changes the appointment, says who, and reloads on request", async () => {
    let shown = visit();
    mockCommands({ get_visit: () => shown, visit_history: history });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("prep-parts_ready"));

    // 赵磊 moves the appointment and ticks the order as prefilled.
    shown = visit({
      ...MOVED,
      preparation: { partsReady: false, orderPrefilled: true, advisorAvailable: false, replacementCarReady: false },
    });
    await emit(CHANGES_EVENT, visitsChanged);
    const notice = await screen.findByTestId("changed-underneath");
    await waitFor(() => expect(notice.textContent).toContain("赵磊"));
    // The facts follow; the ticks being made stay.
    expect(screen.getByTestId("appointment-time").textContent).toBe("11月23日 10:30");
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("checked", true);
    expect(screen.getByTestId("prep-order_prefilled")).toHaveProperty("checked", false);

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
    expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("checked", false);
    expect(screen.getByTestId("prep-order_prefilled")).toHaveProperty("checked", true);
  });

  it("shows an untouched checklist as it is now", async () => {
    let shown = visit();
    mockCommands({ get_visit: () => shown });
    await renderDrawer();
    shown = visit({
      preparation: { partsReady: true, orderPrefilled: false, advisorAvailable: false, replacementCarReady: false },
      updatedAt: "2026-11-22T01:55:00Z",
    });
    await emit(CHANGES_EVENT, visitsChanged);
    await waitFor(() => expect(screen.getByTestId("prep-parts_ready")).toHaveProperty("checked", true));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });

  it("announces a move made elsewhere while rescheduling; reloaded, the dialog starts from it and saves against it", async () => {
    let shown = visit();
    const calls = mockCommands({
      get_visit: () => shown,
      visit_history: history,
      appointment_board: () => board(),
      reschedule_appointment: ({ at }) => (shown = visit({ ...MOVED, appointmentAt: at as string })),
    });
    await renderDrawer();
    await userEvent.click(screen.getByTestId("appointment-reschedule"));
    const form = await screen.findByTestId("reschedule-form");
    expect(within(form).getByTestId("reschedule-slot").textContent).toContain("09:00");

    shown = visit(MOVED);
    await emit(CHANGES_EVENT, visitsChanged);
    const notice = await within(form).findByTestId("changed-underneath");
    // The dialog's choice is not touched by the change.
    expect(within(form).getByTestId("reschedule-slot").textContent).toContain("09:00");
    expect(within(form).getByTestId("reschedule-advisor").textContent).toContain("李娜");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    expect(within(form).queryByTestId("changed-underneath")).toBeNull();
    await waitFor(() => expect(within(form).getByTestId("reschedule-slot").textContent).toContain("10:30"));
    expect(within(form).getByTestId("reschedule-advisor").textContent).toContain("赵磊");

    await userEvent.click(within(form).getByTestId("reschedule-slot"));
    await userEvent.click((await screen.findAllByTestId("option-11:00")).at(-1) as HTMLElement);
    await userEvent.click(screen.getByTestId("reschedule-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "reschedule_appointment")).toBe(true));
    expect(calls.find((c) => c.cmd === "reschedule_appointment")?.args).toEqual({
      id: 101,
      at: `${TOMORROW}T11:00:00`,
      advisorId: 4,
      version: MOVED.updatedAt,
    });
  });
});
