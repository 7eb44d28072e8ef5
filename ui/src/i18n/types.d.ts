import type { Messages } from "./zh-CN";

// Makes `t("archive.title")` checked against the message tree at compile time.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}
