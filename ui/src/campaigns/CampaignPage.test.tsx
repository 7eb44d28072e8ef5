import { screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Campaign, ChangeBatch, ChangeKind, Invitation, Role } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { CampaignPage, type CampaignTab } from "./CampaignPage";
import { CampaignsModule } from "./CampaignsModule";
import { campaign, campaignSession, customerSummary, draw, guests, invitation, results } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

/** What the backend tells every desk after another desk committed changes of `kinds`. */
async function changedElsewhere(...kinds: ChangeKind[]) {
  const batch: ChangeBatch = { changes: kinds.map((kind) => ({ kind, id: null })), everything: false };
  await emit(CHANGES_EVENT, batch);
}

async function renderPage(shown: Campaign, role: Role, extra: Record<string, Handler> = {}, startTab?: CampaignTab) {
  const calls = mockCommands({
    get_campaign: () => shown,
    campaign_invitations: () => guests(),
    campaign_draws: () => [],
    campaign_results: () => results(),
    ...extra,
  });
  await renderIn("zh-CN", <CampaignPage campaignId={shown.id} lang="zh-CN" startTab={startTab} />, campaignSession(role, 1));
  await screen.findByTestId("campaign-tab-plan");
  return calls;
}

describe("the campaign list", () => {
  it("lists the campaigns and opens one from its row", async () => {
    mockCommands({
      list_campaigns: () => [
        { id: 5, theme: "随心驾驭，安全随行", startsOn: "2026-09-28", endsOn: "2026-09-30", status: "planned", invited: 120, attended: 0, plannedBudget: 1100000 },
      ],
      get_campaign: () => campaign({ status: "planned" }),
    });
    await renderIn("zh-CN", <CampaignsModule lang="zh-CN" request={null} />, campaignSession("follow_up", 1));
    const row = await screen.findByTestId("campaign-row-5");
    expect(row.tagName).toBe("TD");
    const tr = row.closest("tr") as HTMLElement;
    expect(tr.textContent).toContain("已批准");
    expect(tr.textContent).toContain("120 / 0");
    expect(tr.textContent).toContain("¥11,000.00");
    // Follow-up staff work campaigns; they do not plan them.
    expect(screen.queryByTestId("campaigns-new")).toBeNull();
    await userEvent.click(row);
    expect((await screen.findByTestId("campaign-page")).getAttribute("data-status")).toBe("planned");
  });
});

describe("a campaign's page", () => {
  it("offers the manager the status moves of its status, and prints its papers", async () => {
    // The backend as it stands: a status moved is what the campaign is read as afterwards.
    let stored = campaign({ status: "planned" });
    const calls = await renderPage(stored, "service_manager", {
      get_campaign: () => stored,
      set_campaign_status: (args) => (stored = campaign({ status: args.status as Campaign["status"] })),
      print_campaign: (args) => ({ path: `/data/prints/campaign-5-${String(args.paper)}.pdf`, bytes: 30720 }),
    });
    expect(screen.getByTestId("campaign-status-running")).toBeTruthy();
    expect(screen.getByTestId("campaign-status-draft")).toBeTruthy();
    expect(screen.queryByTestId("campaign-status-finished")).toBeNull();
    expect(screen.queryByTestId("campaign-status-planned")).toBeNull();
    await userEvent.click(screen.getByTestId("campaign-status-running"));
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-status")).toBe("running"));
    expect(calls.find((c) => c.cmd === "set_campaign_status")?.args).toEqual({ id: 5, status: "running" });
    expect(screen.getByTestId("campaign-status-finished")).toBeTruthy();

    await userEvent.click(screen.getByTestId("campaign-print-budget"));
    expect((await screen.findByTestId("printed-path")).textContent).toBe("/data/prints/campaign-5-budget.pdf");
    expect(calls.find((c) => c.cmd === "print_campaign")?.args).toEqual({ id: 5, paper: "budget", language: "zh-CN" });
  });

  it("shows a follow-up caller the plan read-only, without the status moves", async () => {
    await renderPage(campaign({ status: "planned" }), "follow_up");
    expect(await screen.findByTestId("campaign-plan-view")).toBeTruthy();
    expect(screen.queryByTestId("campaign-save")).toBeNull();
    expect(screen.queryByTestId("campaign-theme")).toBeNull();
    for (const status of ["draft", "planned", "running", "finished"]) {
      expect(screen.queryByTestId(`campaign-status-${status}`)).toBeNull();
    }
    // The backend's figures, as for the manager.
    expect(screen.getByTestId("budget-total").getAttribute("data-fen")).toBe("612800");
    expect(screen.getByTestId("budget-1-amount").getAttribute("data-fen")).toBe("400000");
    expect(screen.getByTestId("campaign-print-invitations")).toBeTruthy();
  });
});

