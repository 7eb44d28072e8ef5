import { api } from "../api";

/**
 * The complaints' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The complaints, the open ones only or all. */
export function complaintListQueryOf(openOnly: boolean) {
  return {
    queryKey: ["complaint", "list", openOnly] as const,
    queryFn: () => api.listComplaints(openOnly),
    // A row names the customer, the car and the handler.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}
