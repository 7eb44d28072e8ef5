import { App as AntApp } from "antd";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "./api";
import { AuthGate } from "./auth/AuthGate";
import type { Language, Preferences } from "./bindings";
import { errorText } from "./errors";
import { applyLanguage } from "./i18n";
import { Loading } from "./shell/Loading";
import { Providers } from "./shell/Providers";

// The signed-in shell (navigation, settings, and through it every module) is a
// chunk of its own: the first paint — the sign-in or first-start form — does
// not wait for it.
const loadShell = () => import("./shell/Shell");
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/** Runs `work` when the browser has nothing better to do (WebKit has no requestIdleCallback); returns the cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(work, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 300);
  return () => window.clearTimeout(id);
}

/**
 * Starts in the language the backend remembers (or the OS suggests), then
 * switches everything at once — texts, antd, dates — without a reload. The
 * language is chosen before anyone signs in: the sign-in screen speaks it too.
 */
export default function App() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api
      .getPreferences()
      .then(async (prefs) => {
        await applyLanguage(prefs.language);
        if (!current) return;
        setPreferences(prefs);
        setLanguage(prefs.language);
      })
      .catch(async (error: unknown) => {
        // Without preferences the app still works, in Chinese; the notice says why.
        await applyLanguage("zh-CN");
        if (!current) return;
        setStartError(error);
        setLanguage("zh-CN");
      });
    return () => {
      current = false;
    };
  }, []);

  if (language === null) return <Loading />;

  return (
    <Providers lang={language}>
      <Root
        language={language}
        preferences={preferences}
        startError={startError}
        onLanguageChanged={(l) => {
          setLanguage(l);
          setPreferences((p) => (p ? { ...p, language: l, languageChosen: true } : p));
        }}
      />
    </Providers>
  );
}

/** The language switch every screen shares, then the sign-in gate and, inside it, the shell. */
function Root({
  language,
  preferences,
  startError,
  onLanguageChanged,
}: {
  language: Language;
  preferences: Preferences | null;
  startError?: unknown;
  onLanguageChanged: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (startError) message.warning(`${t("app.startFailed")}: ${errorText(startError, t)}`);
    // Once, at start.
  }, [startError]);

  // Once the first screen is painted, the shell and the archive (the module it
  // opens on) are fetched while the person types their password.
  useEffect(
    () =>
      whenIdle(() => {
        loadShell()
          .then(() => import("./archive/ArchiveModule"))
          .catch(() => {
            // Fetched again, and reported, when the shell is shown.
          });
      }),
    [],
  );

  const switchLanguage = useCallback(
    async (next: Language) => {
      if (next === language) return;
      await applyLanguage(next);
      onLanguageChanged(next);
      try {
        await api.setLanguage(next);
      } catch (error) {
        message.error(errorText(error, t));
      }
    },
    [language, message, onLanguageChanged, t],
  );

  return (
    <AuthGate language={language} onLanguage={switchLanguage}>
      <Suspense fallback={<Loading testId="shell-loading" />}>
        <Shell language={language} preferences={preferences} onLanguage={switchLanguage} />
      </Suspense>
    </AuthGate>
  );
}