describe("the guests", () => {
  it("records an answer with its note from the row's buttons", async () => {
    const answered = invitation({ rsvp: "yes", rsvpBy: "周燕", rsvpAt: "2026-09-21T02:00:00Z", rsvpNote: "带家人" });
    let list = guests();
    const calls = await renderPage(
      campaign({ status: "planned" }),
      "follow_up",
      {
        campaign_invitations: () => list,
        record_rsvp: () => {
          list = list.map((g) => (g.id === answered.id ? answered : g));
          return answered;
        },
      },
      "guests",
    );
    const first = await screen.findByTestId("guest-row-1");
    expect(first.tagName).toBe("TD");
    expect(first.getAttribute("data-invitation-id")).toBe("71");
    expect(first.getAttribute("data-rsvp")).toBe("pending");
    expect(first.getAttribute("data-customer-id")).toBe("1");
    expect(screen.getByTestId("guests-count-invited").getAttribute("data-value")).toBe("3");
    expect(screen.getByTestId("guests-count-not-reached").getAttribute("data-value")).toBe("1");

    await userEvent.type(screen.getByTestId("rsvp-71-note"), "带家人");
    await userEvent.click(screen.getByTestId("rsvp-71-yes"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_rsvp")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_rsvp")?.args).toEqual({ invitationId: 71, rsvp: "yes", note: "带家人" });
    await waitFor(() => expect(screen.getByTestId("guest-row-1").getAttribute("data-rsvp")).toBe("yes"));
    expect(screen.getByTestId("guest-row-1").closest("tr")?.textContent).toContain("带家人");
    // The turnout is the backend's: the campaign is read again.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_campaign").length).toBe(2));
  });

  it("filters by answer, and offers no answers before the plan is approved", async () => {
    await renderPage(campaign({ status: "draft" }), "follow_up", {}, "guests");
    await screen.findByTestId("guest-row-1");
    expect(screen.getByTestId("rsvp-71-yes").hasAttribute("disabled")).toBe(true);
    await userEvent.click(screen.getByTestId("guests-filter-yes"));
    await waitFor(() => expect(screen.queryByTestId("guest-row-1")).toBeNull());
    expect(screen.getByTestId("guest-row-2").getAttribute("data-rsvp")).toBe("yes");
  });

  it("shows a technician the list without the answer buttons", async () => {
    await renderPage(campaign({ status: "planned" }), "technician", {}, "guests");
    await screen.findByTestId("guest-row-1");
    expect(screen.queryByTestId("rsvp-71-yes")).toBeNull();
  });
});

