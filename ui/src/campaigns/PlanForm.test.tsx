import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Campaign, ChangeBatch } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { CampaignsModule } from "./CampaignsModule";
import { CampaignPage } from "./CampaignPage";
import { reachedByOwnWrites } from "../live/edit";
import { campaign, campaignSession } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

async function pick(testId: string, value: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-content, .ant-select-selector") ?? select);
  await userEvent.click(await screen.findByTestId(`option-${value}`));
}

/** A campaign as the backend saves the one line typed below: 1,120 litres at ¥1.90. */
const created = (): Campaign =>
  campaign({
    id: 9,
    activities: [{ kind: "diy_challenge", title: "DIY 挑战", notes: "" }],
    prizes: [{ id: 41, name: "1000 元保养工时卡", stock: 2, drawn: 0, unitValue: 100000 }],
    budgetLines: [{ item: "燃油", quantityCenti: 112000, unitPrice: 190, note: "" }],
    budget: {
      lines: [{ item: "燃油", quantityCenti: 112000, unitPrice: 190, amount: 212800, note: "" }],
      planned: 212800,
      actual: 212800,
      actualLines: 0,
    },
    turnout: { invited: 0, pending: 0, yes: 0, no: 0, maybe: 0, notReached: 0, attended: 0, walkIns: 0, drawn: 0 },
  });

async function renderPage(shown: Campaign, extra: Record<string, Handler> = {}) {
  const calls = mockCommands({ get_campaign: () => shown, ...extra });
  await renderIn("zh-CN", <CampaignPage campaignId={shown.id} lang="zh-CN" />, campaignSession("service_manager", 3));
  await screen.findByTestId("campaign-save");
  return calls;
}

