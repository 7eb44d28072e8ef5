import { describe, expect, it } from "vitest";
import { amountOf, liveTotals, toLineInput } from "./LineEditor";
import { formatRate, lineAmount, taxOf, toHundredths, totalsOf } from "./money";

describe("the repair order's arithmetic, as the backend does it", () => {
  it("computes a line as price × hundredths / 100, rounded half up to the fen", () => {
    expect(lineAmount(18000, 150)).toBe(27000); // 1.5 h × ¥180.00 = ¥270.00
    expect(lineAmount(333, 50)).toBe(167); // ¥3.33 × 0.5 = ¥1.665 → ¥1.67
    expect(lineAmount(333, 10)).toBe(33); // ¥0.333 → ¥0.33
    expect(lineAmount(1, 50)).toBe(1); // half a fen rounds up
    expect(lineAmount(1, 49)).toBe(0);
    expect(lineAmount(10_000_000_000, 10_000_000)).toBe(1_000_000_000_000_000);
  });

  it("taxes the subtotal in basis points, rounded half up", () => {
    expect(taxOf(27000, 1300)).toBe(3510);
    expect(taxOf(12345, 1300)).toBe(1605); // 1604.85 → 1605
    expect(taxOf(50, 1000)).toBe(5); // exactly 5
    expect(taxOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(taxOf(4, 1000)).toBe(0); // 0.4 → 0
  });

  it("sums labour and parts, then the tax and the total", () => {
    const totals = totalsOf(
      [
        { kind: "labour", amount: 27000 },
        { kind: "part", amount: 8850 },
        { kind: "part", amount: 495 },
      ],
      1300,
    );
    expect(totals).toEqual({ labour: 27000, parts: 9345, subtotal: 36345, tax: 4725, total: 41070 });
  });

  it("reads typed decimals as hundredths without binary drift", () => {
    expect(toHundredths(1.5)).toBe(150);
    expect(toHundredths(1.15)).toBe(115);
    expect(toHundredths(180)).toBe(18000);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(2.345)).toBe(235);
    expect(toHundredths(null)).toBe(0);
    expect(formatRate(1300)).toBe("13%");
    expect(formatRate(650)).toBe("6.5%");
  });

  it("sends quantityCenti and fen, parts genuine by default, labour always genuine with no part number", () => {
    expect(
      toLineInput({ kind: "labour", description: "更换机油", partNumber: "X", quantity: 1.5, price: 180, genuine: false }),
    ).toEqual({ kind: "labour", description: "更换机油", partNumber: "", quantityCenti: 150, unitPrice: 18000, genuine: true });
    expect(toLineInput({ kind: "part", description: "机油滤清器", partNumber: "06L115562", quantity: 1, price: 88.5 })).toEqual({
      kind: "part",
      description: "机油滤清器",
      partNumber: "06L115562",
      quantityCenti: 100,
      unitPrice: 8850,
      genuine: true,
    });
    expect(amountOf({ kind: "part", quantity: 4.5, price: 1.11 })).toBe(500); // 4.995 → 5.00
    expect(liveTotals([{ kind: "labour", quantity: 1.5, price: 180 }, undefined], 1300).total).toBe(30510);
  });
});
