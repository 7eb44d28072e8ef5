import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { ChangeKind, ComplaintAlerts } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands } from "../test/fixtures";
import { renderIn } from "../test/render";
import { useComplaintAlerts } from "./alerts";
import { complaintSession } from "./testing";

const changedElsewhere = (kind: ChangeKind) => emit(CHANGES_EVENT, { changes: [{ kind, id: 5 }], everything: false });

/** The counts as the navigation shows them, and a move in the app. */
function Badge({ manager, opened }: { manager: boolean; opened: number[] }) {
  const [moves, setMoves] = useState(0);
  const alerts = useComplaintAlerts(moves, manager, (id) => opened.push(id));
  return (
    <div>
      <span data-testid="escalated">{alerts.escalated}</span>
      <span data-testid="from-calls">{alerts.fromCalls}</span>
      <button data-testid="move" onClick={() => setMoves((n) => n + 1)} />
    </div>
  );
}

describe("the complaints' alerts", () => {
  it("count again when a complaint changes on another desk, and tell the manager what a check raised", async () => {
    let alerts: ComplaintAlerts = { escalatedOpen: 1, fromCallsUnassigned: 0, raised: [] };
    const calls = mockCommands({ complaint_alerts: () => alerts });
    const opened: number[] = [];
    await renderIn("zh-CN", <Badge manager opened={opened} />, complaintSession("service_manager", 3));
    await waitFor(() => expect(screen.getByTestId("escalated").textContent).toBe("1"));
    const reads = () => calls.filter((c) => c.cmd === "complaint_alerts").length;
    const before = reads();

    // A visit is not the badge's business.
    await changedElsewhere("visit");
    // The clock escalated a complaint, and a low score opened one nobody has taken.
    alerts = {
      escalatedOpen: 2,
      fromCallsUnassigned: 1,
      raised: [{ complaintId: 7, number: "TS20261122-007", reason: "not_assigned_in_time" }],
    };
    await changedElsewhere("complaint");

    await waitFor(() => expect(screen.getByTestId("escalated").textContent).toBe("2"));
    expect(screen.getByTestId("from-calls").textContent).toBe("1");
    expect(reads()).toBe(before + 1);
    const raised = await screen.findByTestId("complaint-alert-7");
    expect(raised.textContent).toContain("TS20261122-007");
    expect(await screen.findByTestId("complaint-alert-from-calls")).toBeTruthy();
    await userEvent.click(raised);
    expect(opened).toEqual([7]);
  });

  it("count again on a move in the app, and tell no one but the manager", async () => {
    const calls = mockCommands({
      complaint_alerts: () => ({
        escalatedOpen: 1,
        fromCallsUnassigned: 0,
        raised: [{ complaintId: 7, number: "TS20261122-007", reason: "not_assigned_in_time" }],
      }),
    });
    await renderIn("zh-CN", <Badge manager={false} opened={[]} />, complaintSession("service_advisor", 2));
    await waitFor(() => expect(screen.getByTestId("escalated").textContent).toBe("1"));
    const reads = () => calls.filter((c) => c.cmd === "complaint_alerts").length;
    const before = reads();
    await userEvent.click(screen.getByTestId("move"));
    await waitFor(() => expect(reads()).toBe(before + 1));
    expect(screen.queryByTestId("complaint-alert-7")).toBeNull();
  });
});
