import { api } from "../api";

/**
 * The database's reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows.
 */

/** Where this desk's data is: the file on this computer or the dealership's server. */
export const databaseInfoQuery = {
  queryKey: ["settings", "database"] as const,
  queryFn: () => api.databaseInfo(),
};