describe("the check-in", () => {
  const found = () => [
    customerSummary(),
    customerSummary({ id: 2, name: "李娜", mobile: "13800001111", vehicles: [] }),
    customerSummary({ id: 8, name: "孙强", mobile: "13512345678", vehicles: [{ id: 18, plate: "京A12399", vin: "LFV2A21K8G3000009", brand: "一汽-大众", model: "速腾 Sagitar" }] }),
  ];

  it("says who is invited, already in or not invited, and checks an invited guest in", async () => {
    let list = guests();
    const calls = await renderPage(campaign({ status: "running" }), "service_advisor", {
      search_customers: () => found(),
      campaign_invitations: () => list,
      check_in_guest: () => {
        const guest = invitation({ checkedInAt: "2026-09-28T02:00:00Z", checkedInBy: "王丽" });
        list = list.map((g) => (g.id === guest.id ? guest : g));
        return guest;
      },
    }, "checkin");
    expect(screen.getByTestId("checkin-count").getAttribute("data-value")).toBe("1");
    await userEvent.type(screen.getByTestId("checkin-search"), "A123");
    await screen.findByTestId("checkin-result-8");
    expect(calls.find((c) => c.cmd === "search_customers")?.args).toEqual({
      query: { text: "A123", includeArchived: false, leadsOnly: false, limit: 20 },
    });
    expect(screen.getByTestId("checkin-result-1").getAttribute("data-state")).toBe("invited");
    expect(screen.getByTestId("checkin-result-2").getAttribute("data-state")).toBe("checked_in");
    expect(screen.getByTestId("checkin-result-8").getAttribute("data-state")).toBe("not_invited");
    expect(screen.queryByTestId("checkin-2")).toBeNull();
    expect(screen.queryByTestId("checkin-walkin-2")).toBeNull();
    expect(screen.queryByTestId("checkin-walkin-1")).toBeNull();

    await userEvent.click(screen.getByTestId("checkin-1"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "check_in_guest")).toBe(true));
    expect(calls.find((c) => c.cmd === "check_in_guest")?.args).toEqual({ id: 5, customerId: 1, walkIn: false });
    await waitFor(() => expect(screen.getByTestId("checkin-result-1").getAttribute("data-state")).toBe("checked_in"));
  });

  it("lets someone not invited in only as a walk-in guest, after the confirm", async () => {
    let list = guests();
    const calls = await renderPage(campaign({ status: "running" }), "follow_up", {
      search_customers: () => found(),
      campaign_invitations: () => list,
      check_in_guest: () => {
        const guest = invitation({ id: 80, row: 4, customerId: 8, customerName: "孙强", arrival: "walk_in", checkedInAt: "2026-09-28T02:10:00Z" });
        list = [...list, guest];
        return guest;
      },
    }, "checkin");
    await userEvent.type(screen.getByTestId("checkin-search"), "孙强");
    await userEvent.click(await screen.findByTestId("checkin-walkin-8"));
    const ok = await screen.findByTestId("checkin-walkin-confirm");
    expect(calls.some((c) => c.cmd === "check_in_guest")).toBe(false);
    await userEvent.click(ok);
    await waitFor(() => expect(calls.some((c) => c.cmd === "check_in_guest")).toBe(true));
    expect(calls.find((c) => c.cmd === "check_in_guest")?.args).toEqual({ id: 5, customerId: 8, walkIn: true });
    await waitFor(() => expect(screen.getByTestId("checkin-result-8").getAttribute("data-state")).toBe("checked_in"));
    expect(screen.getByTestId("checkin-arrivals").textContent).toContain("临时来宾");
  });

  it("offers no check-in before the event runs", async () => {
    await renderPage(campaign({ status: "planned" }), "follow_up", { search_customers: () => found() }, "checkin");
    await userEvent.type(screen.getByTestId("checkin-search"), "A123");
    await screen.findByTestId("checkin-result-1");
    expect(screen.queryByTestId("checkin-1")).toBeNull();
    expect(screen.getByTestId("checkin-closed")).toBeTruthy();
  });
});

