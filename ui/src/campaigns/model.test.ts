import i18n from "i18next";
import dayjs from "dayjs";
import { beforeEach, describe, expect, it } from "vitest";
import { applyLanguage } from "../i18n";
import { changeLabel, formatValue, scopeOf } from "../history/changes";
import {
  campaignFieldLabel,
  campaignIssueText,
  placeOnPlan,
  placeOnSegment,
  planValues,
  segmentKey,
  segmentSummary,
  segmentValues,
  toBudgetLine,
  toCampaignInput,
  toSegment,
} from "./model";
import { campaign } from "./testing";

describe("the plan as the backend reads it", () => {
  it("sends quantities in hundredths and yuan in fen, half up, and leaves unknown actuals out", () => {
    expect(toBudgetLine({ item: " 燃油 ", quantity: 1120, price: 1.9, actualQuantity: null, actualPrice: null, note: "" })).toEqual({
      item: "燃油",
      quantityCenti: 112000,
      unitPrice: 190,
      note: "",
    });
    expect(toBudgetLine({ item: "导游", quantity: 1.5, price: 200.005, actualQuantity: 1.15, actualPrice: 0, note: "x" })).toEqual({
      item: "导游",
      quantityCenti: 150,
      unitPrice: 20001,
      actualQuantityCenti: 115,
      actualUnitPrice: 0,
      note: "x",
    });
  });

  it("round-trips a saved campaign through the form unchanged", () => {
    const c = campaign();
    const input = toCampaignInput(planValues(c));
    expect(input.budget).toEqual(c.budgetLines);
    expect(input.prizes).toEqual(c.prizes.map((p) => ({ id: p.id, name: p.name, stock: p.stock, unitValue: p.unitValue })));
    expect(input.activities).toEqual(c.activities);
    expect(input.startsOn).toBe("2026-09-28");
    expect(input.attributionDays).toBe(30);
  });

  it("writes an activity's time as the backend's local date-time", () => {
    const input = toCampaignInput({ activities: [{ kind: "trip", title: "自驾游", at: dayjs("2026-09-29T08:30:00"), notes: "" }] });
    expect(input.activities[0].at).toBe("2026-09-29T08:30:00");
  });

  it("places the backend's fields on the form's inputs", () => {
    expect(placeOnPlan("budget.2.quantityCenti")).toEqual(["budget", 2, "quantity"]);
    expect(placeOnPlan("budget.0.actualUnitPrice")).toEqual(["budget", 0, "actualPrice"]);
    expect(placeOnPlan("prizes.0.unitValue")).toEqual(["prizes", 0, "value"]);
    expect(placeOnPlan("prizes.1.stock")).toEqual(["prizes", 1, "stock"]);
    expect(placeOnPlan("activities.1.title")).toEqual(["activities", 1, "title"]);
    expect(placeOnPlan("endsOn")).toEqual(["endsOn"]);
    expect(placeOnPlan("prizes")).toBeNull();
    expect(placeOnPlan("status")).toBeNull();
  });
});

describe("the segment as the builder holds it", () => {
  it("sends only the filters that are set", () => {
    expect(toSegment(segmentValues({}))).toEqual({});
    expect(
      toSegment({
        models: ["迈腾 Magotan"],
        modelYearFrom: 2019,
        modelYearTo: null,
        purchasedFrom: dayjs("2020-01-01T00:00:00"),
        serviceDueDays: 0,
        declinedWork: false,
        birthdayThisMonth: true,
        grades: [],
        leadGrades: ["A", "B"],
      }),
    ).toEqual({
      models: ["迈腾 Magotan"],
      modelYearFrom: 2019,
      purchasedFrom: "2020-01-01",
      serviceDueDays: 0,
      birthdayThisMonth: true,
      leadGrades: ["A", "B"],
    });
  });

  it("compares segments however they were written", () => {
    expect(segmentKey({ models: [], declinedWork: false, birthdayThisMonth: false, grades: [], leadGrades: [] })).toBe(segmentKey({}));
    expect(segmentKey({ insuranceDays: 30 })).not.toBe(segmentKey({ inspectionDays: 30 }));
    expect(placeOnSegment("modelYearTo")).toEqual(["modelYearTo"]);
    expect(placeOnSegment("models.1")).toEqual(["models"]);
  });
});

