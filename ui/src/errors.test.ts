import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import type { Issue } from "./bindings";
import {
  errorText,
  fieldErrors,
  fieldLabel,
  fieldPath,
  issueContext,
  issueText,
  toIssues,
} from "./errors";
import { applyLanguage } from "./i18n";

const vinIssue: Issue = { kind: "invalid_vin", field: "vehicles.0.vin", message: "VIN must be 17 characters" };

describe("fieldPath", () => {
  it("turns nested issue fields into antd name paths", () => {
    expect(fieldPath("vehicles.0.vin")).toEqual(["vehicles", 0, "vin"]);
    expect(fieldPath("otherPhones.1")).toEqual(["otherPhones", 1]);
    expect(fieldPath("mobile")).toEqual(["mobile"]);
    expect(fieldPath("vehicles.12.annualInspectionDue")).toEqual(["vehicles", 12, "annualInspectionDue"]);
  });
});

describe("in Chinese", () => {
  beforeEach(async () => {
    await applyLanguage("zh-CN");
  });

  it("names the field by its last named segment", () => {
    expect(fieldLabel("vehicles.0.vin", i18n.t)).toBe("车架号（VIN）");
    expect(fieldLabel("otherPhones.1", i18n.t)).toBe("其他电话");
    expect(fieldLabel(undefined, i18n.t)).toBe("该记录");
  });

  it("translates by kind, naming the field", () => {
    expect(issueText(vinIssue, i18n.t)).toBe("车架号（VIN）须为17位字母或数字，不含 I、O、Q");
    expect(issueText({ kind: "required", field: "name", message: "name is required" }, i18n.t)).toBe("请填写客户姓名");
    expect(issueText({ kind: "invalid_mobile", field: "mobile", message: "x" }, i18n.t)).toBe(
      "手机号须为 11 位大陆手机号，以 1 开头",
    );
  });

  it("names the customer who already holds a duplicate", () => {
    const duplicate: Issue = {
      kind: "duplicate",
      field: "vehicles.0.vin",
      message: "VIN already on file",
      conflict: { customerId: 7, label: "李娜" },
    };
    expect(issueText(duplicate, i18n.t)).toBe("车架号（VIN）已登记在「李娜」名下");
    expect(issueText({ ...duplicate, conflict: undefined }, i18n.t)).toBe("车架号（VIN）已登记在其他客户名下");
  });

  it("names a staff member's fields, and the action a role may not take", () => {
    expect(issueText({ kind: "required", field: "name", message: "x" }, i18n.t, "staff")).toBe("请填写姓名");
    expect(issueText({ kind: "wrong_password", field: "currentPassword", message: "x" }, i18n.t)).toBe("当前密码不正确");
    expect(issueText({ kind: "duplicate", field: "login", message: "x" }, i18n.t, "staff")).toBe(
      "登录名已登记在其他员工名下",
    );
    expect(
      issueText({ kind: "forbidden", message: "x", action: "change_consent" }, i18n.t),
    ).toBe("你的角色无权执行此操作：更改营销许可");
    expect(issueText({ kind: "forbidden", message: "x" }, i18n.t)).toBe(i18n.t("errors.forbidden"));
  });

  it("says which vehicle a nested issue is about", () => {
    expect(issueContext({ ...vinIssue, field: "vehicles.1.plate" }, i18n.t)).toBe("车辆 2");
    expect(issueContext({ ...vinIssue, field: "mobile" }, i18n.t)).toBe("");
  });

  it("groups the translated messages by form field", () => {
    const grouped = fieldErrors(
      [
        vinIssue,
        { kind: "invalid_plate", field: "vehicles.0.plate", message: "bad plate" },
        { kind: "required", field: "vehicles.0.vin", message: "vin required" },
        { kind: "storage", message: "disk full" },
      ],
      i18n.t,
    );
    expect(grouped).toEqual([
      { name: ["vehicles", 0, "vin"], errors: ["车架号（VIN）须为17位字母或数字，不含 I、O、Q", "请填写车架号（VIN）"] },
      { name: ["vehicles", 0, "plate"], errors: ["车牌号格式不正确，例如 京A12345，新能源车牌如 京AD12345"] },
    ]);
  });
});

describe("in English", () => {
  beforeEach(async () => {
    await applyLanguage("en");
  });

  it("translates by kind, naming the field", () => {
    expect(fieldLabel("vehicles.0.vin", i18n.t)).toBe("VIN");
    expect(issueText(vinIssue, i18n.t)).toBe("VIN must be 17 letters and digits, without I, O or Q");
    expect(issueText({ kind: "date_in_future", field: "vehicles.0.purchaseDate", message: "x" }, i18n.t)).toBe(
      "Purchase date cannot be later than today",
    );
    expect(issueText({ kind: "duplicate", field: "mobile", message: "x", conflict: { customerId: 3, label: "Li Na" } }, i18n.t)).toBe(
      "Mobile is already on file for Li Na",
    );
  });

  it("names a staff member's fields in the staff form's words", () => {
    expect(issueText({ kind: "required", field: "name", message: "x" }, i18n.t, "staff")).toBe("Name is required");
    expect(issueText({ kind: "required", field: "name", message: "x" }, i18n.t)).toBe("Name is required");
    expect(issueText({ kind: "invalid_login", field: "login", message: "x" }, i18n.t, "staff")).toBe(
      "Login must be 3 to 32 lower-case letters, digits, dots, dashes or underscores",
    );
    expect(issueText({ kind: "weak_password", field: "newPassword", message: "x" }, i18n.t)).toBe(
      "New password must have at least 8 characters and cannot be the login",
    );
  });

  it("says which action a role may not take, or just that it may not", () => {
    const refused = (action?: Issue["action"]): Issue => ({ kind: "forbidden", message: "x", action });
    expect(issueText(refused("manage_staff"), i18n.t)).toBe("Your role may not do this: manage staff accounts");
    expect(issueText(refused(), i18n.t)).toBe("Your role may not do this");
  });

  it("falls back to the backend's English only for an unknown kind", () => {
    const unknown = { kind: "brand_new_kind", field: "vin", message: "Something new" } as unknown as Issue;
    expect(issueText(unknown, i18n.t)).toBe("Something new");
  });

  it("reads a rejected command, and anything else thrown", () => {
    const error = { ...vinIssue, issues: [vinIssue, { kind: "invalid_plate", field: "vehicles.0.plate", message: "p" }] };
    expect(toIssues(error)).toHaveLength(2);
    expect(toIssues({ ...vinIssue, issues: [] })).toEqual([vinIssue]);
    expect(toIssues(new Error("IPC down"))).toEqual([{ kind: "internal", message: "IPC down" }]);
    expect(errorText({ kind: "not_found", message: "nope", issues: [] }, i18n.t)).toBe(
      "The record was not found; it may have been removed or archived",
    );
  });
});

describe("a save refused as stale", () => {
  it("names who changed the record and when, in both languages", async () => {
    const issue: Issue = {
      kind: "stale",
      message: "customer 5 was changed by 王丽",
      changed: { by: "王丽", at: "2026-11-22T02:01:00Z" },
    };
    await applyLanguage("zh-CN");
    const zh = issueText(issue, i18n.t);
    expect(zh).toContain("王丽");
    expect(zh).toContain("本次操作未保存");
    await applyLanguage("en");
    expect(issueText(issue, i18n.t)).toMatch(/^王丽 changed this record at 2026-11-22 \d\d:01; nothing was saved/);
    expect(issueText({ kind: "stale", message: "" }, i18n.t)).toContain("Someone else changed this record");
  });
});
