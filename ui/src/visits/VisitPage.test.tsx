import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { ChangeKind, Language, Role, Visit } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { auditEntry, mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { orderLine, pageHandlers, visit, visitSession } from "./testing";
import { VisitPage } from "./VisitPage";

type Handler = (args: Record<string, unknown>) => unknown;

async function renderVisit(
  shown: Visit,
  role: Role,
  handlers: Record<string, Handler> = {},
  lang: Language = "zh-CN",
) {
  const calls = mockCommands({ ...pageHandlers(() => shown), ...handlers });
  await renderIn(lang, <VisitPage visitId={shown.id} lang={lang} />, visitSession(role));
  await screen.findByTestId("visit-number");
  return calls;
}

/** Opens a PickSelect by its test id and clicks the option of `value`. */
async function choose(testId: string, value: string | number) {
  fireEvent.mouseDown(screen.getByTestId(testId).querySelector(".ant-select-content, .ant-select-selector") ?? screen.getByTestId(testId));
  await userEvent.click(await screen.findByTestId(`option-${value}`));
}

const cellItem = (testId: string) => screen.getByTestId(testId).closest(".ant-form-item") as HTMLElement;

const received = () =>
  visit({
    state: "received",
    reception: {
      mileageKm: 52000,
      fuelEighths: 4,
      damages: [{ panel: "left_front_door", note: "划痕约 5 厘米" }],
      valuables: "",
      accessories: "备胎",
      concerns: "左前轮有异响",
    },
    timeline: [
      { step: "prepare", state: "prepared", at: "2026-11-21T02:00:00Z", by: "王丽" },
      { step: "receive", state: "received", at: "2026-11-22T01:05:00Z", by: "王丽" },
    ],
  });

describe("the visit page", () => {
  it("shows who and what, the state in data-state, and the steps of the process", async () => {
    await renderVisit(received(), "service_advisor");
    expect(screen.getByTestId("visit-number").textContent).toBe("20261122-003");
    const state = screen.getByTestId("visit-state");
    expect(state.getAttribute("data-state")).toBe("received");
    expect(state.textContent).toBe("已接车");
    expect(screen.getByTestId("visit-customer").textContent).toBe("张伟");
    expect(screen.getByTestId("visit-vin").textContent).toBe("LFV2A21K8G3000001");
    expect(within(screen.getByTestId("visit-steps")).getByText("维修中")).toBeTruthy();
    expect(within(screen.getByTestId("visit-appointment")).getByText("左前轮有异响")).toBeTruthy();
    expect(within(screen.getByTestId("visit-reception")).getByText(/左前门/)).toBeTruthy();
    expect(within(screen.getByTestId("visit-timeline")).getByText("接车")).toBeTruthy();
  });

  it("receives the vehicle with the walk-around, the concerns pre-filled from the appointment", async () => {
    const shown = visit({ state: "prepared" });
    const calls = await renderVisit(shown, "service_advisor", {
      receive_vehicle: () => received(),
    });
    expect(screen.getByTestId("reception-concerns")).toHaveProperty("value", "左前轮有异响");
    await userEvent.type(screen.getByTestId("reception-mileage"), "52000");
    await userEvent.click(screen.getByTestId("reception-add-damage"));
    await choose("reception-damage-0-panel", "left_front_door");
    await userEvent.type(screen.getByTestId("reception-damage-0-note"), "划痕约 5 厘米");
    await userEvent.click(screen.getByTestId("reception-fuel-6"));
    await userEvent.type(screen.getByTestId("reception-accessories"), "备胎");
    await userEvent.click(screen.getByTestId("reception-submit"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "receive_vehicle")).toBe(true));
    expect(calls.find((c) => c.cmd === "receive_vehicle")?.args).toEqual({
      id: 7,
      reception: {
        mileageKm: 52000,
        fuelEighths: 6,
        damages: [{ panel: "left_front_door", note: "划痕约 5 厘米" }],
        valuables: "",
        accessories: "备胎",
        concerns: "左前轮有异响",
      },
      // The version the walk-around was recorded on.
      version: shown.updatedAt,
    });
    await waitFor(() => expect(screen.getByTestId("visit-state").getAttribute("data-state")).toBe("received"));
  });

  it("shows a mileage below the last one on its field and keeps what was typed", async () => {
    const calls = await renderVisit(visit({ state: "booked" }), "service_manager", {
      receive_vehicle: () => {
        throw refusal([
          { kind: "out_of_range", field: "reception.mileageKm", message: "the mileage is below the last known 48210 km; give the reason" },
        ]);
      },
    });
    await userEvent.type(screen.getByTestId("reception-mileage"), "100");
    await userEvent.click(screen.getByTestId("reception-submit"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "receive_vehicle")).toBe(true));
    await waitFor(() => expect(cellItem("reception-mileage").textContent).toContain("低于上次记录的 48,210 公里"));
    expect(screen.getByTestId("visit-alert").textContent).toContain("48,210");
    expect(screen.getByTestId("reception-mileage")).toHaveProperty("value", "100");
  });

  it("computes the order's lines and totals as typed, exactly as the backend, and sends hundredths and fen", async () => {
    const calls = await renderVisit(received(), "service_advisor", {
      write_repair_order: ({ order }) => {
        const o = order as { promisedAt: string };
        return {
          ...received(),
          order: {
            lines: [
              orderLine({ id: 201 }),
              orderLine({ id: 202, kind: "part", description: "机油滤清器", partNumber: "06L115562", quantityCenti: 200, unitPrice: 4425, amount: 8850 }),
            ],
            promisedAt: o.promisedAt,
            confirmedAt: "2026-11-22T01:30:00Z",
            estimate: 40511,
            taxBasisPoints: 1300,
          },
          totals: { labour: 27000, parts: 8850, subtotal: 35850, tax: 4661, total: 40511 },
        };
      },
    });

    await userEvent.click(screen.getByTestId("order-add-labour"));
    // A new labour line starts at the workshop's rate.
    await waitFor(() => expect(screen.getByTestId("order-line-0-price")).toHaveProperty("value", "180.00"));
    await userEvent.type(screen.getByTestId("order-line-0-description"), "更换机油机滤");
    await userEvent.type(screen.getByTestId("order-line-0-quantity"), "1.5");
    await waitFor(() => expect(screen.getByTestId("order-line-0-amount").textContent).toBe("¥270.00"));

    await userEvent.click(screen.getByTestId("order-add-part"));
    expect(screen.getByTestId("order-line-1-genuine")).toHaveProperty("checked", true);
    await userEvent.type(screen.getByTestId("order-line-1-description"), "机油滤清器");
    await userEvent.type(screen.getByTestId("order-line-1-part-number"), "06L115562");
    await userEvent.type(screen.getByTestId("order-line-1-quantity"), "2");
    await userEvent.type(screen.getByTestId("order-line-1-price"), "44.25");
    await waitFor(() => expect(screen.getByTestId("order-line-1-amount").textContent).toBe("¥88.50"));

    // ¥358.50 × 13% = ¥46.605 → ¥46.61 (half up); total ¥405.11.
    const total = screen.getByTestId("order-total");
    expect(total.getAttribute("data-fen")).toBe("40511");
    expect(total.textContent).toBe("¥405.11");
    expect(screen.getByText("¥46.61")).toBeTruthy();

    await userEvent.type(screen.getByTestId("order-promised-date"), "2026-11-23{Enter}");
    await userEvent.type(screen.getByTestId("order-promised-time"), "17:30{Enter}");
    await userEvent.click(screen.getByTestId("order-confirmed"));
    await userEvent.click(screen.getByTestId("order-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "write_repair_order")).toBe(true));
    // Enter in the date and time pickers does not send the order early.
    expect(calls.filter((c) => c.cmd === "write_repair_order")).toHaveLength(1);
    expect(calls.find((c) => c.cmd === "write_repair_order")?.args).toEqual({
      id: 7,
      order: {
        lines: [
          { kind: "labour", description: "更换机油机滤", partNumber: "", quantityCenti: 150, unitPrice: 18000, genuine: true },
          { kind: "part", description: "机油滤清器", partNumber: "06L115562", quantityCenti: 200, unitPrice: 4425, genuine: true },
        ],
        promisedAt: "2026-11-23T17:30:00",
        customerConfirmed: true,
        version: received().updatedAt,
      },
    });
    expect((await screen.findByTestId("order-estimate")).getAttribute("data-fen")).toBe("40511");
  });

  it("marks the refused cell of the order (lines.1.quantity) and keeps every line", async () => {
    const shown = visit({
      ...received(),
      order: {
        lines: [orderLine({ id: 201 }), orderLine({ id: 202, kind: "part", description: "机油", partNumber: "G052", quantityCenti: 100, unitPrice: 9000, amount: 9000 })],
        promisedAt: "2026-11-23T17:30:00",
        taxBasisPoints: 1300,
      },
    });
    const calls = await renderVisit(shown, "service_advisor", {
      write_repair_order: () => {
        throw refusal([
          { kind: "out_of_range", field: "lines.1.quantity", message: "quantity must be above zero and at most 100000" },
          { kind: "required", field: "lines.0.description", message: "description is required" },
        ]);
      },
    });
    const quantity = screen.getByTestId("order-line-1-quantity");
    await userEvent.clear(quantity);
    await userEvent.clear(screen.getByTestId("order-line-0-description"));
    await userEvent.click(screen.getByTestId("order-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "write_repair_order")).toBe(true));
    const sent = calls.find((c) => c.cmd === "write_repair_order")?.args.order as { lines: { quantityCenti: number }[] };
    expect(sent.lines[1].quantityCenti).toBe(0);
    await waitFor(() => expect(cellItem("order-line-1-quantity").className).toContain("ant-form-item-has-error"));
    expect(cellItem("order-line-1-quantity").textContent).toContain("数量须大于 0");
    expect(cellItem("order-line-0-description").textContent).toContain("请填写项目名称");
    expect(cellItem("order-line-0-quantity").className).not.toContain("ant-form-item-has-error");
    expect(screen.getByTestId("visit-alert").textContent).toContain("第 2 行");
    expect(screen.getByTestId("order-line-1-part-number")).toHaveProperty("value", "G052");
  });

  it("starts the repair with a technician once the order is confirmed", async () => {
    const shown = visit({
      ...received(),
      order: { lines: [orderLine()], promisedAt: "2026-11-23T17:30:00", confirmedAt: "2026-11-22T01:30:00Z", estimate: 30510, taxBasisPoints: 1300 },
      totals: { labour: 27000, parts: 0, subtotal: 27000, tax: 3510, total: 30510 },
    });
    const calls = await renderVisit(shown, "technician", {
      start_repair: () => ({ ...shown, state: "in_repair", technicianId: 5, technicianName: "李强" }),
    });
    expect(screen.queryByTestId("order-save")).toBeNull(); // the order is the advisor's
    expect(screen.getByTestId("order-estimate")).toBeTruthy();
    await choose("repair-technician", 5);
    await userEvent.click(screen.getByTestId("repair-start"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "start_repair")?.args).toEqual({ id: 7, technicianId: 5, version: shown.updatedAt }),
    );
    await waitFor(() => expect(screen.getByTestId("visit-state").getAttribute("data-state")).toBe("in_repair"));
    expect(screen.getByTestId("extra-description")).toBeTruthy();
  });

  it("lets the technician record extra work and the advisor record the customer's answer", async () => {
    const inRepair = visit({
      ...received(),
      state: "in_repair",
      technicianId: 4,
      technicianName: "赵刚",
      order: {
        lines: [orderLine(), orderLine({ id: 301, extraWorkId: 1, description: "更换前刹车片", amount: 36000, quantityCenti: 200 })],
        promisedAt: "2026-11-23T17:30:00",
        confirmedAt: "2026-11-22T01:30:00Z",
        taxBasisPoints: 1300,
      },
      extraWork: [
        {
          id: 1,
          description: "前刹车片磨损至 2 毫米",
          status: "awaiting_approval",
          foundBy: "赵刚",
          foundAt: "2026-11-22T03:00:00Z",
          note: "",
          lines: [orderLine({ id: 301, extraWorkId: 1, description: "更换前刹车片", amount: 36000, quantityCenti: 200 })],
          amount: 36000,
        },
      ],
    });
    // The technician: records extra work, may not decide.
    const calls = await renderVisit(inRepair, "technician", {
      record_extra_work: () => inRepair,
      finish_repair: () => {
        throw refusal([{ kind: "invalid_state", field: "extraWork", message: "extra work is still awaiting the customer's approval" }]);
      },
    });
    const row = screen.getByTestId("extra-1");
    expect(row.getAttribute("data-status")).toBe("awaiting_approval");
    expect(screen.queryByTestId("extra-approve-1")).toBeNull();
    await userEvent.type(screen.getByTestId("extra-description"), "雨刮老化");
    await userEvent.click(screen.getByTestId("extra-add-part"));
    await userEvent.type(screen.getByTestId("extra-line-0-description"), "雨刮片");
    await userEvent.type(screen.getByTestId("extra-line-0-part-number"), "5G1955425");
    await userEvent.type(screen.getByTestId("extra-line-0-quantity"), "2");
    await userEvent.type(screen.getByTestId("extra-line-0-price"), "95");
    await userEvent.click(screen.getByTestId("extra-submit"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "record_extra_work")?.args).toEqual({
        id: 7,
        extra: {
          description: "雨刮老化",
          lines: [{ kind: "part", description: "雨刮片", partNumber: "5G1955425", quantityCenti: 200, unitPrice: 9500, genuine: true }],
        },
      }),
    );
    await userEvent.click(screen.getByTestId("repair-finish"));
    expect((await screen.findByTestId("visit-alert")).textContent).toContain("还有增项等待客户确认");
  });

  it("records the customer's answer on extra work for the advisor, with the note", async () => {
    const extra = {
      id: 1,
      description: "前刹车片磨损至 2 毫米",
      status: "awaiting_approval" as const,
      foundBy: "赵刚",
      foundAt: "2026-11-22T03:00:00Z",
      note: "",
      lines: [],
      amount: 36000,
    };
    const inRepair = visit({ ...received(), state: "in_repair", technicianId: 4, technicianName: "赵刚", extraWork: [extra] });
    const calls = await renderVisit(inRepair, "service_advisor", {
      decide_extra_work: () => ({ ...inRepair, extraWork: [{ ...extra, status: "declined", note: "下次再换" }] }),
    });
    expect(screen.queryByTestId("extra-submit")).toBeNull();
    expect(screen.queryByTestId("repair-finish")).toBeNull();
    await userEvent.type(screen.getByTestId("extra-note-1"), "下次再换");
    await userEvent.click(screen.getByTestId("extra-decline-1"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "decide_extra_work")?.args).toEqual({
        id: 7,
        extraWorkId: 1,
        approved: false,
        note: "下次再换",
      }),
    );
    await waitFor(() => expect(screen.getByTestId("extra-1").getAttribute("data-status")).toBe("declined"));
  });
});

