import { App as AntApp } from "antd";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "./api";
import { whenSomeoneActs } from "./boot";
import { AuthGate } from "./auth/AuthGate";
import type { AuthStatus, Language, Preferences } from "./bindings";
import { errorText } from "./errors";
import { applyLanguage, loadModuleMessages } from "./i18n";
import { Loading } from "./shell/Loading";
import { Providers } from "./shell/Providers";

// The signed-in shell (navigation, settings, and through it every module) and
// the service screens' texts are chunks of their own: the first paint — the
// sign-in or first-start form — does not wait for them.
const loadShell = () => Promise.all([import("./shell/Shell"), loadModuleMessages()]).then(([shell]) => shell);
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/**
 * Starts in the language the backend remembers (or the OS suggests), then
 * switches everything at once — texts, antd, dates — without a reload. The
 * language is chosen before anyone signs in: the sign-in screen speaks it too.
 */
export default function App() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [firstStatus, setFirstStatus] = useState<Promise<AuthStatus> | undefined>(undefined);

  useEffect(() => {
    let current = true;
    // Who is signed in is asked now, alongside the preferences, rather than
    // after them: the sign-in gate takes the answer (or the refusal) when it is shown.
    const status = api.authStatus();
    status.catch(() => {
      // The gate reports it.
    });
    setFirstStatus(status);
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
        firstStatus={firstStatus}
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
  firstStatus,
  onLanguageChanged,
}: {
  language: Language;
  preferences: Preferences | null;
  startError?: unknown;
  firstStatus?: Promise<AuthStatus>;
  onLanguageChanged: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (startError) message.warning(`${t("app.startFailed")}: ${errorText(startError, t)}`);
    // Once, at start.
  }, [startError]);

  // The shell and the archive (the module it opens on) are fetched while the
  // person types their password — not before: a desk left at the sign-in
  // screen does not hold the code of every screen in memory.
  useEffect(
    () =>
      whenSomeoneActs(() => {
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
    <AuthGate language={language} onLanguage={switchLanguage} firstStatus={firstStatus}>
      <Suspense fallback={<Loading testId="shell-loading" />}>
        <Shell language={language} preferences={preferences} onLanguage={switchLanguage} />
      </Suspense>
    </AuthGate>
  );
}
