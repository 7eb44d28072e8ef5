import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { api, onSessionRefusal } from "../api";
import { bootDone } from "../boot";
import type { AuthStatus, Language, SessionInfo } from "../bindings";
import { Loading } from "../shell/Loading";
import { AuthPage } from "./AuthPage";
import { LockScreen } from "./LockScreen";
import { SessionContext, type Session, type SignInNotice } from "./session";
import { SetupForm } from "./SetupForm";
import { SignInForm } from "./SignInForm";
import { useIdleLock } from "./useIdleLock";

const StatusFailed = lazy(() => import("./StatusFailed").then((m) => ({ default: m.StatusFailed })));

type Gate =
  | { kind: "loading" }
  | { kind: "failed"; error: unknown }
  | { kind: "setup" }
  | { kind: "signIn"; notice: SignInNotice | null }
  | { kind: "signedIn"; info: SessionInfo; lockMinutes: number };

function fromStatus(status: AuthStatus, notice: SignInNotice | null = null): Gate {
  if (status.session) return { kind: "signedIn", info: status.session, lockMinutes: status.lockMinutes };
  if (status.needsSetup) return { kind: "setup" };
  return { kind: "signIn", notice };
}

const withLocked = (gate: Gate): Gate =>
  gate.kind === "signedIn" && !gate.info.locked ? { ...gate, info: { ...gate.info, locked: true } } : gate;

/**
 * Nobody works in CareDesk without signing in. Shows the first-start form
 * (no account yet), the sign-in form, or `children` — the shell — with the
 * session; over it, the lock screen once the session is locked (after the set
 * minutes without activity, by hand, or when a command is refused as locked).
 * A command refused as `unauthenticated` returns to the sign-in form.
 */
export function AuthGate({
  language,
  onLanguage,
  firstStatus,
  children,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  /** The status already asked for at start (the first attempt uses it instead of asking again). */
  firstStatus?: Promise<AuthStatus>;
  children: ReactNode;
}) {
  const [gate, setGate] = useState<Gate>({ kind: "loading" });
  const [resumed, setResumed] = useState(0);

  useEffect(() => {
    let current = true;
    (firstStatus ?? api.authStatus())
      .then((status) => current && setGate(fromStatus(status)))
      .catch((error: unknown) => current && setGate({ kind: "failed", error }));
    return () => {
      current = false;
    };
  }, [firstStatus]);

  /** After a failed first read: asks again; the failure stays shown until the answer. */
  const retry = () => {
    api
      .authStatus()
      .then((status) => setGate(fromStatus(status)))
      .catch((error: unknown) => setGate({ kind: "failed", error }));
  };

  // The first answer, whatever it is, replaces the start screen of index.html
  // (before the browser paints, so the two are never seen together).
  useLayoutEffect(() => {
    if (gate.kind !== "loading") bootDone();
  }, [gate.kind]);

  useEffect(
    () =>
      onSessionRefusal((refusal) =>
        setGate((gate) => {
          if (refusal === "locked") return withLocked(gate);
          return gate.kind === "signedIn" ? { kind: "signIn", notice: { kind: "expired" } } : gate;
        }),
      ),
    [],
  );

  const apply = useCallback((status: AuthStatus) => setGate(fromStatus(status)), []);

  const lock = useCallback(() => {
    // The screen locks at once, whatever the backend answers.
    setGate(withLocked);
    api
      .lock()
      .then((status) => {
        if (!status.session) setGate(fromStatus(status, { kind: "expired" }));
      })
      .catch(() => {
        // Refused as locked or signed out: the guard has already said so.
      });
  }, []);

  const signOut = useCallback(() => {
    const signedOut = () => setGate({ kind: "signIn", notice: { kind: "signedOut" } });
    api.signOut().then(signedOut, signedOut);
  }, []);

  const end = useCallback((notice: SignInNotice) => setGate({ kind: "signIn", notice }), []);

  const refresh = useCallback(() => {
    api
      .authStatus()
      .then((status) => setGate(fromStatus(status, { kind: "expired" })))
      .catch(() => {
        // The shell keeps the session it has; a session refusal was handled by the guard.
      });
  }, []);

  const info = gate.kind === "signedIn" ? gate.info : null;
  const lockMinutes = gate.kind === "signedIn" ? gate.lockMinutes : 0;
  const session = useMemo<Session | null>(
    () => (info ? { info, lockMinutes, resumed, lock, signOut, end, refresh } : null),
    [info, lockMinutes, resumed, lock, signOut, end, refresh],
  );

  switch (gate.kind) {
    case "loading":
      return <Loading />;
    case "failed":
      return (
        <Suspense fallback={<Loading />}>
          <StatusFailed error={gate.error} onRetry={retry} />
        </Suspense>
      );
    case "setup":
      return (
        <AuthPage language={language} onLanguage={onLanguage}>
          <SetupForm onCreated={apply} />
        </AuthPage>
      );
    case "signIn":
      return (
        <AuthPage language={language} onLanguage={onLanguage}>
          <SignInForm notice={gate.notice} lang={language} onSignedIn={apply} />
        </AuthPage>
      );
    case "signedIn":
      return (
        <SessionContext.Provider value={session}>
          {children}
          {gate.info.locked ? (
            <LockScreen
              member={gate.info.staff}
              onUnlocked={(status) => {
                apply(status);
                setResumed((n) => n + 1);
              }}
              onSignOut={signOut}
            />
          ) : (
            <IdleWatch minutes={gate.lockMinutes} onIdle={lock} />
          )}
        </SessionContext.Provider>
      );
  }
}

/** Locks after the set minutes without activity; tells the backend someone is working. */
function IdleWatch({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
  useIdleLock(minutes, onIdle, () => {
    api.touch().catch(() => {
      // A locked or ended session is handled by the guard; anything else can wait for the next minute.
    });
  });
  return null;
}
