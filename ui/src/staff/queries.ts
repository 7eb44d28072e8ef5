import { api } from "../api";

/**
 * The staff accounts' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** Every staff account, the disabled ones too. */
export const staffListQuery = {
  queryKey: ["staff", "list"] as const,
  queryFn: () => api.listStaff(),
};