describe("the plan form", () => {
  it("creates a campaign in hundredths and fen, and shows the backend's amounts and totals", async () => {
    const calls = mockCommands({
      list_campaigns: () => [],
      create_campaign: () => created(),
      get_campaign: () => created(),
    });
    await renderIn("zh-CN", <CampaignsModule lang="zh-CN" request={null} />, campaignSession("service_manager", 3));
    await userEvent.click(await screen.findByTestId("campaigns-new"));
    await screen.findByTestId("campaign-save");
    // A new campaign has no totals until the backend computes them.
    expect(screen.getByTestId("budget-total").getAttribute("data-fen")).toBe("");
    expect((screen.getByTestId("campaign-attribution-days") as HTMLInputElement).value).toBe("30");

    await userEvent.type(screen.getByTestId("campaign-theme"), "随心驾驭，安全随行");
    await userEvent.type(screen.getByTestId("campaign-starts"), "2026-09-28{Enter}");
    await userEvent.type(screen.getByTestId("campaign-ends"), "2026-09-30{Enter}");
    await userEvent.click(screen.getByTestId("activity-add"));
    await pick("activity-0-kind", "diy_challenge");
    await userEvent.type(screen.getByTestId("activity-0-title"), "DIY 挑战");
    await userEvent.click(screen.getByTestId("prize-add"));
    await userEvent.type(screen.getByTestId("prize-0-name"), "1000 元保养工时卡");
    await userEvent.type(screen.getByTestId("prize-0-stock"), "2");
    await userEvent.type(screen.getByTestId("prize-0-value"), "1000");
    await userEvent.click(screen.getByTestId("budget-add"));
    await userEvent.type(screen.getByTestId("budget-0-item"), "燃油");
    await userEvent.type(screen.getByTestId("budget-0-quantity"), "1120");
    await userEvent.type(screen.getByTestId("budget-0-price"), "1.9");
    // While typed and not saved: the line's amount is provisional, and marked so.
    await waitFor(() => expect(screen.getByTestId("budget-0-amount").getAttribute("data-fen")).toBe("212800"));
    expect(screen.getByTestId("budget-0-amount").getAttribute("data-provisional")).toBe("true");

    await userEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "create_campaign")).toBe(true));
    expect(calls.find((c) => c.cmd === "create_campaign")?.args).toEqual({
      input: {
        theme: "随心驾驭，安全随行",
        startsOn: "2026-09-28",
        endsOn: "2026-09-30",
        venue: "",
        background: "",
        objectives: "",
        attributionDays: 30,
        activities: [{ kind: "diy_challenge", title: "DIY 挑战", notes: "" }],
        prizes: [{ name: "1000 元保养工时卡", stock: 2, unitValue: 100000 }],
        budget: [{ item: "燃油", quantityCenti: 112000, unitPrice: 190, note: "" }],
      },
    });
    // The page is now the saved campaign's, its figures the backend's.
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-campaign-id")).toBe("9"));
    await waitFor(() => expect(screen.getByTestId("budget-total").getAttribute("data-fen")).toBe("212800"));
    expect(screen.getByTestId("budget-0-amount").getAttribute("data-provisional")).toBeNull();
    expect(screen.getByTestId("budget-0-amount").textContent).toBe("¥2,128.00");
    expect(screen.getByTestId("campaign-page").getAttribute("data-status")).toBe("draft");
  });

  it("keeps each prize's id, sends actual figures beside the planned ones, and shows planned and actual totals", async () => {
    const after = campaign({
      budgetLines: [
        { item: "燃油", quantityCenti: 112000, unitPrice: 190, actualQuantityCenti: 100050, actualUnitPrice: 200, note: "1.9×2×7×8×10" },
        { item: "门票", quantityCenti: 2000, unitPrice: 20000, actualQuantityCenti: 1800, note: "" },
      ],
      budget: {
        lines: [
          { item: "燃油", quantityCenti: 112000, unitPrice: 190, amount: 212800, actualQuantityCenti: 100050, actualUnitPrice: 200, actualAmount: 200100, note: "1.9×2×7×8×10" },
          { item: "门票", quantityCenti: 2000, unitPrice: 20000, amount: 400000, actualQuantityCenti: 1800, actualAmount: 360000, note: "" },
        ],
        planned: 612800,
        actual: 560100,
        actualLines: 2,
      },
      updatedAt: "2026-09-02T03:00:00Z",
    });
    // The backend as it stands: the plan is read afterwards as saved.
    let stored = campaign();
    const calls = await renderPage(stored, {
      get_campaign: () => stored,
      update_campaign: () => (stored = after),
    });
    expect(screen.getByTestId("budget-total").getAttribute("data-fen")).toBe("612800");
    expect(screen.getByTestId("budget-actual-total").getAttribute("data-fen")).toBe("572800");
    expect(screen.getByTestId("budget-1-actual-amount").getAttribute("data-fen")).toBe("360000");
    expect((screen.getByTestId("budget-0-quantity") as HTMLInputElement).value).toBe("1120.00");

    await userEvent.type(screen.getByTestId("budget-0-actual-quantity"), "1000.5");
    await userEvent.type(screen.getByTestId("budget-0-actual-price"), "2");
    // The totals on screen are the saved ones until the plan is saved again.
    await waitFor(() => expect(screen.getByTestId("budget-total").closest("[data-stale]")?.getAttribute("data-stale")).toBe("true"));
    await userEvent.click(screen.getByTestId("campaign-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "update_campaign")).toBe(true));
    const args = calls.find((c) => c.cmd === "update_campaign")?.args as { id: number; input: Record<string, unknown> };
    expect(args.id).toBe(5);
    expect(args.input.prizes).toEqual([
      { id: 31, name: "1000 元保养工时卡", stock: 2, unitValue: 100000 },
      { id: 32, name: "应急工具包", stock: 10, unitValue: 25000 },
    ]);
    expect(args.input.budget).toEqual([
      { item: "燃油", quantityCenti: 112000, unitPrice: 190, actualQuantityCenti: 100050, actualUnitPrice: 200, note: "1.9×2×7×8×10" },
      { item: "门票", quantityCenti: 2000, unitPrice: 20000, actualQuantityCenti: 1800, note: "" },
    ]);
    expect(args.input.activities).toEqual([
      { kind: "lecture", title: "安全驾驶讲座", at: "2026-09-28T10:00:00", notes: "" },
      { kind: "lottery", title: "幸运抽奖", notes: "每人一次" },
    ]);
    await waitFor(() => expect(screen.getByTestId("budget-actual-total").getAttribute("data-fen")).toBe("560100"));
    expect(screen.getByTestId("budget-total").getAttribute("data-fen")).toBe("612800");
    expect(screen.getByTestId("budget-0-actual-amount").getAttribute("data-fen")).toBe("200100");
    expect(screen.getByTestId("budget-total").closest("[data-stale]")?.getAttribute("data-stale")).toBe("false");
  });

  it("marks the refused budget cell (budget.1.quantityCenti) and the end date", async () => {
    await renderPage(campaign(), {
      update_campaign: () => {
        throw refusal([
          { kind: "out_of_range", field: "budget.1.quantityCenti", message: "a quantity cannot be below zero" },
          { kind: "date_order", field: "endsOn", message: "the end date cannot be before the start date" },
        ]);
      },
    });
    await userEvent.click(screen.getByTestId("campaign-save"));
    const cell = screen.getByTestId("budget-1-quantity").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(cell.className).toContain("ant-form-item-has-error"));
    expect(cell.textContent).toContain("预算第 2 行 · 数量");
    expect(screen.getByTestId("budget-0-quantity").closest(".ant-form-item")?.className).not.toContain("ant-form-item-has-error");
    const ends = screen.getByTestId("campaign-ends").closest(".ant-form-item") as HTMLElement;
    expect(ends.className).toContain("ant-form-item-has-error");
    expect(ends.textContent).toContain("结束日期不能早于开始日期");
  });

  it("says why a prize's stock cannot go below what was drawn", async () => {
    await renderPage(campaign(), {
      update_campaign: () => {
        throw refusal([
          { kind: "out_of_range", field: "prizes.1.stock", message: "3 of this prize have already been drawn: the stock cannot be less" },
        ]);
      },
    });
    expect(screen.getByTestId("prize-1-drawn").getAttribute("data-value")).toBe("3");
    await userEvent.click(screen.getByTestId("campaign-save"));
    const item = screen.getByTestId("prize-1-stock").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(item.textContent).toContain("不能少于已抽出的 3 个"));
  });
});

