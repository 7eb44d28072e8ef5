import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { CallDetail } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands } from "../test/fixtures";
import { renderIn } from "../test/render";
import { type Destination, NavigationContext } from "../shell/navigation";
import { pageHandlers, visit } from "../visits/testing";
import { VisitPage } from "../visits/VisitPage";
import { detail, followUpSession } from "./testing";

const surveyed = (): CallDetail =>
  detail(
    {
      survey: {
        version: 3,
        answers: [
          { key: "friendliness", value: 2 },
          { key: "quality", value: 4 },
          { key: "recommend", value: 0 },
        ],
        comment: "",
        flagged: false,
        csi: 4750,
      },
      attempts: [{ outcome: "reached", at: "2026-11-23T02:00:00Z", by: "周燕", note: "" }],
      complaintNumber: "TS20261123-001",
    },
    { status: "completed", due: "closed", attempts: 1, lastOutcome: "reached", csi: 4750, complaintId: 12 },
  );

describe("the follow-up call on a visit's page", () => {
  it("shows the advisor the call's status, index, answers and complaint", async () => {
    const moves: Destination[] = [];
    const calls = mockCommands({
      ...pageHandlers(() => visit({ state: "followed_up" })),
      visit_follow_up: () => surveyed(),
    });
    await renderIn(
      "zh-CN",
      <NavigationContext.Provider value={(d) => moves.push(d)}>
        <VisitPage visitId={7} lang="zh-CN" />
      </NavigationContext.Provider>,
      followUpSession("service_advisor", 2),
    );
    const card = await screen.findByTestId("visit-followup");
    await within(card).findByTestId("visit-followup-csi");
    expect(calls.find((c) => c.cmd === "visit_follow_up")?.args).toEqual({ id: 7 });
    expect(screen.getByTestId("visit-followup-status").getAttribute("data-status")).toBe("completed");
    expect(screen.getByTestId("visit-followup-attempts").textContent).toBe("1");
    expect(screen.getByTestId("visit-followup-csi").textContent).toBe("47.5");
    expect(screen.getByTestId("visit-followup-answer-recommend").textContent).toContain("否");
    expect(screen.getByTestId("visit-followup-complaint").textContent).toContain("TS20261123-001");
    await userEvent.click(screen.getByTestId("visit-followup-complaint-open"));
    await userEvent.click(screen.getByTestId("visit-followup-open"));
    expect(moves).toEqual([
      { module: "complaints", complaintId: 12 },
      { module: "followup", callId: 41 },
    ]);
  });

  it("is not shown to a role that does not read satisfaction", async () => {
    const calls = mockCommands({ ...pageHandlers(() => visit({ state: "handed_over" })) });
    await renderIn("zh-CN", <VisitPage visitId={7} lang="zh-CN" />, followUpSession("technician", 4));
    await screen.findByTestId("visit-number");
    expect(screen.queryByTestId("visit-followup")).toBeNull();
    expect(calls.some((c) => c.cmd === "visit_follow_up")).toBe(false);
  });

  it("shows an attempt made on the follow-up desk without a click", async () => {
    let attempts = 0;
    mockCommands({
      ...pageHandlers(() => visit({ state: "handed_over" })),
      visit_follow_up: () =>
        detail(
          { attempts: attempts ? [{ outcome: "no_answer", at: "2026-11-23T02:00:00Z", by: "周燕", note: "" }] : [] },
          { attempts, ...(attempts ? { lastOutcome: "no_answer", callerId: 8, callerName: "周燕" } : {}) },
        ),
    });
    await renderIn("zh-CN", <VisitPage visitId={7} lang="zh-CN" />, followUpSession("service_advisor", 2));
    expect((await screen.findByTestId("visit-followup-attempts")).textContent).toBe("0");

    attempts = 1;
    await emit(CHANGES_EVENT, { changes: [{ kind: "follow_up", id: 41 }], everything: false });
    await waitFor(() => expect(screen.getByTestId("visit-followup-attempts").textContent).toBe("1"));
    expect(within(screen.getByTestId("visit-followup")).getByText("周燕")).toBeTruthy();
  });
});
