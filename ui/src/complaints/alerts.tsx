import { App } from "antd";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useOnChange } from "../live";
import type { ComplaintAlerts } from "../bindings";

export const ALERT_POLL_MS = 60_000;

/**
 * The escalated open complaints for the navigation's badge, read every
 * minute and whenever `trigger` changes (navigation); a service manager gets a
 * notification for each escalation a check raised, and one whenever a low score
 * on a follow-up call has opened a complaint nobody has taken yet.
 */
export function useComplaintAlerts(
  trigger: unknown,
  manager: boolean,
  onOpen: (complaintId: number) => void,
): { escalated: number; fromCalls: number; refresh: () => void } {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const [escalated, setEscalated] = useState(0);
  const [fromCalls, setFromCalls] = useState(0);
  const lastFromCalls = useRef<number | null>(null);
  // Read when an alert is raised or clicked, never while rendering: the latest
  // of each, without making every poll's callback new.
  const openRef = useRef(onOpen);
  const managerRef = useRef(manager);
  useLayoutEffect(() => {
    openRef.current = onOpen;
    managerRef.current = manager;
  });

  const show = useCallback(
    (alerts: ComplaintAlerts) => {
      setEscalated(alerts.escalatedOpen);
      setFromCalls(alerts.fromCallsUnassigned);
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
    },
    [notification, t],
  );

  const refresh = useCallback(() => {
    api
      .complaintAlerts()
      .then(show)
      .catch(() => {
        // The badge keeps its last count; the next check tries again.
      });
  }, [show]);

  useEffect(() => {
    refresh();
  }, [trigger]);

  useEffect(() => {
    const timer = window.setInterval(refresh, ALERT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  // A complaint registered, assigned or escalated on any desk: counted again at once.
  useOnChange(["complaint"], refresh);

  return { escalated, fromCalls, refresh };
}