describe("the plan form, while another desk changes the campaign", () => {
  const campaignsChanged = () => emit(CHANGES_EVENT, { changes: [{ kind: "campaign", id: 5 }], everything: false } as ChangeBatch);
  const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

  it("keeps what is typed, says the plan changed, and fills from the new plan on Reload", async () => {
    let stored = campaign();
    const calls = await renderPage(stored, {
      get_campaign: () => stored,
      update_campaign: () => {
        throw refusal([{ kind: "stale", message: "changed meanwhile" }]);
      },
    });
    await userEvent.type(screen.getByTestId("campaign-venue"), "（二楼）");
    expect(screen.queryByTestId("changed-underneath")).toBeNull();

    // Another desk rewrites the theme and the venue.
    stored = campaign({ theme: "金秋关爱月", venue: "新展厅", updatedAt: "2026-09-03T08:00:00Z" });
    await campaignsChanged();
    const notice = await screen.findByTestId("changed-underneath");
    // Nothing typed is overwritten; the page's header shows the new theme.
    expect(input("campaign-venue").value).toBe("售后服务大厅（二楼）");
    expect(input("campaign-theme").value).toBe("随心驾驭，安全随行");
    expect(screen.getByTestId("campaign-title").textContent).toBe("金秋关爱月");

    // Saved as it stands, the plan goes against the version it was filled from.
    await userEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_campaign")).toBe(true));
    const sent = calls.find((c) => c.cmd === "update_campaign")?.args as { input: { version: string } };
    expect(sent.input.version).toBe("2026-09-01T02:00:00Z");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
    expect(input("campaign-theme").value).toBe("金秋关爱月");
    expect(input("campaign-venue").value).toBe("新展厅");
  });

  it("takes this desk's own status move as no change underneath, and saves against it", async () => {
    let stored = campaign();
    const calls = await renderPage(stored, {
      get_campaign: () => stored,
      set_campaign_status: (args) =>
        (stored = campaign({ status: args.status as Campaign["status"], updatedAt: "2026-09-02T01:00:00Z" })),
      update_campaign: (args) => (stored = campaign({ venue: (args.input as { venue: string }).venue, updatedAt: "2026-09-02T02:00:00Z" })),
    });
    await userEvent.type(screen.getByTestId("campaign-venue"), "（二楼）");
    await userEvent.click(screen.getByTestId("campaign-status-planned"));
    await waitFor(() => expect(screen.getByTestId("campaign-page").getAttribute("data-status")).toBe("planned"));
    await campaignsChanged();
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_campaign").length).toBeGreaterThanOrEqual(3));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
    expect(input("campaign-venue").value).toBe("售后服务大厅（二楼）");

    await userEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_campaign")).toBe(true));
    const sent = calls.find((c) => c.cmd === "update_campaign")?.args as { input: { version: string; venue: string } };
    expect(sent.input.version).toBe("2026-09-02T01:00:00Z");
    expect(sent.input.venue).toBe("售后服务大厅（二楼）");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_campaign").length).toBeGreaterThanOrEqual(4));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });
});

describe("this desk's own writes", () => {
  it("lead from the version the form was filled from to the one read now, or not", () => {
    const own = { a: "b", b: "c", x: "y" };
    expect(reachedByOwnWrites("a", "a", own)).toBe(true);
    expect(reachedByOwnWrites("a", "c", own)).toBe(true);
    // Someone else wrote "d" after this desk's "c".
    expect(reachedByOwnWrites("a", "d", own)).toBe(false);
    expect(reachedByOwnWrites("b", "y", own)).toBe(false);
    expect(reachedByOwnWrites("p", "q", { p: "p" })).toBe(false);
  });
});