describe("the lottery", () => {
  const waiting = (): Invitation[] => [
    ...guests(),
    invitation({ id: 74, row: 4, customerId: 4, customerName: "钱芳", checkedInAt: "2026-09-28T02:00:00Z", rsvp: "yes" }),
  ];

  it("draws for a checked-in attendee and shows the prize big", async () => {
    let drawn = false;
    const calls = await renderPage(campaign({ status: "running" }), "follow_up", {
      campaign_invitations: () => (drawn ? waiting().map((g) => (g.id === 72 ? { ...g, prize: "1000 元保养工时卡" } : g)) : waiting()),
      draw_prize: () => {
        drawn = true;
        return draw();
      },
      campaign_draws: () => (drawn ? [draw()] : []),
    }, "lottery");
    expect(screen.getByTestId("prize-left-31").getAttribute("data-value")).toBe("2");
    expect(screen.getByTestId("prize-left-32").getAttribute("data-value")).toBe("7");
    await screen.findByTestId("draw-74");
    // Not checked in: no draw.
    expect(screen.queryByTestId("draw-71")).toBeNull();
    await userEvent.click(screen.getByTestId("draw-72"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "draw_prize")?.args).toEqual({ invitationId: 72 }));
    expect((await screen.findByTestId("draw-result")).textContent).toContain("1000 元保养工时卡");
    await waitFor(() => expect(within(screen.getByTestId("draws-table")).getByText("周燕")).toBeTruthy());
    await waitFor(() => expect(screen.queryByTestId("draw-72")).toBeNull());
  });

  it("says plainly when the stock is empty", async () => {
    await renderPage(campaign({ status: "running" }), "follow_up", {
      campaign_invitations: () => waiting(),
      draw_prize: () => {
        throw refusal([{ kind: "out_of_range", field: "prizes", message: "every prize has been drawn: the stock is empty" }]);
      },
    }, "lottery");
    await userEvent.click(await screen.findByTestId("draw-74"));
    expect((await screen.findByTestId("draw-error")).textContent).toBe("所有奖品都已抽完，库存为空");
    expect(screen.queryByTestId("draw-result")).toBeNull();
  });

  it("says when an attendee has already drawn", async () => {
    await renderPage(campaign({ status: "running" }), "follow_up", {
      campaign_invitations: () => waiting(),
      draw_prize: () => {
        throw refusal([{ kind: "duplicate", field: "invitationId", message: "this attendee has already drawn" }]);
      },
    }, "lottery");
    await userEvent.click(await screen.findByTestId("draw-74"));
    expect((await screen.findByTestId("draw-error")).textContent).toContain("已经抽过奖");
  });
});

describe("the results", () => {
  it("shows the backend's figures with their raw values, and the turnout as bars", async () => {
    await renderPage(campaign({ status: "finished" }), "technician", {}, "results");
    const invited = await screen.findByTestId("results-invited");
    expect(invited.getAttribute("data-value")).toBe("120");
    expect(screen.getByTestId("results-confirmed").getAttribute("data-value")).toBe("64");
    expect(screen.getByTestId("results-attended").getAttribute("data-value")).toBe("52");
    expect(screen.getByTestId("results-orders").getAttribute("data-value")).toBe("18");
    expect(screen.getByTestId("results-revenue").getAttribute("data-value")).toBe("4560000");
    expect(screen.getByTestId("results-revenue").textContent).toBe("¥45,600.00");
    expect(screen.getByTestId("results-cost-per-attendee").getAttribute("data-value")).toBe("25000");
    expect(screen.getByTestId("results-return").getAttribute("data-value")).toBe("351");
    expect(screen.getByTestId("results-return").textContent).toBe("351%");
    // The chart carries the figures it draws (what it draws: charts/options.test.ts).
    expect(screen.getByTestId("results-chart").getAttribute("data-value")).toBe("120,64,52,18");
  });

  it("shows no cost per attendee before anyone attended", async () => {
    await renderPage(campaign(), "service_manager", {
      campaign_results: () => results({ attended: 0, walkIns: 0, costPerAttendee: undefined, returnPercent: undefined, cost: 0 }),
    }, "results");
    const each = await screen.findByTestId("results-cost-per-attendee");
    expect(each.getAttribute("data-value")).toBe("");
    expect(each.textContent).toBe("—");
  });
});

