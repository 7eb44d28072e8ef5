import { Alert, Button, Typography } from "antd";
import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language, QcCheck, QcItemResult } from "../bindings";
import { formatDateTime } from "../format";
import { refusalContext, refusalText, type Refusal } from "./issues";

/**
 * What the visit page has to say above the current step: the last refusal
 * (every issue, the ones not allowed now first; for a save refused because
 * someone else changed the visit, who and when, and a button to reload it)
 * and the failed quality check that sent the vehicle back to repair.
 */
export const VisitAlerts = forwardRef<
  HTMLDivElement,
  {
    refusal: Refusal | null;
    failedCheck?: QcCheck | null;
    lang: Language;
    total?: number;
    /** Reads the visit again and fills the forms from it. */
    onReload?: () => void;
  }
>(function VisitAlerts({ refusal, failedCheck, lang, total, onReload }, ref) {
  const { t } = useTranslation();
  if (!refusal && !failedCheck) return null;
  const issues = refusal
    ? [...refusal.issues].sort((a, b) => Number(b.kind === "invalid_state") - Number(a.kind === "invalid_state"))
    : [];
  const notNow = issues.length > 0 && issues.every((i) => i.kind === "invalid_state");
  const stale = issues.some((i) => i.kind === "stale");
  return (
    <div data-testid="visit-alert" className="visit-alerts" ref={ref} role="alert">
      {refusal && (
        <Alert
          type={notNow ? "warning" : "error"}
          showIcon
          title={notNow ? t("visits.refusal.notNowTitle") : t("form.errorsTitle", { n: issues.length })}
          action={
            stale &&
            onReload && (
              <Button size="small" onClick={onReload} data-testid="visit-reload">
                {t("common.reload")}
              </Button>
            )
          }
          description={
            <ul className="form-errors-list">
              {issues.map((issue, i) => {
                const context = refusalContext(issue, t);
                return (
                  <li key={`${issue.field ?? ""}-${issue.kind}-${i}`} data-field={issue.field ?? ""} data-kind={issue.kind}>
                    {context && <Typography.Text strong>{context} · </Typography.Text>}
                    {refusalText(issue, refusal.action, t, { lang, total })}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      {failedCheck && (
        <Alert
          type="warning"
          showIcon
          title={t("visits.qc.failedTitle", {
            who: failedCheck.inspector,
            at: formatDateTime(failedCheck.at, lang),
          })}
          description={<FailedItems items={failedCheck.items} />}
        />
      )}
    </div>
  );
});

/** The failed items of a check with what is wrong. */
export function FailedItems({ items }: { items: QcItemResult[] }) {
  const { t } = useTranslation();
  const failed = items.filter((i) => i.result === "fail");
  if (failed.length === 0) return null;
  return (
    <ul className="qc-failed-items">
      {failed.map((i) => (
        <li key={i.item} data-item={i.item}>
          <Typography.Text strong>
            {i.note ? t("common.labelled", { field: t(`visits.qc.items.${i.item}.title`) }) : t(`visits.qc.items.${i.item}.title`)}
          </Typography.Text>
          {i.note && <span className="pre-wrap">{i.note}</span>}
        </li>
      ))}
    </ul>
  );
}
