import { api } from "../api";

/**
 * The settings window's reads, as TanStack Query options (see `live`): each
 * key starts with the kind of record it shows, so a change of that kind on
 * any desk reads it again.
 */

/** The lock time and the backup rules. */
export const securitySettingsQuery = {
  queryKey: ["settings", "security"] as const,
  queryFn: () => api.getSettings(),
};

/** The backup folder (one of the settings) and the backups in it. */
export const backupsQuery = {
  queryKey: ["settings", "backups"] as const,
  queryFn: () => api.listBackups(),
};
