import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import type { Language } from "../bindings";
import { applyLanguage } from "../i18n";
import { Providers } from "../shell/Providers";

/** Renders inside the app's providers, in the given language. */
export async function renderIn(lang: Language, ui: ReactElement) {
  await applyLanguage(lang);
  return render(<Providers lang={lang}>{ui}</Providers>);
}
