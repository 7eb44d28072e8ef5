import { PhoneOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Language, VisitId } from "../bindings";
import { formatDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { visitFollowUpQueryOf } from "../visits/queries";
import { Fact, SectionTitle } from "../visits/ui";
import { CallResult } from "./CallPanel";
import { CallStatusTag } from "./ui";
import "./followup.css";

/**
 * The visit's follow-up call on its page, once handed over: where the call
 * stands, the attempts, and once surveyed the index, the answers and the
 * complaint a hot alert opened. Read-only; the call is worked in 回访.
 */
export function FollowUpCard({ visitId, lang }: { visitId: VisitId; lang: Language }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Read again when the call is worked (an attempt, the survey) on any desk.
  const query = useQuery(visitFollowUpQueryOf(visitId));
  // Undefined until read; null when the visit has no call.
  const detail = query.data;

  return (
    <section className="panel visit-section followup-card" data-testid="visit-followup">
      <SectionTitle
        extra={
          detail && (
            <Button
              size="small"
              icon={<PhoneOutlined />}
              onClick={() => navigate({ module: "followup", callId: detail.call.id })}
              data-testid="visit-followup-open"
            >
              {t("followup.card.open")}
            </Button>
          )
        }
      >
        {t("followup.card.title")}
      </SectionTitle>
      {query.error && detail === undefined ? (
        <ReadFailure query={query} />
      ) : detail === undefined ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : detail === null ? (
        <Typography.Text type="secondary">{t("followup.card.none")}</Typography.Text>
      ) : (
        <>
          <div className="visit-facts">
            <Fact label={t("followup.card.status")}>
              <CallStatusTag call={detail.call} testId="visit-followup-status" />
            </Fact>
            <Fact label={t("followup.panel.window")}>
              <span className="tabular">
                {t("followup.list.windowRange", {
                  from: formatDate(detail.call.dueFrom, lang),
                  to: formatDate(detail.call.dueTo, lang),
                })}
              </span>
            </Fact>
            <Fact label={t("followup.card.attempts")}>
              <span className="tabular" data-testid="visit-followup-attempts">
                {detail.call.attempts}
              </span>
              {detail.call.lastOutcome && (
                <span className="small muted"> · {t(`followup.outcomes.${detail.call.lastOutcome}`)}</span>
              )}
            </Fact>
            <Fact label={t("followup.panel.caller")}>
              {detail.call.callerName ?? <span className="muted">{t("followup.list.notTaken")}</span>}
            </Fact>
          </div>
          <CallResult detail={detail} lang={lang} compact testPrefix="visit-followup" />
        </>
      )}
    </section>
  );
}
