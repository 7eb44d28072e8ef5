import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppointmentBoard } from "../bindings";
import { mockCommands } from "../test/fixtures";
import { renderIn } from "../test/render";
import { AppointmentsModule } from "./AppointmentsModule";
import { NOW, STAFF, TODAY, TOMORROW, board, serviceSession, visitSummary } from "./fixtures";

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Tomorrow's board: a booked, unprepared appointment and a prepared one with a replacement car. */
function tomorrowBoard(from: string): AppointmentBoard {
  if (from !== TOMORROW) return board({ from, load: [{ date: from, bookedMinutes: 0, capacityMinutes: 3840 }] });
  return board({
    visits: [
      visitSummary(),
      visitSummary({
        id: 102,
        customerName: "刘芳",
        plate: "京AD12345",
        advisorId: 4,
        advisorName: "赵磊",
        appointmentAt: `${TOMORROW}T08:30:00`,
        state: "prepared",
        replacementCar: true,
        unprepared: [],
        requestedWork: "更换刹车片",
      }),
      visitSummary({ id: 103, customerName: "周强", appointmentAt: `${TOMORROW}T10:00:00`, state: "cancelled", unprepared: [] }),
    ],
    load: [{ date: TOMORROW, bookedMinutes: 4200, capacityMinutes: 3840 }],
  });
}