describe("the campaign, live", () => {
  const checkedIn = (g: Invitation): Invitation => ({ ...g, checkedInAt: "2026-09-28T02:20:00Z", checkedInBy: "王丽" });

  it("shows on the lottery desk a guest checked in at another desk, and the stock and draws of another desk, without a click", async () => {
    let list = guests();
    let shown = campaign({ status: "running" });
    let draws = [draw()];
    const calls = await renderPage(shown, "follow_up", {
      get_campaign: () => shown,
      campaign_invitations: () => list,
      campaign_draws: () => draws,
    }, "lottery");
    await screen.findByTestId("draw-72");
    expect(screen.queryByTestId("draw-71")).toBeNull();
    expect(screen.getByTestId("prize-left-32").getAttribute("data-value")).toBe("7");
    const reads = () => calls.filter((c) => c.cmd === "campaign_invitations").length;
    const before = reads();

    // Nothing of the campaigns': the lists stay as read.
    await changedElsewhere("complaint");
    // The check-in desk lets 张伟 in; another lottery desk draws a tool kit for 李娜.
    list = list.map((g) => (g.id === 71 ? checkedIn(g) : g.id === 72 ? { ...g, prize: "应急工具包" } : g));
    shown = campaign({
      status: "running",
      prizes: [shown.prizes[0], { ...shown.prizes[1], drawn: 4 }],
    });
    draws = [draw({ id: 92, prizeId: 32, prizeName: "应急工具包", operator: "孙丽" })];
    await changedElsewhere("campaign");

    await screen.findByTestId("draw-71");
    await waitFor(() => expect(screen.queryByTestId("draw-72")).toBeNull());
    await waitFor(() => expect(screen.getByTestId("prize-left-32").getAttribute("data-value")).toBe("6"));
    await waitFor(() => expect(within(screen.getByTestId("draws-table")).getByText("孙丽")).toBeTruthy());
    expect(reads()).toBe(before + 1);
  });

  it("counts on the check-in desk the guests let in at another desk, and the page follows a status moved there", async () => {
    let list = guests();
    let shown = campaign({ status: "running" });
    await renderPage(shown, "service_advisor", {
      get_campaign: () => shown,
      campaign_invitations: () => list,
    }, "checkin");
    expect(screen.getByTestId("checkin-count").getAttribute("data-value")).toBe("1");
    expect((await screen.findByTestId("checkin-arrivals")).textContent).not.toContain("张伟");

    list = list.map((g) => (g.id === 71 ? checkedIn(g) : g));
    shown = campaign({ status: "running", turnout: { ...shown.turnout, attended: 2 } });
    await changedElsewhere("campaign");
    await waitFor(() => expect(screen.getByTestId("checkin-count").getAttribute("data-value")).toBe("2"));
    await waitFor(() => expect(screen.getByTestId("checkin-arrivals").textContent).toContain("张伟"));

    // The manager closes the event on another desk: the check-in closes here.
    shown = campaign({ status: "finished", turnout: shown.turnout });
    await changedElsewhere("campaign");
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-status")).toBe("finished"));
    expect(screen.getByTestId("campaign-status").getAttribute("data-status")).toBe("finished");
    expect(await screen.findByTestId("checkin-closed")).toBeTruthy();
  });

  it("shows the guests' answers taken at another desk, and a customer renamed there", async () => {
    let list = guests();
    let shown = campaign({ status: "planned" });
    await renderPage(shown, "follow_up", {
      get_campaign: () => shown,
      campaign_invitations: () => list,
    }, "guests");
    expect((await screen.findByTestId("guest-row-3")).getAttribute("data-rsvp")).toBe("not_reached");

    list = list.map((g) => (g.id === 73 ? { ...g, rsvp: "yes", rsvpBy: "周燕" } : g));
    shown = campaign({ status: "planned", turnout: { ...shown.turnout, yes: 2, notReached: 0 } });
    await changedElsewhere("campaign");
    await waitFor(() => expect(screen.getByTestId("guest-row-3").getAttribute("data-rsvp")).toBe("yes"));
    await waitFor(() => expect(screen.getByTestId("guests-count-yes").getAttribute("data-value")).toBe("2"));

    list = list.map((g) => (g.id === 73 ? { ...g, customerName: "赵磊磊" } : g));
    await changedElsewhere("customer");
    await waitFor(() => expect(screen.getByTestId("guest-row-3").closest("tr")?.textContent).toContain("赵磊磊"));
  });

  it("reads the results again when the attendees' visits change", async () => {
    let figures = results();
    await renderPage(campaign({ status: "finished" }), "technician", { campaign_results: () => figures }, "results");
    expect((await screen.findByTestId("results-orders")).getAttribute("data-value")).toBe("18");
    figures = results({ repairOrders: 19, revenue: 4_700_000 });
    await changedElsewhere("visit");
    await waitFor(() => expect(screen.getByTestId("results-orders").getAttribute("data-value")).toBe("19"));
    expect(screen.getByTestId("results-revenue").getAttribute("data-value")).toBe("4700000");
  });

  it("lists a campaign planned at another desk, and the turnout there", async () => {
    const row = (over: Record<string, unknown> = {}) => ({
      id: 5, theme: "随心驾驭，安全随行", startsOn: "2026-09-28", endsOn: "2026-09-30", status: "running", invited: 120, attended: 3, plannedBudget: 1100000, ...over,
    });
    let rows = [row()];
    mockCommands({ list_campaigns: () => rows });
    await renderIn("zh-CN", <CampaignsModule lang="zh-CN" request={null} />, campaignSession("follow_up", 1));
    expect((await screen.findByTestId("campaign-turnout-5")).textContent).toBe("120 / 3");
    rows = [row({ id: 6, theme: "冬季关爱", status: "draft", invited: 0, attended: 0 }), row({ attended: 4 })];
    await changedElsewhere("campaign");
    await screen.findByTestId("campaign-row-6");
    await waitFor(() => expect(screen.getByTestId("campaign-turnout-5").textContent).toBe("120 / 4"));
  });

  it("says when the campaign cannot be read, and reads it again on Retry", async () => {
    let down = true;
    mockCommands({
      get_campaign: () => {
        if (down) throw refusal([{ kind: "internal", message: "the database is not reachable" }]);
        return campaign();
      },
    });
    await renderIn("zh-CN", <CampaignPage campaignId={5} lang="zh-CN" />, campaignSession("follow_up", 1));
    const retry = await screen.findByTestId("read-retry");
    down = false;
    await userEvent.click(retry);
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-status")).toBe("draft"));
  });
});

