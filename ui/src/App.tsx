import { App as AntApp } from "antd";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "./api";
import { whenSomeoneActs } from "./boot";
import { AuthGate } from "./auth/AuthGate";
import type { AuthStatus, Language, Preferences, StartStatus } from "./bindings";
import { errorText } from "./errors";
import { applyLanguage, loadModuleMessages } from "./i18n";
import { Loading } from "./shell/Loading";
import { Providers } from "./shell/Providers";

// The signed-in shell (navigation, settings, and through it every module) and
// the service screens' texts are chunks of their own: the first paint — the
// sign-in or first-start form — does not wait for them.
const loadShell = () => Promise.all([import("./shell/Shell"), loadModuleMessages()]).then(([shell]) => shell);
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

// The first start's database chooser and the start failure: seldom shown, so a chunk of their own.
const StartScreen = lazy(() => import("./database/StartScreen").then((m) => ({ default: m.StartScreen })));

/**
 * A desk whose database is open; `language`: the one switched to before it
 * was (none held it then); `status`: who is signed in, asked as it opened.
 */
type Started = { language: Language | null; status: Promise<AuthStatus> };

/**
 * Asks who is signed in, at once: the sign-in gate takes the answer (or the
 * refusal, which it reports) when it is shown, rather than asking after the
 * preferences have been read.
 */
function askStatus(): Promise<AuthStatus> {
  const status = api.authStatus();
  status.catch(() => {
    // The gate reports it.
  });
  return status;
}

/**
 * First asks whether the desk's database is open: the command line or the
 * choice made before names it, and a new install chooses it in the window
 * (`StartScreen`), as it does when the chosen database could not be opened.
 * Then the desk.
 */
export default function App() {
  const [started, setStarted] = useState<Started | null>(null);
  const [start, setStart] = useState<StartStatus | null>(null);

  useEffect(() => {
    let current = true;
    api
      .startStatus()
      .then(async (status) => {
        if (!current) return;
        if (status.stage === "ready") {
          setStarted({ language: null, status: askStatus() });
          return;
        }
        await applyLanguage(status.language);
        if (current) setStart(status);
      })
      .catch(() => {
        // Not knowing is no reason not to try: the sign-in gate reports what fails.
        if (current) setStarted({ language: null, status: askStatus() });
      });
    return () => {
      current = false;
    };
  }, []);

  if (started) return <Desk chosenLanguage={started.language} firstStatus={started.status} />;
  if (!start) return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      <StartScreen status={start} onReady={(language) => setStarted({ language, status: askStatus() })} />
    </Suspense>
  );
}

/**
 * Starts in the language the backend remembers (or the OS suggests), then
 * switches everything at once — texts, antd, dates — without a reload. The
 * language is chosen before anyone signs in: the sign-in screen speaks it too.
 */
function Desk({ chosenLanguage, firstStatus }: { chosenLanguage: Language | null; firstStatus: Promise<AuthStatus> }) {
  const [language, setLanguage] = useState<Language | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api
      .getPreferences()
      .then(async (found) => {
        // A language switched to on the start screen, before any database held one, is kept.
        const prefs =
          chosenLanguage && !found.languageChosen
            ? { ...found, language: chosenLanguage, languageChosen: true }
            : found;
        if (prefs !== found) {
          api.setLanguage(prefs.language).catch(() => {
            // Kept for this session; the next start asks the operating system again.
          });
        }
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
  }, [chosenLanguage]);

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

  // Said once, at start: switching the language does not say it again.
  const warned = useRef<unknown>(null);
  useEffect(() => {
    if (!startError || warned.current === startError) return;
    warned.current = startError;
    message.warning(`${t("app.startFailed")}: ${errorText(startError, t)}`);
  }, [startError, message, t]);

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
