import { createContext, useCallback, useContext } from "react";
import type { Action, BackupInfo, SessionInfo } from "../bindings";

/** Why the sign-in screen is shown again, for the notice above it. */
export type SignInNotice =
  | { kind: "signedOut" }
  | { kind: "expired" }
  | { kind: "restored"; backup: BackupInfo }
  /** The desk's database was moved up to the dealership's server. */
  | { kind: "moved" };

/** The signed-in member and what the screens may do with the session. */
export type Session = {
  info: SessionInfo;
  /** Minutes without activity before the screen locks (0 = never). */
  lockMinutes: number;
  /** Counts the unlocks, so that what was refused while locked is read again. */
  resumed: number;
  /** Locks the screen now. */
  lock: () => void;
  signOut: () => void;
  /** The backend ended everyone's session (a restored backup, a move to the server): back to sign-in. */
  end: (notice: SignInNotice) => void;
  /** Reads the session again: the member's own account or the lock time changed. */
  refresh: () => void;
};

export const SessionContext = createContext<Session | null>(null);

/** The session; only the signed-in shell is rendered inside one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside the signed-in shell");
  return session;
}

/**
 * Whether the member's role may take an action, to hide or disable what the
 * backend would refuse anyway. Outside a session nothing is allowed.
 */
export function useCan(): (action: Action) => boolean {
  const session = useContext(SessionContext);
  const allowed = session?.info.allowedActions;
  return useCallback((action: Action) => allowed?.includes(action) ?? false, [allowed]);
}