const inQc = () =>
  visit({
    ...received(),
    state: "quality_check",
    technicianId: 4,
    technicianName: "赵刚",
    order: { lines: [orderLine()], promisedAt: "2026-11-23T17:30:00", confirmedAt: "2026-11-22T01:30:00Z", taxBasisPoints: 1300 },
  });

describe("the quality check", () => {
  it("offers N/A only for the road test and needs a note for a failed item before sending", async () => {
    const calls = await renderVisit(inQc(), "qc_inspector", {
      record_quality_check: () => ({ ...inQc(), state: "ready" }),
    });
    expect(screen.queryByTestId("handover-submit")).toBeNull();
    expect(screen.getByTestId("qc-road_test-na")).toBeTruthy();
    expect(screen.queryByTestId("qc-cleanliness-na")).toBeNull();
    expect(screen.queryByTestId("qc-in_time-na")).toBeNull();

    await userEvent.click(screen.getByTestId("qc-all-pass"));
    await userEvent.click(screen.getByTestId("qc-road_test-na"));
    await userEvent.click(screen.getByTestId("qc-cleanliness-fail"));
    await userEvent.type(screen.getByTestId("qc-parking"), "B 区 12 号");
    await userEvent.click(screen.getByTestId("qc-submit"));
    await waitFor(() => expect(cellItem("qc-cleanliness-note").textContent).toContain("车辆清洁不合格，请写明问题"));
    expect(calls.some((c) => c.cmd === "record_quality_check")).toBe(false);

    await userEvent.type(screen.getByTestId("qc-cleanliness-note"), "后排脚垫未清洁");
    await userEvent.click(screen.getByTestId("qc-submit"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_quality_check")).toBe(true));
    const check = calls.find((c) => c.cmd === "record_quality_check")?.args.check as {
      items: { item: string; result: string; note: string }[];
      parkingLocation: string;
    };
    expect(check.parkingLocation).toBe("B 区 12 号");
    expect(check.items).toHaveLength(9);
    expect(check.items.find((i) => i.item === "road_test")?.result).toBe("not_applicable");
    expect(check.items.find((i) => i.item === "cleanliness")).toEqual({ item: "cleanliness", result: "fail", note: "后排脚垫未清洁" });
    expect(check.items.filter((i) => i.result === "pass")).toHaveLength(7);
  });

  it("after a failed check shows the failed items on the visit, back in repair", async () => {
    const failed = visit({
      ...inQc(),
      state: "in_repair",
      qcChecks: [
        {
          id: 1,
          inspector: "孙敏",
          at: "2026-11-22T06:00:00Z",
          passed: false,
          parkingLocation: "",
          items: [
            { item: "road_test", result: "fail", note: "右转有异响" },
            { item: "cleanliness", result: "pass", note: "" },
          ],
        },
      ],
    });
    await renderVisit(failed, "technician");
    const alert = screen.getByTestId("visit-alert");
    expect(alert.textContent).toContain("质检未通过");
    expect(alert.textContent).toContain("路试");
    expect(alert.textContent).toContain("右转有异响");
    expect(within(screen.getByTestId("qc-history")).getByText("不合格")).toBeTruthy();
  });

  it("is not offered to the advisor, who waits for it", async () => {
    await renderVisit(inQc(), "service_advisor");
    expect(screen.queryByTestId("qc-submit")).toBeNull();
    expect(screen.getByTestId("visit-waiting").textContent).toContain("等待质检员质检");
  });
});

describe("the handover", () => {
  const ready = () =>
    visit({
      ...received(),
      state: "ready",
      technicianId: 4,
      technicianName: "赵刚",
      order: {
        lines: [
          orderLine({ id: 101 }),
          orderLine({ id: 102, kind: "part", description: "机油滤清器", amount: 8850 }),
          orderLine({ id: 103, extraWorkId: 1, description: "更换前刹车片", amount: 36000 }),
          orderLine({ id: 104, extraWorkId: 2, description: "更换雨刮片", amount: 19000 }),
        ],
        promisedAt: "2026-11-23T17:30:00",
        confirmedAt: "2026-11-22T01:30:00Z",
        taxBasisPoints: 1300,
      },
      extraWork: [
        { id: 1, description: "刹车片", status: "approved", foundBy: "赵刚", foundAt: "2026-11-22T03:00:00Z", note: "", lines: [], amount: 36000 },
        { id: 2, description: "雨刮", status: "declined", foundBy: "赵刚", foundAt: "2026-11-22T03:10:00Z", note: "", lines: [], amount: 19000 },
      ],
      qcChecks: [{ id: 1, inspector: "孙敏", at: "2026-11-22T06:00:00Z", passed: true, parkingLocation: "B12", items: [] }],
      totals: { labour: 63000, parts: 8850, subtotal: 71850, tax: 9341, total: 81191 },
    });

  it("lists only the lines that count, ticks them all, and hands over for the total", async () => {
    const calls = await renderVisit(ready(), "service_advisor", {
      hand_over: () => ({
        ...ready(),
        state: "handed_over",
        handover: {
          invoiceNumber: "FP-0001",
          paymentMethod: "we_chat_pay",
          amountPaid: 81191,
          nextServiceDate: "2027-05-22",
          handedOverAt: "2026-11-22T08:00:00Z",
          handedOverBy: "王丽",
        },
        followUpDue: ["2026-11-23", "2026-11-25"],
      }),
    });
    expect(screen.queryByTestId("qc-submit")).toBeNull();
    for (const id of [101, 102, 103]) expect(screen.getByTestId(`handover-line-${id}`)).toHaveProperty("checked", false);
    expect(screen.queryByTestId("handover-line-104")).toBeNull(); // declined extra work is not charged
    await userEvent.click(screen.getByTestId("handover-explain-all"));
    for (const id of [101, 102, 103]) expect(screen.getByTestId(`handover-line-${id}`)).toHaveProperty("checked", true);

    expect(screen.getByTestId("handover-amount")).toHaveProperty("value", "811.91");
    await userEvent.type(screen.getByTestId("handover-invoice"), "FP-0001");
    await userEvent.type(screen.getByTestId("handover-next-date"), "2027-05-22{Enter}");
    await choose("handover-payment", "we_chat_pay");
    await userEvent.click(screen.getByTestId("handover-condition"));
    await userEvent.click(screen.getByTestId("handover-submit"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "hand_over")).toBe(true));
    expect(calls.find((c) => c.cmd === "hand_over")?.args).toEqual({
      id: 7,
      handover: {
        explainedLineIds: [101, 102, 103],
        invoiceNumber: "FP-0001",
        nextServiceDate: "2027-05-22",
        paymentMethod: "we_chat_pay",
        amountPaid: 81191,
        conditionConfirmed: true,
      },
    });
    const due = await screen.findByTestId("visit-follow-up-due");
    expect(due.getAttribute("data-from")).toBe("2026-11-23");
    expect(due.getAttribute("data-to")).toBe("2026-11-25");
    expect(screen.getByTestId("print-handover")).toBeTruthy();
  });

  it("is not offered to the QC inspector", async () => {
    await renderVisit(ready(), "qc_inspector");
    expect(screen.queryByTestId("handover-submit")).toBeNull();
    expect(screen.queryByTestId("qc-submit")).toBeNull();
    expect(screen.getByTestId("visit-waiting")).toBeTruthy();
  });

  it("prints a paper, shows where it was saved and opens it only when asked", async () => {
    const calls = await renderVisit(ready(), "qc_inspector", {
      print_visit: () => ({ path: "/data/prints/20261122-003-quality_check.pdf", bytes: 48_213 }),
      open_printed: () => null,
    });
    expect(screen.queryByTestId("print-handover")).toBeNull();
    await userEvent.click(screen.getByTestId("print-quality_check"));
    expect((await screen.findByTestId("printed-path")).textContent).toBe("/data/prints/20261122-003-quality_check.pdf");
    expect(calls.find((c) => c.cmd === "print_visit")?.args).toEqual({ id: 7, paper: "quality_check", language: "zh-CN" });
    expect(calls.some((c) => c.cmd === "open_printed")).toBe(false);
    await userEvent.click(screen.getByTestId("printed-open"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "open_printed")?.args).toEqual({ path: "/data/prints/20261122-003-quality_check.pdf" }),
    );
  });
});

