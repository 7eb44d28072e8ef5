import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockCommands } from "../test/fixtures";
import { renderIn } from "../test/render";
import { board, summary, visitSession } from "./testing";
import { BOARD_REFRESH_MS, WorkshopBoard, onTimeRate } from "./WorkshopBoard";

describe("the workshop board", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("groups the cards by stage, marks the overdue ones and the extra work awaiting the customer", async () => {
    mockCommands({
      workshop_board: () =>
        board(
          [
            summary({ id: 1, number: "20261122-001", state: "received", promisedAt: "2026-11-22T17:00:00" }),
            summary({
              id: 2,
              number: "20261122-002",
              state: "in_repair",
              overdue: true,
              technicianName: "赵刚",
              extraWorkWaiting: 1,
              promisedAt: "2026-11-22T10:00:00",
            }),
            summary({ id: 3, number: "20261122-003", state: "quality_check", customerName: "李娜" }),
            summary({ id: 4, number: "20261122-004", state: "ready" }),
            summary({ id: 5, number: "20261121-009", state: "handed_over", handedOverAt: "2026-11-22T03:00:00Z" }),
          ],
          { onTimeToday: { handedOver: 4, onTime: 3, rate: { part: 3, whole: 4, percent: 75 } } },
        ),
    });
    const onOpen = vi.fn();
    await renderIn("zh-CN", <WorkshopBoard lang="zh-CN" onOpenVisit={onOpen} />, visitSession("service_advisor"));

    const column = (state: string) => screen.getByTestId(`board-column-${state}`);
    await screen.findByTestId("workshop-card-1");
    expect(within(column("received")).getByTestId("workshop-card-1")).toBeTruthy();
    expect(within(column("in_repair")).getByTestId("workshop-card-2")).toBeTruthy();
    expect(within(column("quality_check")).getByTestId("workshop-card-3").textContent).toContain("李娜");
    expect(within(column("ready")).getByTestId("workshop-card-4")).toBeTruthy();
    expect(within(column("handed_over")).getByTestId("workshop-card-5")).toBeTruthy();
    expect(column("handed_over").querySelectorAll('[data-testid^="workshop-card-"]')).toHaveLength(1);
    expect(column("in_repair").querySelectorAll('[data-testid^="workshop-card-"]')).toHaveLength(1);

    const late = screen.getByTestId("workshop-card-2");
    expect(late.className).toContain("board-card-overdue");
    expect(within(late).getByText("超时")).toBeTruthy();
    expect(within(late).getByTestId("workshop-extra-2").textContent).toBe("1 项增项待客户确认");
    expect(screen.queryByTestId("workshop-extra-1")).toBeNull();
    expect(within(late).getByText(/赵刚/)).toBeTruthy();
    expect(within(screen.getByTestId("workshop-card-1")).queryByText("超时")).toBeNull();
    expect(within(screen.getByTestId("workshop-card-1")).getByText("未派工")).toBeTruthy();

    expect(screen.getByTestId("on-time-today").textContent).toBe("75.0%");
    expect(screen.getByTestId("on-time-30").textContent).toBe("75.0%");
    expect(screen.getByTestId("workshop-load").textContent).toContain("25 / 40 小时");

    await userEvent.click(screen.getByTestId("workshop-card-3"));
    expect(onOpen).toHaveBeenCalledWith(3);
  });

  it("shows — when nothing was handed over, and reads itself again every 60 s and on refresh", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockCommands({ workshop_board: () => board([]) });
    await renderIn("en", <WorkshopBoard lang="en" onOpenVisit={vi.fn()} />, visitSession("technician"));

    await waitFor(() => expect(screen.getByTestId("on-time-today").textContent).toBe("—"));
    expect(screen.getAllByText("No vehicles")).toHaveLength(5);
    const reads = () => calls.filter((c) => c.cmd === "workshop_board").length;
    expect(reads()).toBe(1);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(BOARD_REFRESH_MS);
    });
    await waitFor(() => expect(reads()).toBe(2));

    await act(async () => {
      screen.getByTestId("board-refresh").click();
    });
    await waitFor(() => expect(reads()).toBe(3));
  });

  it("shows the backend's on-time rate in the reports' format", () => {
    expect(onTimeRate({ handedOver: 0, onTime: 0 }, "zh-CN")).toBe("—");
    expect(onTimeRate({ handedOver: 3, onTime: 2, rate: { part: 2, whole: 3, percent: 66.7 } }, "en")).toBe("66.7%");
    expect(onTimeRate({ handedOver: 5, onTime: 5, rate: { part: 5, whole: 5, percent: 100 } }, "zh-CN")).toBe("100.0%");
  });
});
