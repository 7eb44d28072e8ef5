// The commands of the generated bindings, each behind the session guard: a
// refusal because nobody is signed in (`unauthenticated`) or because the
// screen is locked (`locked`) is reported to the sign-in gate, which shows the
// sign-in or the lock screen; the caller still receives the refusal as usual,
// so a form keeps what was typed and can be saved again after unlocking.
// Screens call `api.…`, never `commands.…` directly.

import { commands, isCommandError } from "./bindings";

export type SessionRefusal = "unauthenticated" | "locked";

type Listener = (refusal: SessionRefusal) => void;
const listeners = new Set<Listener>();

/** Calls `listener` whenever a command is refused for the session; returns the unsubscribe. */
export function onSessionRefusal(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The session refusal a rejected command carries, if it is one. */
export function sessionRefusal(error: unknown): SessionRefusal | null {
  if (!isCommandError(error)) return null;
  return error.kind === "unauthenticated" || error.kind === "locked" ? error.kind : null;
}

type Commands = typeof commands;
type AnyCommand = (...args: never[]) => Promise<unknown>;

function guarded<F extends AnyCommand>(command: F): F {
  const run = (...args: Parameters<F>) =>
    command(...args).catch((error: unknown) => {
      const refusal = sessionRefusal(error);
      if (refusal) for (const listener of [...listeners]) listener(refusal);
      throw error;
    });
  return run as F;
}

export const api: Commands = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [name, guarded(command as AnyCommand)]),
) as Commands;
