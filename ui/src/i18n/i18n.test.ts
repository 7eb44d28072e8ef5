import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../bindings";
import en from "./en";
import zhCN from "./zh-CN";

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// A Record over the union: the compiler fails here when a kind is added in Rust.
const KINDS = Object.keys({
  required: 1,
  too_long: 1,
  invalid_mobile: 1,
  invalid_phone: 1,
  invalid_plate: 1,
  invalid_vin: 1,
  vin_check_digit: 1,
  invalid_date: 1,
  date_in_future: 1,
  date_order: 1,
  out_of_range: 1,
  duplicate: 1,
  not_found: 1,
  invalid_state: 1,
  storage: 1,
  internal: 1,
} satisfies Record<ErrorKind, 1>) as ErrorKind[];

describe("messages", () => {
  const zh = leaves(zhCN);
  const english = leaves(en as Tree);

  it("have exactly the same keys in both languages", () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    expect(zh.size).toBeGreaterThan(200);
  });

  it("have no empty text", () => {
    for (const [lang, messages] of [
      ["zh-CN", zh],
      ["en", english],
    ] as const) {
      const empty = [...messages].filter(([, text]) => text.trim() === "").map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("use the same placeholders in both languages", () => {
    const differ = [...zh].filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? "").join());
    expect(differ).toEqual([]);
  });

  it("translate every error kind in both languages", () => {
    expect(KINDS).toHaveLength(16);
    for (const kind of KINDS) {
      expect(zhCN.errors[kind], `zh-CN errors.${kind}`).toBeTruthy();
      expect(en.errors[kind], `en errors.${kind}`).toBeTruthy();
    }
    expect(Object.keys(zhCN.errors).sort()).toEqual([...KINDS].sort());
  });

  it("name every field of the inputs in both languages", () => {
    const inputFields = [
      "name", "mobile", "otherPhones", "contactTime", "address", "grade", "leadGrade", "source",
      "birthday", "marketingConsent", "notes", "plate", "vin", "vinCheckConfirmed", "brand", "model",
      "modelYear", "colour", "purchaseDate", "warrantyEnd", "mileageKm", "insuranceExpiry",
      "annualInspectionDue", "newOwner", "date",
    ];
    for (const field of inputFields) {
      expect(zh.get(`fields.${field}`), field).toBeTruthy();
      expect(english.get(`fields.${field}`), field).toBeTruthy();
    }
  });

  it("speak the trade's Chinese", () => {
    expect(zhCN.nav.archive).toBe("客户档案");
    expect(zhCN.fields.plate).toBe("车牌号");
    expect(zhCN.fields.vin).toBe("车架号（VIN）");
    expect(zhCN.fields.mileageKm).toBe("行驶里程");
    expect(zhCN.fields.insuranceExpiry).toBe("保险到期");
    expect(zhCN.fields.annualInspectionDue).toBe("年检到期");
    expect(zhCN.fields.leadGrade).toBe("意向客户等级");
    expect(zhCN.fields.marketingConsent).toBe("营销许可");
  });
});
