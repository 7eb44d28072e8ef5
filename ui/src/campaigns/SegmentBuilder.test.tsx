import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Campaign, Segment } from "../bindings";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { CampaignPage } from "./CampaignPage";
import { campaign, campaignSession } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

/** The count the fake backend gives: more filters, fewer customers. */
function countOf(segment: Segment) {
  const filters = Object.keys(segment).length;
  return { customers: 120 - filters * 40, excludedNoConsent: 7 - filters };
}

async function openSegment(shown: Campaign, extra: Record<string, Handler> = {}, role: "service_manager" | "follow_up" = "service_manager") {
  const calls = mockCommands({
    get_campaign: () => shown,
    vehicle_models: () => ["迈腾 Magotan", "速腾 Sagitar", "Q5L"],
    segment_count: (args) => countOf(args.segment as Segment),
    segment_preview: () => [
      { customerId: 1, name: "张伟", mobile: "13912345678", vehicleId: 11, plate: "京A12345", vehicleLabel: "一汽-大众 迈腾 Magotan", grade: "vip" },
      { customerId: 4, name: "钱芳", mobile: "13600003333", grade: "ordinary", leadGrade: "B" },
    ],
    ...extra,
  });
  await renderIn("zh-CN", <CampaignPage campaignId={shown.id} lang="zh-CN" startTab="segment" />, campaignSession(role, 3));
  await screen.findByTestId("campaign-segment");
  return calls;
}

const counts = (calls: { cmd: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.cmd === "segment_count");

describe("the segment builder", () => {
  it("counts the saved segment, then counts again (debounced) when a filter changes, with the customers left out for want of consent", async () => {
    const calls = await openSegment(campaign());
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("80"));
    expect(counts(calls).map((c) => c.args.segment)).toEqual([{ models: ["迈腾 Magotan"] }]);
    expect(screen.getByTestId("segment-excluded").getAttribute("data-value")).toBe("6");
    expect(screen.getByTestId("segment-excluded").textContent).toBe("未授权营销，已排除 6 位");
    expect(screen.getByTestId("segment-preview").textContent).toContain("张伟");
    expect(screen.getByTestId("segment-preview").textContent).toContain("B 级");

    fireEvent.change(screen.getByTestId("segment-service-due-days"), { target: { value: "14" } });
    fireEvent.click(screen.getByTestId("segment-birthday"));
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("0"));
    // Two changes in quick succession are counted once, when the filters settle.
    expect(counts(calls).map((c) => c.args.segment)).toEqual([
      { models: ["迈腾 Magotan"] },
      { models: ["迈腾 Magotan"], serviceDueDays: 14, birthdayThisMonth: true },
    ]);
    expect(screen.getByTestId("segment-excluded").getAttribute("data-value")).toBe("4");
    expect(screen.getByTestId("segment-unsaved")).toBeTruthy();
  });

  it("saves the segment with the campaign, then invites it, waiting for a save still on its way", async () => {
    const planned = campaign({ status: "planned", segment: {} });
    const savedSegment = { models: ["迈腾 Magotan", "Q5L"] };
    // The backend as it stands: the campaign is read afterwards as saved and invited.
    let stored = planned;
    const calls = await openSegment(planned, {
      get_campaign: () => stored,
      save_campaign_segment: (args) =>
        new Promise((resolve) =>
          setTimeout(() => resolve((stored = { ...planned, segment: args.segment as Segment, updatedAt: "2026-09-02T03:00:00Z" })), 300),
        ),
      invite_segment: () => (stored = { ...stored, turnout: { ...planned.turnout, invited: 45 } }),
    });
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("120"));
    for (const model of ["迈腾 Magotan", "Q5L"]) {
      const select = screen.getByTestId("segment-models");
      fireEvent.mouseDown(select.querySelector(".ant-select-content, .ant-select-selector") ?? select);
      await userEvent.click(await screen.findByTestId(`option-${model}`));
    }
    // Save, and Invite at once, as a hurried hand (or a test driver) does.
    fireEvent.click(screen.getByTestId("segment-save"));
    fireEvent.click(screen.getByTestId("segment-invite"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "invite_segment")).toBe(true));
    const writes = calls.filter((c) => c.cmd === "save_campaign_segment" || c.cmd === "invite_segment");
    expect(writes.map((c) => c.cmd)).toEqual(["save_campaign_segment", "invite_segment"]);
    expect(writes[0].args).toEqual({ id: 5, segment: savedSegment });
    expect(await screen.findByText("新邀约 42 位客户，名单共 45 位")).toBeTruthy();
    expect(screen.queryByTestId("segment-unsaved")).toBeNull();
  });

  it("saves the filters shown before inviting them", async () => {
    const planned = campaign({ status: "planned" });
    let stored = planned;
    const calls = await openSegment(planned, {
      get_campaign: () => stored,
      save_campaign_segment: (args) => (stored = { ...planned, segment: args.segment as Segment, updatedAt: "2026-09-02T03:00:00Z" }),
      invite_segment: () => (stored = { ...stored, turnout: { ...planned.turnout, invited: 10 } }),
    });
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("80"));
    fireEvent.click(screen.getByTestId("segment-declined"));
    await screen.findByTestId("segment-unsaved");
    await userEvent.click(screen.getByTestId("segment-invite"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "invite_segment")).toBe(true));
    expect(calls.find((c) => c.cmd === "save_campaign_segment")?.args).toEqual({
      id: 5,
      segment: { models: ["迈腾 Magotan"], declinedWork: true },
    });
  });

  it("marks a filter the backend refused", async () => {
    await openSegment(campaign({ segment: {} }), {
      segment_count: (args) => {
        const s = args.segment as Segment;
        if (s.modelYearFrom !== undefined && s.modelYearTo !== undefined && s.modelYearTo < s.modelYearFrom) {
          throw refusal([{ kind: "date_order", field: "modelYearTo", message: "the last model year is before the first" }]);
        }
        return countOf(s);
      },
    });
    await userEvent.type(screen.getByTestId("segment-year-from"), "2022");
    await userEvent.type(screen.getByTestId("segment-year-to"), "2019");
    const item = screen.getByTestId("segment-year-to").closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(item.className).toContain("ant-form-item-has-error"));
    await waitFor(() => expect(item.textContent).toContain("年款的结束年份早于开始年份"));
    expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("");
  });

  it("shows follow-up staff the segment and its count, without saving or inviting", async () => {
    await openSegment(campaign(), {}, "follow_up");
    await waitFor(() => expect(screen.getByTestId("segment-count").getAttribute("data-value")).toBe("80"));
    expect(screen.queryByTestId("segment-save")).toBeNull();
    expect(screen.queryByTestId("segment-invite")).toBeNull();
    expect(screen.getByTestId("segment-service-due-days").hasAttribute("disabled")).toBe(true);
  });
});
