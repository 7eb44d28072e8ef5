import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import { formatChange, formatFigure, formatShare, groupThousands } from "./figures";
import { defaultPeriod, periodOf, previousPeriod, switchMode, yearAgoPeriod } from "./reports/period";

describe("the reports' number format", () => {
  it("shows percent and points with one decimal, in each language's unit", () => {
    expect(formatFigure(92.5, "percent", "zh-CN")).toBe("92.5%");
    expect(formatFigure(92.5, "percent", "en")).toBe("92.5%");
    expect(formatFigure(88, "points", "zh-CN")).toBe("88.0 分");
    expect(formatFigure(88, "points", "en")).toBe("88.0 pts");
    expect(formatFigure(100, "percent", "en")).toBe("100.0%");
    expect(formatFigure(1234.56, "percent", "en")).toBe("1,234.6%");
  });

  it("rounds half away from zero", () => {
    expect(formatFigure(92.45, "percent", "en")).toBe("92.5%");
    expect(formatFigure(92.44, "percent", "en")).toBe("92.4%");
    expect(formatFigure(0.05, "percent", "en")).toBe("0.1%");
    expect(formatFigure(2.5, "count", "en")).toBe("3");
    expect(formatFigure(-2.5, "minutes", "en")).toBe("-3 min");
    expect(formatFigure(-0.04, "percent", "en")).toBe("0.0%");
  });

  it("shows minutes and counts as whole numbers with thousands separators", () => {
    expect(formatFigure(95, "minutes", "zh-CN")).toBe("95 分钟");
    expect(formatFigure(1439.6, "minutes", "en")).toBe("1,440 min");
    expect(formatFigure(1234567, "count", "zh-CN")).toBe("1,234,567");
    expect(formatFigure(0, "count", "en")).toBe("0");
  });

  it("shows money in fen as yuan with two decimals and thousands separators", () => {
    expect(formatFigure(1234560, "money", "zh-CN")).toBe("¥12,345.60");
    expect(formatFigure(1234560, "money", "en")).toBe("¥12,345.60");
    expect(formatFigure(5, "money", "en")).toBe("¥0.05");
    expect(formatFigure(12345678901, "money", "en")).toBe("¥123,456,789.01");
    expect(formatFigure(-12000, "money", "en")).toBe("-¥120.00");
    expect(formatFigure(99.5, "money", "en")).toBe("¥1.00");
  });

  it("says no data, never 0% or NaN", () => {
    expect(formatFigure(undefined, "percent", "zh-CN")).toBe("无数据");
    expect(formatFigure(undefined, "money", "en")).toBe("No data");
    expect(formatFigure(Number.NaN, "percent", "en")).toBe("No data");
    expect(formatFigure(null, "count", "en")).toBe("No data");
  });

  it("signs a change and leaves it out without both values", () => {
    expect(formatChange(92.5, 90, "percent", "en")).toBe("+2.5%");
    expect(formatChange(90, 92.5, "points", "zh-CN")).toBe("-2.5 分");
    expect(formatChange(90, 90, "percent", "en")).toBe("0.0%");
    expect(formatChange(100000, 112000, "money", "en")).toBe("-¥120.00");
    expect(formatChange(undefined, 90, "percent", "en")).toBe("");
    expect(formatChange(90, undefined, "percent", "en")).toBe("");
  });

  it("shows a share's counts and groups digits", () => {
    expect(formatShare({ value: 92.5, part: 37, whole: 40 })).toBe("37 / 40");
    expect(formatShare({ value: 50, part: 1200, whole: 2400 })).toBe("1,200 / 2,400");
    expect(formatShare({ value: 92.5 })).toBe("");
    expect(groupThousands("1000")).toBe("1,000");
    expect(groupThousands("999")).toBe("999");
  });
});

describe("the report's period", () => {
  const day = (iso: string) => dayjs(`${iso}T00:00:00`);

  it("is the last complete calendar month by default", () => {
    expect(defaultPeriod(day("2026-12-05"))).toEqual({ mode: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(defaultPeriod(day("2026-01-31"))).toEqual({ mode: "month", from: "2025-12-01", to: "2025-12-31" });
  });

  it("covers a month, a quarter or a year", () => {
    expect(periodOf("month", day("2024-02-10"))).toEqual({ mode: "month", from: "2024-02-01", to: "2024-02-29" });
    expect(periodOf("quarter", day("2026-11-15"))).toEqual({ mode: "quarter", from: "2026-10-01", to: "2026-12-31" });
    expect(periodOf("quarter", day("2026-02-15"))).toEqual({ mode: "quarter", from: "2026-01-01", to: "2026-03-31" });
    expect(periodOf("year", day("2026-11-15"))).toEqual({ mode: "year", from: "2026-01-01", to: "2026-12-31" });
    expect(switchMode({ mode: "month", from: "2026-05-01", to: "2026-05-31" }, "quarter")).toEqual({
      mode: "quarter",
      from: "2026-04-01",
      to: "2026-06-30",
    });
    expect(switchMode({ mode: "month", from: "2026-05-01", to: "2026-05-31" }, "custom")).toEqual({
      mode: "custom",
      from: "2026-05-01",
      to: "2026-05-31",
    });
  });

  it("is compared with the days just before and the same days a year earlier, as the backend counts them", () => {
    expect(previousPeriod("2026-11-01", "2026-11-30")).toEqual({ from: "2026-10-02", to: "2026-10-31" });
    expect(previousPeriod("2026-03-01", "2026-03-01")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(yearAgoPeriod("2026-11-01", "2026-11-30")).toEqual({ from: "2025-11-01", to: "2025-11-30" });
    expect(yearAgoPeriod("2024-02-01", "2024-02-29")).toEqual({ from: "2023-02-01", to: "2023-02-28" });
  });
});
