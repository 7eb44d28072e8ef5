// The repair order's arithmetic as the screens show it while the advisor
// types: the same integer rules as the backend (crates/domain/src/visit.rs
// `line_amount` and `totals`), so the live figures equal the saved ones.
// The backend's figures are what is stored; these only preview them.

import type { Fen, LineKind, Totals } from "../bindings";

/** `a / b` rounded towards minus infinity, on exact integers. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** `unitPrice × quantityCenti / 100`, rounded half up to the fen. */
export function lineAmount(unitPrice: Fen, quantityCenti: number): Fen {
  if (!Number.isFinite(unitPrice) || !Number.isFinite(quantityCenti)) return 0;
  const cents = BigInt(Math.trunc(unitPrice)) * BigInt(Math.trunc(quantityCenti));
  return Number(floorDiv(cents + 50n, 100n));
}

/** Tax on `subtotal` at `basisPoints` (1300 = 13%), rounded half up. */
export function taxOf(subtotal: Fen, basisPoints: number): Fen {
  return Number(floorDiv(BigInt(Math.trunc(subtotal)) * BigInt(Math.trunc(basisPoints)) + 5000n, 10000n));
}

/** The order's sums over lines with their amounts. */
export function totalsOf(lines: { kind: LineKind; amount: Fen }[], basisPoints: number): Totals {
  let labour = 0;
  let parts = 0;
  for (const line of lines) {
    if (line.kind === "labour") labour += line.amount;
    else parts += line.amount;
  }
  const subtotal = labour + parts;
  const tax = taxOf(subtotal, basisPoints);
  return { labour, parts, subtotal, tax, total: subtotal + tax };
}

/**
 * A decimal as hundredths, rounded half up at the third decimal: 1.5 → 150,
 * ¥180.00 → 18000. Goes through the decimal text so 1.15 is 115, not 114.
 */
export function toHundredths(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  const sign = value < 0 ? -1 : 1;
  const [whole, fraction = ""] = Math.abs(value).toFixed(3).split(".");
  const thousandths = Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
  return sign * Math.floor((thousandths + 5) / 10);
}

/** Hundredths as the decimal an input shows: 150 → 1.5. */
export function fromHundredths(value: number): number {
  return value / 100;
}

/** A tax rate for people: 1300 → "13%", 650 → "6.5%". */
export function formatRate(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))}%`;
}

/** Hundredths of an hour or a quantity as text: 150 → "1.5", 200 → "2". */
export function formatHundredths(value: number): string {
  return String(Number((value / 100).toFixed(2)));
}
