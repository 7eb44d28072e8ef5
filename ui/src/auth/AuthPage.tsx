import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import { LanguageSwitch } from "../shell/LanguageSwitch";

/** The frame of the first-start and sign-in screens: the mark, the card, the language switch. */
export function AuthPage({
  language,
  onLanguage,
  wide = false,
  children,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  /** A card for a longer form (the first start's database chooser). */
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="auth-page">
      <div className="auth-language">
        <LanguageSwitch value={language} onChange={onLanguage} />
      </div>
      <div className={wide ? "auth-card auth-card-wide" : "auth-card"}>
        <div className="auth-brand">
          <img src="/caredesk.png" alt="" width={44} height={44} className="brand-mark" />
          <div>
            <div className="auth-brand-name">{t("app.name")}</div>
            <div className="auth-brand-tagline">{t("app.tagline")}</div>
          </div>
        </div>
        {children}
      </div>
    </main>
  );
}
