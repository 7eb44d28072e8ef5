import { useQuery } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { complaintAlertsQuery } from "./queries";

export const ALERT_POLL_MS = 60_000;

/**
 * The escalated open complaints for the navigation's badge: read when a
 * complaint changes on any desk, every minute (a check records the escalations
 * the clock has made due) and whenever `trigger` changes (navigation). A
 * service manager gets a notification for each escalation a check raised, and
 * one whenever a low score on a follow-up call has opened a complaint nobody
 * has taken yet.
 */
export function useComplaintAlerts(
  trigger: unknown,
  manager: boolean,
  onOpen: (complaintId: number) => void,
): { escalated: number; fromCalls: number; refresh: () => void } {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const query = useQuery({
    ...complaintAlertsQuery,
    refetchInterval: ALERT_POLL_MS,
    // The clock escalates while the window is hidden too; the manager sees it on coming back.
    refetchIntervalInBackground: true,
  });
  const { data: alerts, refetch } = query;
  const lastFromCalls = useRef<number | null>(null);
  // Read when an alert is raised or clicked: the latest of each, without
  // raising the last read's alerts again when they change.
  const openRef = useRef(onOpen);
  const managerRef = useRef(manager);
  useLayoutEffect(() => {
    openRef.current = onOpen;
    managerRef.current = manager;
  });

  // Each new read's alerts, once: the notifications live outside React.
  useEffect(() => {
    if (!alerts) return;
    const before = lastFromCalls.current;
    lastFromCalls.current = alerts.fromCallsUnassigned;
    if (!managerRef.current) return;
    if (before !== null && alerts.fromCallsUnassigned > before) {
      notification.warning({
        key: "complaints-from-calls",
        title: t("complaints.alerts.fromCalls", { count: alerts.fromCallsUnassigned }),
        duration: 0,
        props: { "data-testid": "complaint-alert-from-calls" } as Record<string, string>,
      });
    }
    for (const raised of alerts.raised) {
      notification.warning({
        key: `complaint-escalated-${raised.complaintId}-${raised.reason}`,
        title: t("complaints.alerts.escalated", { number: raised.number }),
        description: t(`complaints.escalations.${raised.reason}`),
        duration: 0,
        onClick: () => openRef.current(raised.complaintId),
        props: { "data-testid": `complaint-alert-${raised.complaintId}` } as Record<string, string>,
      });
    }
  }, [alerts, notification, t]);

  // A move in the app reads the counts again (the first render's read is the query's own).
  const seenTrigger = useRef(trigger);
  useEffect(() => {
    if (Object.is(seenTrigger.current, trigger)) return;
    seenTrigger.current = trigger;
    void refetch();
  }, [trigger, refetch]);

  return {
    escalated: alerts?.escalatedOpen ?? 0,
    fromCalls: alerts?.fromCallsUnassigned ?? 0,
    refresh: () => void refetch(),
  };
}
