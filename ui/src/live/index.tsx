import { hashKey, QueryClient, QueryClientProvider, useQueryClient, type Query, type QueryKey } from "@tanstack/react-query";
import { listen } from "@tauri-apps/api/event";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useSession } from "../auth/session";
import { isCommandError, type ChangeBatch, type ChangeKind, type ErrorKind } from "../bindings";

/**
 * Live screens: every backend read is a TanStack Query query whose key starts
 * with the kind of record it shows (`["visit", "board", …]`); the backend's
 * `changes` event — what any desk committed, gathered for a moment — marks
 * those queries stale, and the ones on screen are read again at once.
 * A query that also shows records of other kinds names them in `meta.kinds`.
 */

/** The event the shell sends (src-tauri/src/changes.rs). */
export const CHANGES_EVENT = "changes";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { kinds?: readonly ChangeKind[] };
  }
}

/** The desk's query cache: read once, kept until a change or a new screen asks again. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // One retry for a read that failed on its way (a server restarting);
        // a refusal (a field refused, a permission) is shown at once, with the screen's Retry.
        retry: (failures, error) => failures < 1 && onItsWay(error),
        // The events say when to read again: no reading on focus or on a timer.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** The kinds of failure that may pass by themselves: the database could not be reached or was busy. */
const PASSING: readonly ErrorKind[] = ["server_unreachable", "unavailable", "storage", "internal"];

/** Whether a read failed on its way rather than being refused. */
function onItsWay(error: unknown): boolean {
  return !isCommandError(error) || PASSING.includes(error.kind);
}

/** Whether `query` shows records of `kind`. */
export function shows(query: Query, kind: ChangeKind): boolean {
  return query.queryKey[0] === kind || (query.meta?.kinds?.includes(kind) ?? false);
}

/** Marks stale what `batch` changed; what is on screen is read again. */
export async function applyChanges(client: QueryClient, batch: ChangeBatch): Promise<void> {
  if (batch.everything) {
    await client.invalidateQueries();
    return;
  }
  const kinds = new Set(batch.changes.map((c) => c.kind));
  if (kinds.size === 0) return;
  await client.invalidateQueries({ predicate: (query) => [...kinds].some((kind) => shows(query, kind)) });
}

/**
 * After this desk's own write: shows at `key` what the write returned, at
 * once, and marks stale every other read that shows records of `kinds`. The
 * record itself is not read again: the write's answer is the record as saved.
 */
export function wrote<T>(client: QueryClient, key: QueryKey, data: T, ...kinds: ChangeKind[]): void {
  client.setQueryData(key, data);
  const written = hashKey(key);
  void client.invalidateQueries({
    predicate: (query) => query.queryHash !== written && kinds.some((kind) => shows(query, kind)),
  });
}

/** Marks stale what shows records of `kind`: after this desk's own write, at once. */
export function useChanged(): (...kinds: ChangeKind[]) => void {
  const client = useQueryClient();
  return (...kinds) => {
    void applyChanges(client, { changes: kinds.map((kind) => ({ kind, id: null })), everything: false });
  };
}

type Subscriber = (batch: ChangeBatch) => void;

/** Who else hears each batch: what is not a query (the complaints' alerts). */
const SubscribersContext = createContext<Set<Subscriber> | null>(null);

/**
 * Runs `then` after each batch that changed records of one of `kinds` (or
 * everything): for what keeps state of its own rather than a query's.
 */
export function useOnChange(kinds: readonly ChangeKind[], then: () => void): void {
  const subscribers = useContext(SubscribersContext);
  const latest = useRef(then);
  useEffect(() => {
    latest.current = then;
  });
  const wanted = kinds.join();
  useEffect(() => {
    if (!subscribers) return;
    const kindsWanted = wanted.split(",");
    const subscriber: Subscriber = (batch) => {
      if (batch.everything || batch.changes.some((c) => kindsWanted.includes(c.kind))) latest.current();
    };
    subscribers.add(subscriber);
    return () => {
      subscribers.delete(subscriber);
    };
  }, [subscribers, wanted]);
}

/** Keeps the queries of the signed-in desk in step with the backend's changes. */
function Listening({ client, subscribers }: { client: QueryClient; subscribers: Set<Subscriber> }) {
  const resumed = useSession().resumed;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let ended = false;
    const heard = (batch: ChangeBatch) => {
      void applyChanges(client, batch);
      subscribers.forEach((subscriber) => subscriber(batch));
    };
    listen<ChangeBatch>(CHANGES_EVENT, (event) => heard(event.payload))
      .then((unlisten) => {
        if (ended) unlisten();
        else stop = unlisten;
      })
      .catch(() => {
        // No backend to listen to (a screen rendered on its own): nothing changes by itself.
      });
    return () => {
      ended = true;
      stop?.();
    };
  }, [client, subscribers]);

  // What was refused while the screen was locked is read again after unlocking.
  useEffect(() => {
    if (resumed > 0) void client.invalidateQueries();
  }, [client, resumed]);

  return null;
}

/** The signed-in desk's query cache, kept live by the backend's changes. */
export function LiveData({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [own] = useState(() => client ?? newQueryClient());
  const [subscribers] = useState(() => new Set<Subscriber>());
  return (
    <QueryClientProvider client={own}>
      <SubscribersContext.Provider value={subscribers}>
        <Listening client={own} subscribers={subscribers} />
        {children}
      </SubscribersContext.Provider>
    </QueryClientProvider>
  );
}
