import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { SessionContext, type Session } from "../auth/session";
import type { Language, Role } from "../bindings";
import { applyLanguage } from "../i18n";
import { LiveData, newQueryClient } from "../live";
import { Providers } from "../shell/Providers";
import { sessionInfo } from "./fixtures";

/** A signed-in session for a screen rendered on its own; the callbacks do nothing unless given. */
export function testSession(role: Role = "administrator", overrides: Partial<Session> = {}): Session {
  return {
    info: sessionInfo(role),
    lockMinutes: 10,
    resumed: 0,
    lock: () => {},
    signOut: () => {},
    end: () => {},
    refresh: () => {},
    ...overrides,
  };
}

/** Renders inside the app's providers, in the given language, signed in (as the administrator by default). */
export async function renderIn(lang: Language, ui: ReactElement, session: Session = testSession()) {
  await applyLanguage(lang);
  return render(
    <Providers lang={lang}>
      <SessionContext.Provider value={session}>
        <LiveData client={testQueryClient()}>{ui}</LiveData>
      </SessionContext.Provider>
    </Providers>,
  );
}

/** A query cache of one test's own, that reports a failed read at once (no retry). */
export function testQueryClient() {
  const client = newQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return client;
}
