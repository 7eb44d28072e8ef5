import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import { LANGUAGES } from "../i18n";

/** 中文 / English, each option a clickable element with its own test id. */
export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (language: Language) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      value={value}
      onChange={onChange}
      aria-label={t("header.language")}
      options={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span data-testid={`lang-${language}`} lang={language}>
            {t(`languages.${language}`)}
          </span>
        ),
      }))}
    />
  );
}