describe("the appointment board", () => {
  it("draws a column per advisor, a row per slot, and each appointment in its cell", async () => {
    const calls = mockCommands({
      appointment_board: ({ from }) => tomorrowBoard(from as string),
      service_staff: () => STAFF,
    });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_advisor"));

    await screen.findByTestId("board-grid");
    expect(calls.find((c) => c.cmd === "appointment_board")?.args).toEqual({ from: TODAY, days: 1 });
    await userEvent.click(screen.getByTestId("board-next"));
    await screen.findByTestId("appointment-card-101");
    expect(calls.filter((c) => c.cmd === "appointment_board").at(-1)?.args).toEqual({ from: TOMORROW, days: 1 });

    // Advisors with their hours, slots as HH:mm.
    expect(screen.getByTestId("board-advisor-3").textContent).toContain("李娜");
    expect(screen.getByTestId("board-advisor-4").textContent).toContain("接待 08:30–10:00");
    expect(screen.getByTestId("board-slot-08:30")).toBeTruthy();
    expect(screen.getByTestId("board-slot-11:30")).toBeTruthy();

    // Each card in its advisor's slot.
    const booked = within(screen.getByTestId("board-cell-3-09:00")).getByTestId("appointment-card-101");
    expect(booked.textContent).toContain("王建国");
    expect(booked.textContent).toContain("京A12345");
    expect(booked.textContent).toContain("更换机油");
    expect(booked.textContent).toContain("已预约");
    // The unprepared items are marked on the card.
    expect(within(booked).getByTestId("unprepared").textContent).toBe("待准备：备件、预填工单、顾问在岗");

    const prepared = within(screen.getByTestId("board-cell-4-08:30")).getByTestId("appointment-card-102");
    expect(prepared.textContent).toContain("已准备");
    expect(within(prepared).queryByTestId("unprepared")).toBeNull();
    expect(within(prepared).getByLabelText("已承诺替换车")).toBeTruthy();
    expect(within(screen.getByTestId("board-cell-3-10:00")).getByTestId("appointment-card-103").textContent).toContain(
      "已取消",
    );

    // Outside 赵磊's hours the cells are greyed and offer nothing.
    const off = screen.getByTestId("board-cell-4-10:30");
    expect(off.className).toContain("cell-off");
    expect(off.getAttribute("role")).not.toBe("button");
    expect(screen.getByTestId("board-cell-3-10:30").getAttribute("role")).toBe("button");

    // Over capacity: the load is red.
    const load = screen.getByTestId(`load-${TOMORROW}`);
    expect(load.className).toContain("load-over");
    expect(load.getAttribute("data-percent")).toBe("109");
    expect(within(screen.getByTestId("board-load")).getByText("已约 70 / 产能 64 工时")).toBeTruthy();
  });

  it("opens the booking form on an empty future cell, with that advisor and time", async () => {
    mockCommands({
      appointment_board: ({ from }) => tomorrowBoard(from as string),
      service_staff: () => STAFF,
    });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_advisor"));
    await userEvent.click(await screen.findByTestId("board-next"));
    await screen.findByTestId("appointment-card-101");

    // A taken cell does not book: clicking the card opens the appointment instead.
    expect(screen.getByTestId("board-cell-3-09:00").getAttribute("role")).not.toBe("button");

    await userEvent.click(screen.getByTestId("board-cell-3-10:30"));
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-advisor").textContent).toContain("李娜");
    expect(within(form).getByTestId("booking-slot").textContent).toContain("10:30");
    expect((within(form).getByTestId("booking-date") as HTMLInputElement).value).toBe(TOMORROW);
  });

  it("shows a reader the board without booking, settings or clickable cells", async () => {
    mockCommands({
      appointment_board: ({ from }) => tomorrowBoard(from as string),
      service_staff: () => STAFF,
    });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("technician"));
    await userEvent.click(await screen.findByTestId("board-next"));
    await screen.findByTestId("appointment-card-101");
    expect(screen.queryByTestId("book-appointment")).toBeNull();
    expect(screen.queryByTestId("schedule-settings")).toBeNull();
    expect(screen.getByTestId("board-cell-3-10:30").getAttribute("role")).not.toBe("button");
  });

  it("offers booking and the schedule settings to the roles that may", async () => {
    mockCommands({ appointment_board: ({ from }) => tomorrowBoard(from as string), service_staff: () => STAFF });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_manager"));
    expect(await screen.findByTestId("book-appointment")).toBeTruthy();
    expect(screen.getByTestId("schedule-settings")).toBeTruthy();
  });

  it("shows the week from Monday with each day's appointments and load, and the show rate of past days", async () => {
    const monday = "2026-11-16";
    const calls = mockCommands({
      appointment_board: ({ from, days }) =>
        board({
          from: from as string,
          days: days as number,
          visits: [
            visitSummary({ id: 201, appointmentAt: "2026-11-18T09:00:00", state: "handed_over", unprepared: [] }),
            visitSummary({ id: 202, appointmentAt: "2026-11-18T10:00:00", state: "no_show", customerName: "孙丽" }),
            visitSummary({ id: 203, appointmentAt: `${TODAY}T11:00:00`, state: "received", advisorId: 4, advisorName: "赵磊" }),
          ],
          load: Array.from({ length: 7 }, (_, i) => ({
            date: `2026-11-${16 + i}`,
            bookedMinutes: i === 2 ? 120 : 0,
            capacityMinutes: 3840,
          })),
          showRates: [
            { date: "2026-11-18", advisorId: 3, booked: 2, shown: 1, noShows: 1 },
            { date: TODAY, advisorId: 4, booked: 1, shown: 1, noShows: 0 },
          ],
          showRateToDate: [
            { advisorId: 3, booked: 2, shown: 1, noShows: 1, rate: { part: 1, whole: 2, percent: 50 } },
            { advisorId: 4, booked: 1, shown: 1, noShows: 0, rate: { part: 1, whole: 1, percent: 100 } },
          ],
        }),
      service_staff: () => STAFF,
    });
    await renderIn("en", <AppointmentsModule lang="en" request={null} />, serviceSession("service_advisor"));
    await screen.findByTestId("board-grid");

    await userEvent.click(within(screen.getByTestId("board-view")).getByTestId("board-view-week"));
    await screen.findByTestId("week-grid");
    expect(calls.filter((c) => c.cmd === "appointment_board").at(-1)?.args).toEqual({ from: monday, days: 7 });

    const wednesday = screen.getByTestId("week-day-2026-11-18");
    expect(within(wednesday).getByText("Wed 18 Nov")).toBeTruthy();
    const card = within(wednesday).getByTestId("appointment-card-201");
    expect(card.textContent).toContain("09:00");
    expect(card.textContent).toContain("李娜");
    expect(card.textContent).toContain("王建国");
    expect(card.textContent).toContain("京A12345");
    expect(within(wednesday).getByTestId("load-2026-11-18").textContent).toContain("2 of 64 hours booked");

    const rates = screen.getByTestId("show-rates");
    expect(within(rates).getByTestId("show-rate-3").textContent).toContain("50.0%");
    expect(within(rates).getByTestId("show-rate-4").textContent).toContain("100.0%");

    // A day's header opens its day view.
    await userEvent.click(within(wednesday).getByRole("button", { name: /Wed 18 Nov/ }));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "appointment_board").at(-1)?.args).toEqual({ from: "2026-11-18", days: 1 }),
    );
  });

  it("shows no show rate for days still to come", async () => {
    mockCommands({ appointment_board: ({ from }) => tomorrowBoard(from as string), service_staff: () => STAFF });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_advisor"));
    await screen.findByTestId("board-grid");
    expect(screen.getByTestId("show-rates")).toBeTruthy();
    await userEvent.click(screen.getByTestId("board-next"));
    await screen.findByTestId("appointment-card-101");
    expect(screen.queryByTestId("show-rates")).toBeNull();
  });
});
