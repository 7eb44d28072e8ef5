// The shared locale source: one JSON file per language in crates/locale, read
// here and by the printed papers and exports (the caredesk-locale crate). A
// section that names an enum is keyed by the enum's serde names, so a value
// from the backend is labelled with `t(\`locale.kpiKey.${key}\`)`.

import type { Language } from "../bindings";
import localeEn from "../../../crates/locale/en.json";
import localeZh from "../../../crates/locale/zh-CN.json";
import type { LocaleTable } from "./zh-CN";

export const LOCALE: Record<Language, LocaleTable> = { "zh-CN": localeZh, en: localeEn };

/** Fills a locale template's `{name}`s (the locale files use single braces, as the print crate does). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