describe("a save after someone else's change", () => {
  const withOrder = (over: Partial<Visit> = {}) =>
    visit({
      ...received(),
      order: { lines: [orderLine({ id: 201 })], promisedAt: "2026-11-23T17:30:00", taxBasisPoints: 1300 },
      updatedAt: "2026-11-22T02:00:00Z",
      ...over,
    });
  const stale = refusal([
    { kind: "stale", message: "visit 7 was changed by 孙悦; nothing was saved: reload it", changed: { by: "孙悦", at: "2026-11-22T02:02:00Z" } },
  ]);

  it("is refused naming who changed the visit and when, keeps what was typed, and reloads the order on request", async () => {
    let shown = withOrder();
    const theirs = withOrder({
      order: {
        lines: [orderLine({ id: 301, description: "四轮定位" })],
        promisedAt: "2026-11-23T17:30:00",
        taxBasisPoints: 1300,
      },
      advisorName: "孙悦",
      updatedAt: "2026-11-22T02:02:00Z",
    });
    let refuse = true;
    const calls = mockCommands({
      ...pageHandlers(() => shown),
      write_repair_order: ({ order }) => {
        if (refuse) throw stale;
        return { ...theirs, updatedAt: "2026-11-22T02:05:00Z", order: { ...theirs.order, promisedAt: (order as { promisedAt: string }).promisedAt } };
      },
    });
    await renderIn("zh-CN", <VisitPage visitId={shown.id} lang="zh-CN" />, visitSession("service_advisor"));
    await screen.findByTestId("visit-number");

    const description = screen.getByTestId("order-line-0-description");
    await userEvent.clear(description);
    await userEvent.type(description, "更换空调滤芯");
    // Another desk's change arrives with a refresh in the background: the form and its version stay as filled.
    shown = theirs;
    await userEvent.click(screen.getByRole("button", { name: "刷新" }));
    await screen.findByText("孙悦");
    expect(screen.getByTestId("order-line-0-description")).toHaveProperty("value", "更换空调滤芯");
    await userEvent.click(screen.getByTestId("order-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "write_repair_order")).toBe(true));
    const sent = calls.find((c) => c.cmd === "write_repair_order")?.args.order as { version: string };
    expect(sent.version).toBe("2026-11-22T02:00:00Z");
    const alert = await screen.findByTestId("visit-alert");
    expect(alert.textContent).toMatch(/孙悦 已于 2026-11-22 \d\d:02 修改该记录，本次操作未保存。请重新加载后再修改/);
    // The form stays open with what was typed.
    expect(screen.getByTestId("order-line-0-description")).toHaveProperty("value", "更换空调滤芯");
    expect(screen.getByTestId("order-save")).toBeTruthy();

    // Reloaded, the form shows the order as the other desk left it, and saves against that version.
    await userEvent.click(within(alert).getByTestId("visit-reload"));
    await waitFor(() => expect(screen.getByTestId("order-line-0-description")).toHaveProperty("value", "四轮定位"));
    expect(screen.queryByTestId("visit-alert")).toBeNull();
    refuse = false;
    await userEvent.click(screen.getByTestId("order-save"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "write_repair_order")).toHaveLength(2));
    const again = calls.filter((c) => c.cmd === "write_repair_order").at(-1)?.args.order as { version: string };
    expect(again.version).toBe("2026-11-22T02:02:00Z");
  });

  it("says the same in English for the walk-around", async () => {
    const shown = visit({ state: "prepared", updatedAt: "2026-11-22T02:00:00Z" });
    const calls = await renderVisit(
      shown,
      "service_advisor",
      {
        receive_vehicle: () => {
          throw stale;
        },
      },
      "en",
    );
    await userEvent.type(screen.getByTestId("reception-mileage"), "52000");
    await userEvent.click(screen.getByTestId("reception-submit"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "receive_vehicle")?.args.version).toBe("2026-11-22T02:00:00Z"));
    const alert = await screen.findByTestId("visit-alert");
    expect(alert.textContent).toMatch(/孙悦 changed this record at 2026-11-22 \d\d:02; nothing was saved\. Reload it and make your change again/);
    expect(within(alert).getByTestId("visit-reload").textContent).toBe("Reload");
    expect(screen.getByTestId("reception-mileage")).toHaveProperty("value", "52000");
  });
});