describe("exporting a campaign's guests and results", () => {
  it("exports the guests of the answer filtered for a manager", async () => {
    const shown = campaign({ status: "planned" });
    const calls = await renderPage(
      shown,
      "service_manager",
      { export_campaign_guests: () => ({ path: "/home/chen/邀约名单.xlsx", rows: 1 }) },
      "guests",
    );
    await screen.findByTestId("guest-row-1");
    await userEvent.click(screen.getByTestId("guests-export"));
    expect(await screen.findByText("已导出 1 位来宾到 /home/chen/邀约名单.xlsx")).toBeTruthy();
    await userEvent.click(screen.getByTestId("guests-filter-yes"));
    await waitFor(() => expect(screen.queryByTestId("guest-row-1")).toBeNull());
    await userEvent.click(screen.getByTestId("guests-export"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "export_campaign_guests")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "export_campaign_guests").map((c) => c.args)).toEqual([
      { id: shown.id, rsvp: null, language: "zh-CN" },
      { id: shown.id, rsvp: "yes", language: "zh-CN" },
    ]);
  });

  it("exports the results for a manager", async () => {
    const shown = campaign({ status: "finished" });
    const calls = await renderPage(
      shown,
      "service_manager",
      { export_campaign_results: () => ({ path: "/home/chen/活动效果.xlsx", rows: 13 }) },
      "results",
    );
    await screen.findByTestId("results-invited");
    await userEvent.click(screen.getByTestId("results-export"));
    expect(await screen.findByText("已导出活动效果（13 项）到 /home/chen/活动效果.xlsx")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "export_campaign_results").map((c) => c.args)).toEqual([
      { id: shown.id, language: "zh-CN" },
    ]);
  });

  it("offers an advisor no export of the guests or the results", async () => {
    await renderPage(campaign({ status: "finished" }), "service_advisor", {}, "guests");
    await screen.findByTestId("guest-row-1");
    expect(screen.queryByTestId("guests-export")).toBeNull();
    await userEvent.click(screen.getByTestId("campaign-tab-results"));
    await screen.findByTestId("results-invited");
    expect(screen.queryByTestId("results-export")).toBeNull();
  });
});
