import { Button, Tag } from "antd";
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

/** Beside a save refused as stale: reads the complaint again and fills the forms from it. */
export function ReloadButton({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="small" onClick={onReload} data-testid="complaint-reload">
      {t("common.reload")}
    </Button>
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