/** What the backend says after a commit on any desk. */
const changes = (...kinds: ChangeKind[]) => emit(CHANGES_EVENT, { changes: kinds.map((kind) => ({ kind, id: 7 })), everything: false });

describe("the visit page, live", () => {
  const withOrder = (over: Partial<Visit> = {}) =>
    visit({
      ...received(),
      order: { lines: [orderLine({ id: 201 })], promisedAt: "2026-11-23T17:30:00", confirmedAt: "2026-11-22T01:30:00Z", taxBasisPoints: 1300 },
      updatedAt: "2026-11-22T02:00:00Z",
      ...over,
    });

  it("follows another desk's step without a click: the state, the step's sections and the history", async () => {
    let shown = withOrder();
    let history = [auditEntry({ entity: "visit", entityId: 7, action: "received", staffName: "王丽" })];
    const calls = await renderVisit(shown, "service_advisor", {
      get_visit: () => shown,
      visit_history: () => history,
    });
    await screen.findByTestId("history-entry");
    expect(screen.getByTestId("visit-state").getAttribute("data-state")).toBe("received");
    expect(screen.getByTestId("order-save")).toBeTruthy();
    const reads = () => calls.filter((c) => c.cmd === "get_visit").length;
    const before = reads();

    // A complaint elsewhere is not the page's business.
    await changes("complaint");
    // The technician starts the repair on the workshop's desk.
    shown = withOrder({ state: "in_repair", technicianId: 4, technicianName: "赵刚", updatedAt: "2026-11-22T02:10:00Z" });
    history = [auditEntry({ id: 2, entity: "visit", entityId: 7, action: "repair_started", staffName: "赵刚", at: "2026-11-22T02:10:00Z" }), ...history];
    await changes("visit");

    await waitFor(() => expect(screen.getByTestId("visit-state").getAttribute("data-state")).toBe("in_repair"));
    expect(reads()).toBe(before + 1);
    // The order is no longer the advisor's to edit; the extra work is theirs to decide.
    expect(screen.queryByTestId("order-save")).toBeNull();
    expect(screen.getByTestId("repair-section")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId("history-entry")).toHaveLength(2));
    expect(screen.getAllByTestId("history-entry")[0].textContent).toContain("赵刚");
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });

  it("keeps the order as typed when another desk changes the visit, says who did, and fills it again on Reload", async () => {
    let shown = withOrder();
    const theirs = withOrder({
      order: { lines: [orderLine({ id: 301, description: "四轮定位" })], promisedAt: "2026-11-23T17:30:00", taxBasisPoints: 1300 },
      updatedAt: "2026-11-22T02:02:00Z",
    });
    const calls = await renderVisit(shown, "service_advisor", {
      get_visit: () => shown,
      visit_history: () =>
        shown === theirs ? [auditEntry({ entity: "visit", entityId: 7, action: "order_updated", staffName: "孙悦", at: theirs.updatedAt })] : [],
      write_repair_order: () => theirs,
    });
    const description = screen.getByTestId("order-line-0-description");
    await userEvent.clear(description);
    await userEvent.type(description, "更换空调滤芯");

    shown = theirs;
    await changes("visit");
    const notice = await screen.findByTestId("changed-underneath");
    await waitFor(() => expect(notice.textContent).toContain("孙悦"));
    expect(screen.getByTestId("order-line-0-description")).toHaveProperty("value", "更换空调滤芯");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    await waitFor(() => expect(screen.getByTestId("order-line-0-description")).toHaveProperty("value", "四轮定位"));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
    await userEvent.click(screen.getByTestId("order-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "write_repair_order")).toBe(true));
    const sent = calls.find((c) => c.cmd === "write_repair_order")?.args.order as { version: string; lines: { description: string }[] };
    expect(sent.version).toBe("2026-11-22T02:02:00Z");
    expect(sent.lines.map((l) => l.description)).toEqual(["四轮定位"]);
  });
});
