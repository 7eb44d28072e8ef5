import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import enUS from "antd/locale/en_US";
import zhCNLocale from "antd/locale/zh_CN";
import type { Locale } from "antd/es/locale";
import type { Language } from "../bindings";
import en from "./en";
import zhCN from "./zh-CN";

export const LANGUAGES: readonly Language[] = ["zh-CN", "en"];

// i18next keeps (and extends) the objects it is given: copies, so that adding
// the service screens' texts leaves the imported base texts as they are.
export const resources = {
  "zh-CN": { translation: { ...zhCN } },
  en: { translation: { ...en } },
} as const;

i18n.use(initReactI18next).init({
  resources,
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** dayjs's name for each language. */
const DAYJS_LOCALE: Record<Language, string> = { "zh-CN": "zh-cn", en: "en" };

/** antd's component texts (date pickers, empty states, pagination) per language. */
export const ANTD_LOCALE: Record<Language, Locale> = { "zh-CN": zhCNLocale, en: enUS };

/** Switches every text at once: i18next, dayjs and the document's `lang`. */
export async function applyLanguage(language: Language): Promise<void> {
  dayjs.locale(DAYJS_LOCALE[language]);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

/**
 * Fetches the service screens' texts (a chunk of their own) and adds them to
 * both languages; the signed-in shell waits for it before it is shown.
 */
export async function loadModuleMessages(): Promise<void> {
  const { addModuleMessages } = await import("./modules");
  addModuleMessages();
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export default i18n;
