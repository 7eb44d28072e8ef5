import { QueryClient } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppointmentsModule } from "../appointments/AppointmentsModule";
import { NOW, STAFF, TODAY, board, serviceSession, visitSummary } from "../appointments/fixtures";
import type { ChangeBatch, ChangeKind } from "../bindings";
import { mockCommands } from "../test/fixtures";
import { CallList } from "../followup/CallList";
import { call, followUpSession } from "../followup/testing";
import { renderIn } from "../test/render";
import { board as workshopBoard, visitSession } from "../visits/testing";
import { WorkshopBoard } from "../visits/WorkshopBoard";
import { CHANGES_EVENT, applyChanges } from ".";

/** A cache holding one read of each key, none of them stale yet. */
function cacheOf(...entries: { key: unknown[]; kinds?: ChangeKind[] }[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const { key, kinds } of entries) {
    client.getQueryCache().build(client, { queryKey: key, meta: kinds ? { kinds } : undefined });
    client.setQueryData(key, "read");
  }
  return client;
}

const stale = (client: QueryClient, key: unknown[]) => client.getQueryState(key)?.isInvalidated;

function batch(...kinds: ChangeKind[]): ChangeBatch {
  return { changes: kinds.map((kind) => ({ kind, id: 1 })), everything: false };
}

describe("a batch of changes", () => {
  it("marks stale the reads of its kinds, and those that name them, and no other", async () => {
    const client = cacheOf(
      { key: ["visit", "appointment-board", TODAY, 1], kinds: ["customer"] },
      { key: ["complaint", "list"] },
      { key: ["customer", 7] },
    );
    await applyChanges(client, batch("customer"));
    expect(stale(client, ["visit", "appointment-board", TODAY, 1])).toBe(true);
    expect(stale(client, ["customer", 7])).toBe(true);
    expect(stale(client, ["complaint", "list"])).toBe(false);
  });

  it("marks everything stale when the desk may have missed some", async () => {
    const client = cacheOf({ key: ["visit", "x"] }, { key: ["campaign", 3] });
    await applyChanges(client, { changes: [], everything: true });
    expect(stale(client, ["visit", "x"])).toBe(true);
    expect(stale(client, ["campaign", 3])).toBe(true);
  });
});

describe("the appointment board, live", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows a booking made on another desk when the backend says visits changed, without a click", async () => {
    const booked = visitSummary({ id: 201, customerName: "孙丽", appointmentAt: `${TODAY}T14:00:00` });
    let visits = [visitSummary({ appointmentAt: `${TODAY}T09:00:00` })];
    const calls = mockCommands({
      appointment_board: ({ from }) => board({ from: from as string, visits }),
      service_staff: () => STAFF,
    });
    await renderIn("zh-CN", <AppointmentsModule lang="zh-CN" request={null} />, serviceSession("service_advisor"));
    await screen.findByTestId("appointment-card-101");
    const reads = () => calls.filter((c) => c.cmd === "appointment_board").length;
    const before = reads();

    // A complaint elsewhere is not the board's business.
    await emit(CHANGES_EVENT, batch("complaint"));
    // Another desk books 14:00.
    visits = [...visits, booked];
    await emit(CHANGES_EVENT, batch("visit"));
    await screen.findByTestId("appointment-card-201");
    await waitFor(() => expect(reads()).toBe(before + 1));
  });
});

describe("the workshop board, live", () => {
  it("reads itself again when a visit changes on any desk", async () => {
    const calls = mockCommands({
      workshop_board: () => workshopBoard([]),
    });
    await renderIn("en", <WorkshopBoard lang="en" onOpenVisit={vi.fn()} />, visitSession("technician"));
    const reads = () => calls.filter((c) => c.cmd === "workshop_board").length;
    await waitFor(() => expect(reads()).toBe(1));

    await emit(CHANGES_EVENT, batch("campaign"));
    await emit(CHANGES_EVENT, batch("visit"));
    await waitFor(() => expect(reads()).toBe(2));
    await emit(CHANGES_EVENT, { changes: [], everything: true });
    await waitFor(() => expect(reads()).toBe(3));
  });
});

describe("the call list, live", () => {
  it("shows a call taken on another desk with its caller, without a click", async () => {
    let taken = false;
    const calls = mockCommands({
      follow_up_calls: () => [
        call({ id: 41, row: 1, customerName: "王建国", ...(taken ? { callerId: 8, callerName: "孙丽" } : {}) }),
      ],
      follow_up_callers: () => [{ id: 8, name: "孙丽", role: "follow_up" }],
      service_staff: () => [],
    });
    await renderIn("zh-CN", <CallList lang="zh-CN" onOpen={vi.fn()} />, followUpSession("follow_up"));
    await screen.findByText("王建国");
    expect(screen.queryByText("孙丽")).toBeNull();
    const reads = () => calls.filter((c) => c.cmd === "follow_up_calls").length;
    const before = reads();

    taken = true;
    await emit(CHANGES_EVENT, batch("follow_up"));
    await screen.findByText("孙丽");
    expect(reads()).toBe(before + 1);
  });
});
