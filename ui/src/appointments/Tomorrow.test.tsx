import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { mockCommands } from "../test/fixtures";
import { renderIn } from "../test/render";
import { AppointmentsModule } from "./AppointmentsModule";
import { NOW, STAFF, TOMORROW, board, serviceSession, visitSummary } from "./fixtures";
import { confirmationText } from "./model";

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const WANG = visitSummary();
const LIU = visitSummary({
  id: 102,
  customerName: "刘芳",
  customerMobile: "13566667777",
  plate: "京AD12345",
  advisorId: 4,
  advisorName: "赵磊",
  appointmentAt: `${TOMORROW}T08:30:00`,
  state: "prepared",
  unprepared: [],
  requestedWork: "更换刹车片",
  expectedMinutes: 90,
});
const ZHOU = visitSummary({
  id: 103,
  customerName: "周强",
  appointmentAt: `${TOMORROW}T10:00:00`,
  replacementCar: true,
  unprepared: ["replacement_car_ready"],
});
const CANCELLED = visitSummary({ id: 104, customerName: "吴敏", state: "cancelled", unprepared: [] });

describe("the reminder text", () => {
  it("names the customer, the advisor, the day, the time, the car, the work and how long, in Chinese", () => {
    expect(confirmationText(WANG, i18n.getFixedT("zh-CN"), "zh-CN")).toBe(
      "王建国您好，我是服务顾问李娜。提醒您明天（11月23日）09:00 携爱车京A12345到店进行“更换机油”，预计约1小时。如需改期请回电，谢谢！",
    );
    expect(confirmationText(LIU, i18n.getFixedT("zh-CN"), "zh-CN")).toContain("预计约1小时30分钟");
  });

  it("and in English", () => {
    const text = confirmationText(WANG, i18n.getFixedT("en"), "en");
    expect(text).toContain("Hello 王建国");
    expect(text).toContain("this is 李娜, your service advisor");
    expect(text).toContain("tomorrow (23 Nov) at 09:00");
    expect(text).toContain("京A12345");
    expect(text).toContain("“更换机油”");
    expect(text).toContain("about 1 h");
  });

  it("names the vehicle when it has no plate yet", () => {
    const text = confirmationText(visitSummary({ plate: undefined }), i18n.getFixedT("zh-CN"), "zh-CN");
    expect(text).toContain("携爱车一汽-大众 FAW-VW 迈腾 Magotan到店");
  });
});

describe("tomorrow's view", () => {
  it("lists tomorrow's appointments with a reminder to copy, and what is not ready", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const calls = mockCommands({
      appointment_board: ({ from }) =>
        from === TOMORROW ? board({ visits: [WANG, LIU, ZHOU, CANCELLED] }) : board({ from: from as string }),
      service_staff: () => STAFF,
    });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_advisor"));
    await userEvent.click(await screen.findByTestId("board-tomorrow"));

    const first = await screen.findByTestId("confirmation-102");
    expect(calls.some((c) => c.cmd === "appointment_board" && c.args.from === TOMORROW && c.args.days === 1)).toBe(true);
    // In time order; the cancelled appointment is not reminded.
    const rows = screen.getAllByTestId(/^confirmation-\d+$/);
    expect(rows.map((r) => r.getAttribute("data-testid"))).toEqual(["confirmation-102", "confirmation-101", "confirmation-103"]);
    expect(first.textContent).toContain("刘芳");
    expect(screen.queryByTestId("confirmation-104")).toBeNull();

    await userEvent.click(screen.getByTestId("confirmation-copy-101"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]).toEqual([confirmationText(WANG, i18n.getFixedT("zh-CN"), "zh-CN")]);
    expect(await screen.findByText("已复制到剪贴板")).toBeTruthy();

    expect(screen.getByTestId("readiness-count").textContent).toBe("明天共 3 个预约：1 个已准备就绪，2 个尚未就绪");
    expect(within(screen.getByTestId("readiness-102")).getByTestId("ready").textContent).toBe("已就绪");
    const wang = screen.getByTestId("readiness-101");
    expect(within(wang).getByTestId("missing-parts_ready").textContent).toBe("备件未齐");
    expect(within(wang).getByTestId("missing-order_prefilled")).toBeTruthy();
    expect(within(wang).getByTestId("missing-advisor_available")).toBeTruthy();
    expect(within(screen.getByTestId("readiness-103")).getByTestId("missing-replacement_car_ready").textContent).toBe(
      "替换车未就绪",
    );
  });

  it("writes the reminders in English when the screen is in English", async () => {
    mockCommands({
      appointment_board: ({ from }) => (from === TOMORROW ? board({ visits: [WANG] }) : board({ from: from as string })),
      service_staff: () => STAFF,
    });
    await renderIn("en", <AppointmentsModule lang="en" request={null} />, serviceSession("service_advisor"));
    await userEvent.click(await screen.findByTestId("board-tomorrow"));
    const text = await screen.findByTestId("confirmation-text-101");
    expect(text.textContent).toContain("Hello 王建国");
    expect(text.textContent).toContain("09:00");
    expect(text.textContent).toContain("京A12345");
  });
});
