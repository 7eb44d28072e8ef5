import { describe, expect, it } from "vitest";
import { LOCALE, fill } from "./locale";

function keys(table: Record<string, Record<string, string>>): string[] {
  return Object.entries(table).flatMap(([section, texts]) => Object.keys(texts).map((key) => `${section}.${key}`));
}

describe("the shared locale source", () => {
  it("has every key in both languages, none empty", () => {
    expect(keys(LOCALE.en)).toEqual(keys(LOCALE["zh-CN"]));
    for (const table of Object.values(LOCALE)) {
      for (const texts of Object.values(table as Record<string, Record<string, string>>)) {
        for (const text of Object.values(texts)) expect(text.trim()).not.toBe("");
      }
    }
  });

  it("fills templates", () => {
    expect(fill(LOCALE.en.unit.minutes, { value: "35" })).toBe("35 min");
    expect(fill(LOCALE["zh-CN"].unit.percent, { value: "92.5" })).toBe("92.5%");
  });
});