describe("in Chinese", () => {
  beforeEach(async () => {
    await applyLanguage("zh-CN");
  });

  it("names a line's field and says the refusals in the trade's words", () => {
    const t = i18n.t;
    expect(campaignFieldLabel("budget.2.quantityCenti", t)).toBe("预算第 3 行 · 数量");
    expect(campaignFieldLabel("activities.0.title", t)).toBe("第 1 个活动项目 · 项目名称");
    expect(campaignIssueText({ kind: "date_order", field: "endsOn", message: "" }, t, "plan")).toBe("结束日期不能早于开始日期");
    expect(campaignIssueText({ kind: "required", field: "theme", message: "" }, t, "plan")).toBe("请填写活动主题");
    expect(campaignIssueText({ kind: "out_of_range", field: "prizes", message: "" }, t, "draw")).toBe("所有奖品都已抽完，库存为空");
    expect(campaignIssueText({ kind: "invalid_state", field: "status", message: "" }, t, "rsvp")).toBe(
      "活动方案批准后、活动结束前才能登记邀约回复",
    );
    expect(campaignIssueText({ kind: "out_of_range", field: "lastVisitMonths", message: "" }, t, "segment")).toBe(
      "超过几个月未到店须在 1–240 之间",
    );
    expect(
      campaignIssueText({ kind: "forbidden", message: "your role may not plan campaigns", action: "plan_campaigns" }, t, "plan"),
    ).toBe("你的角色无权执行此操作：策划关怀活动、筛选目标客户和发出邀约");
  });

  it("summarises a segment", () => {
    expect(segmentSummary({}, i18n.t, "zh-CN")).toBe("全部已授权营销的客户");
    expect(segmentSummary({ models: ["迈腾 Magotan"], serviceDueDays: 14, grades: ["vip"] }, i18n.t, "zh-CN")).toBe(
      "迈腾 Magotan · 14 天内保养到期 · VIP",
    );
  });

  it("shows a campaign's recorded changes as the screens do", () => {
    const t = i18n.t;
    expect(scopeOf("campaign")).toBe("campaign");
    expect(changeLabel("status", t, "campaign")).toBe("活动状态");
    expect(formatValue("status", "running", t, "zh-CN")).toBe("进行中");
    expect(formatValue("rsvp", "not_reached", t, "zh-CN")).toBe("未联系上");
    expect(formatValue("arrival", "walk_in", t, "zh-CN")).toBe("临时来宾");
    expect(formatValue("plannedBudget", 1100000, t, "zh-CN")).toBe("¥11,000.00");
    expect(formatValue("startsOn", "2026-09-28", t, "zh-CN")).toBe("2026-09-28");
    expect(formatValue("careKind", "birthday", t, "zh-CN")).toBe("本月生日问候");
    expect(formatValue("segment", { insuranceDays: 30, birthdayThisMonth: true }, t, "zh-CN")).toBe("30 天内保险到期 · 本月生日");
    expect(changeLabel("careKind", t)).toBe("关怀名单");
  });
});

describe("in English", () => {
  beforeEach(async () => {
    await applyLanguage("en");
  });

  it("says the refusals in English", () => {
    const t = i18n.t;
    expect(campaignIssueText({ kind: "duplicate", field: "invitationId", message: "" }, t, "draw")).toBe(
      "This attendee has already drawn (one draw each)",
    );
    expect(campaignIssueText({ kind: "not_found", field: "customerId", message: "" }, t, "checkin")).toBe(
      "This customer was not invited: check them in as a walk-in guest",
    );
    expect(campaignFieldLabel("prizes.0.unitValue", t)).toBe("Prize 1 · Unit value (yuan)");
  });
});
