import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  daysUntil,
  formatBytes,
  formatDate,
  formatDateTime,
  formatMobile,
  formatMoney,
  formatNumber,
  fromIsoDate,
  toIsoDate,
} from "./format";

describe("formatMoney", () => {
  it("shows fen as yuan with two decimals and grouped thousands", () => {
    expect(formatMoney(123450, "zh-CN")).toBe("¥1,234.50");
    expect(formatMoney(123450, "en")).toBe("¥1,234.50");
    expect(formatMoney(0, "zh-CN")).toBe("¥0.00");
    expect(formatMoney(5, "en")).toBe("¥0.05");
    expect(formatMoney(1100000, "zh-CN")).toBe("¥11,000.00");
    expect(formatMoney(123456789012, "en")).toBe("¥1,234,567,890.12");
  });

  it("keeps the sign of refunds", () => {
    expect(formatMoney(-212800, "zh-CN")).toBe("-¥2,128.00");
    expect(formatMoney(-7, "en")).toBe("-¥0.07");
  });

  it("does not drift on amounts that are not exact in binary", () => {
    // 0.1 + 0.2 style: 1.10 + 2.20 yuan
    expect(formatMoney(110 + 220, "zh-CN")).toBe("¥3.30");
    expect(formatMoney(999999999, "zh-CN")).toBe("¥9,999,999.99");
  });
});

describe("formatDate", () => {
  it("uses each language's own date format", () => {
    expect(formatDate("2026-11-22", "zh-CN")).toBe("2026-11-22");
    expect(formatDate("2026-11-22", "en")).toBe("22 Nov 2026");
    expect(formatDate("2026-01-05", "en")).toBe("5 Jan 2026");
  });

  it("shows nothing for a missing date and the text for an unreadable one", () => {
    expect(formatDate(null, "zh-CN")).toBe("");
    expect(formatDate("", "en")).toBe("");
    expect(formatDate("someday", "en")).toBe("someday");
  });

  it("shows instants in local time", () => {
    const local = dayjs("2026-11-22T10:30:00Z");
    expect(formatDateTime("2026-11-22T10:30:00Z", "zh-CN")).toBe(local.format("YYYY-MM-DD HH:mm"));
    expect(formatDateTime("2026-11-22T10:30:00Z", "en")).toBe(local.locale("en").format("D MMM YYYY, HH:mm"));
    expect(formatDateTime(null, "en")).toBe("");
  });
});

describe("formatMobile", () => {
  it("groups mainland mobiles 3-4-4", () => {
    expect(formatMobile("13912345678")).toBe("139 1234 5678");
    expect(formatMobile("139-1234-5678")).toBe("139 1234 5678");
  });

  it("leaves landlines and anything else as given", () => {
    expect(formatMobile("010-62345678")).toBe("010-62345678");
    expect(formatMobile("12345")).toBe("12345");
    expect(formatMobile(null)).toBe("");
  });
});

describe("dates to and from the backend", () => {
  it("round-trips calendar dates", () => {
    expect(toIsoDate(fromIsoDate("2026-02-28"))).toBe("2026-02-28");
    expect(toIsoDate(null)).toBeNull();
    expect(fromIsoDate(null)).toBeNull();
  });

  it("counts whole days to a date", () => {
    const today = dayjs("2026-11-22T15:00:00");
    expect(daysUntil("2026-11-22", today)).toBe(0);
    expect(daysUntil("2026-12-22", today)).toBe(30);
    expect(daysUntil("2026-11-21", today)).toBe(-1);
  });

  it("groups thousands", () => {
    expect(formatNumber(48210, "zh-CN")).toBe("48,210");
    expect(formatNumber(48210, "en")).toBe("48,210");
  });
});

describe("formatBytes", () => {
  it("shows a file size in the unit people read", () => {
    expect(formatBytes(0, "en")).toBe("0 B");
    expect(formatBytes(812, "zh-CN")).toBe("812 B");
    expect(formatBytes(2048, "en")).toBe("2.0 KB");
    expect(formatBytes(5_452_595, "zh-CN")).toBe("5.2 MB");
    expect(formatBytes(300 * 1024 * 1024, "en")).toBe("300 MB");
  });
});
