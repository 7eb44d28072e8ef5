import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { applyLanguage } from "../i18n";
import { changeLabel, describeChange, formatValue } from "./changes";

describe("a recorded change, in Chinese", () => {
  beforeEach(async () => {
    await applyLanguage("zh-CN");
  });

  it("shows values as the screens do", () => {
    const t = i18n.t;
    expect(formatValue("birthday", "1985-06-01", t, "zh-CN")).toBe("1985-06-01");
    expect(formatValue("marketingConsent", true, t, "zh-CN")).toBe("是");
    expect(formatValue("marketingConsent", false, t, "zh-CN")).toBe("否");
    expect(formatValue("active", false, t, "zh-CN")).toBe("已停用");
    expect(formatValue("grade", "vip", t, "zh-CN")).toBe("VIP");
    expect(formatValue("source", "walk_in", t, "zh-CN")).toBe("自然进店");
    expect(formatValue("contactTime", "evening", t, "zh-CN")).toBe("晚上");
    expect(formatValue("role", "qc_inspector", t, "zh-CN")).toBe("质检员");
    expect(formatValue("mileageKm", 51000, t, "zh-CN")).toBe("51,000 公里");
    expect(formatValue("modelYear", 2021, t, "zh-CN")).toBe("2021");
    expect(formatValue("mobile", "13912345678", t, "zh-CN")).toBe("139 1234 5678");
    expect(formatValue("otherPhones", ["13800001111", "010-66668888"], t, "zh-CN")).toBe("138 0000 1111、010-66668888");
    expect(formatValue("address", "", t, "zh-CN")).toBe("—");
    expect(formatValue("leadGrade", null, t, "zh-CN")).toBe("—");
    expect(formatValue("otherPhones", [], t, "zh-CN")).toBe("—");
  });

  it("names fields by their form labels, a staff member's name as such", () => {
    expect(changeLabel("mileageKm", i18n.t)).toBe("行驶里程");
    expect(changeLabel("owner", i18n.t)).toBe("车主");
    expect(changeLabel("name", i18n.t, "staff")).toBe("姓名");
    expect(changeLabel("somethingNew", i18n.t)).toBe("somethingNew");
  });

  it("lists a new record's values without a before, and leaves out what was empty", () => {
    const t = i18n.t;
    expect(describeChange({ field: "name", before: null, after: "张伟" }, "created", t, "zh-CN")).toEqual({
      label: "客户姓名",
      before: null,
      after: "张伟",
    });
    expect(describeChange({ field: "notes", before: null, after: "" }, "created", t, "zh-CN")).toBeNull();
    expect(describeChange({ field: "address", before: "", after: "北京" }, "updated", t, "zh-CN")).toEqual({
      label: "联系地址",
      before: "—",
      after: "北京",
    });
  });
});

describe("a recorded change, in English", () => {
  beforeEach(async () => {
    await applyLanguage("en");
  });

  it("shows values as the screens do", () => {
    const t = i18n.t;
    expect(formatValue("purchaseDate", "2021-05-20", t, "en")).toBe("20 May 2021");
    expect(formatValue("vinCheckConfirmed", true, t, "en")).toBe("Yes");
    expect(formatValue("leadGrade", "B", t, "en")).toBe("Grade B");
    expect(formatValue("role", "service_manager", t, "en")).toBe("Service manager");
    expect(formatValue("mileageKm", 48210, t, "en")).toBe("48,210 km");
    expect(formatValue("otherPhones", ["13800001111", "13900002222"], t, "en")).toBe("138 0000 1111, 139 0000 2222");
  });
});
