// Choices offered by the archive's forms. Brand and model are suggestions
// only: the advisor may type any other.

import { ALL_CONTACT_TIME, ALL_CUSTOMER_GRADE, ALL_CUSTOMER_SOURCE, ALL_LEAD_GRADE } from "../bindings";

export const GRADES = ALL_CUSTOMER_GRADE;
export const LEAD_GRADES = ALL_LEAD_GRADE;
export const SOURCES = ALL_CUSTOMER_SOURCE;
export const CONTACT_TIMES = ALL_CONTACT_TIME;

const VW_MODELS = [
  "速腾 Sagitar",
  "迈腾 Magotan",
  "宝来 Bora",
  "捷达 Jetta",
  "高尔夫 Golf",
  "探岳 Tayron",
  "探歌 T-Roc",
  "CC",
  "ID.4 CROZZ",
  "ID.6 CROZZ",
];
const AUDI_MODELS = ["A3L", "A4L", "A6L", "Q2L", "Q3", "Q5L", "Q4 e-tron"];

export const BRANDS: { brand: string; models: string[] }[] = [
  { brand: "一汽-大众 FAW-VW", models: VW_MODELS },
  { brand: "一汽奥迪 FAW Audi", models: AUDI_MODELS },
  { brand: "Audi", models: AUDI_MODELS },
  { brand: "Volkswagen", models: VW_MODELS },
];

/** The models to suggest for a brand; every known model when the brand is not one of ours. */
export function modelsFor(brand: string | undefined): string[] {
  const known = BRANDS.find((b) => b.brand === brand?.trim());
  return known ? known.models : [...VW_MODELS, ...AUDI_MODELS];
}

/**
 * The AutoComplete suggestions for what is typed: a case-insensitive match
 * anywhere, or every option while the field is empty or holds one of them
 * (so that a chosen brand can be changed without clearing it first).
 */
export function suggest(options: string[], typed: string | undefined): { value: string }[] {
  const needle = (typed ?? "").trim().toLowerCase();
  const showAll = needle === "" || options.includes(typed ?? "");
  return options.filter((option) => showAll || option.toLowerCase().includes(needle)).map((value) => ({ value }));
}
