import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintState, Escalation } from "../bindings";
import { STATE_COLOUR } from "./model";

/** The complaint's state, its raw value in `data-state` for the tests. */
export function ComplaintStateTag({ state, testId }: { state: ComplaintState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOUR[state]} data-testid={testId} data-state={state}>
      {t(`complaints.states.${state}`)}
    </Tag>
  );
}

/** "Escalated" in red, the reasons in its title. */
export function EscalatedTag({ escalations, testId }: { escalations: Escalation[]; testId?: string }) {
  const { t } = useTranslation();
  if (escalations.length === 0) return null;
  const reasons = [...new Set(escalations.map((e) => e.reason))].map((r) => t(`complaints.escalations.${r}`));
  return (
    <Tag color="red" data-testid={testId} title={reasons.join("；")}>
      {t("complaints.list.escalated")}: {reasons.join("；")}
    </Tag>
  );
}
