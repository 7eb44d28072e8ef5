// The service screens' texts in both languages. Imported with the signed-in
// shell (never by the sign-in screens), so the first paint does not wait for
// them; `addModuleMessages` merges them into i18next's resources.

import i18n from "i18next";
import type { Language } from "../bindings";
import appointmentsEn from "./appointments.en";
import appointmentsZh from "./appointments.zh-CN";
import campaignsEn from "./campaigns.en";
import campaignsZh from "./campaigns.zh-CN";
import complaintsEn from "./complaints.en";
import complaintsZh from "./complaints.zh-CN";
import followupEn from "./followup.en";
import followupZh from "./followup.zh-CN";
import importerEn from "./importer.en";
import importerZh from "./importer.zh-CN";
import reportsEn from "./reports.en";
import reportsZh from "./reports.zh-CN";
import visitsEn from "./visits.en";
import visitsZh from "./visits.zh-CN";
import { LOCALE } from "./locale";
import type { ModuleMessages } from "./zh-CN";

export const MODULE_MESSAGES: Record<Language, ModuleMessages> = {
  "zh-CN": {
    locale: LOCALE["zh-CN"],
    appointments: appointmentsZh,
    visits: visitsZh,
    complaints: complaintsZh,
    followup: followupZh,
    campaigns: campaignsZh,
    importer: importerZh,
    reports: reportsZh,
  },
  en: {
    locale: LOCALE.en,
    appointments: appointmentsEn,
    visits: visitsEn,
    complaints: complaintsEn,
    followup: followupEn,
    campaigns: campaignsEn,
    importer: importerEn,
    reports: reportsEn,
  },
};

/** Adds the service screens' texts to both languages (again is harmless). */
export function addModuleMessages(): void {
  for (const [language, messages] of Object.entries(MODULE_MESSAGES)) {
    i18n.addResourceBundle(language, "translation", messages, true, true);
  }
}
