import { CopyOutlined } from "@ant-design/icons";
import { App, Button, Col, Empty, Flex, Row, Spin, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Language, VisitId, VisitSummary } from "../bindings";
import { PlateTag } from "../archive/tags";
import { formatMobile } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { boardQueryOf } from "./queries";
import { confirmationText, hhmm, isOpen, isoDate, now, shortDate } from "./model";
import { ReadinessTags, ReplacementCarIcon, StateTag } from "./tags";

/**
 * The day before: a reminder for every customer booked tomorrow, ready to
 * copy into an SMS or WeChat, and what is not yet prepared.
 */
export function TomorrowView({ lang, onOpen }: { lang: Language; onOpen: (id: VisitId) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tomorrow = isoDate(now().add(1, "day"));
  const query = useQuery(boardQueryOf(tomorrow, 1));
  const board = query.data ?? null;
  const error = query.error;

  if (error && !board) return <ReadFailure query={query} variant="page" />;
  if (!board) {
    return (
      <Flex justify="center" className="board-loading">
        <Spin />
      </Flex>
    );
  }

  const visits = board.visits
    .filter((v) => isOpen(v.state) && v.appointmentAt?.slice(0, 10) === tomorrow)
    .sort((a, b) => (a.appointmentAt ?? "").localeCompare(b.appointmentAt ?? ""));
  const ready = visits.filter((v) => v.unprepared.length === 0).length;

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t("appointments.tomorrow.copied"));
    } catch {
      message.error(t("appointments.tomorrow.copyFailed"));
    }
  };

  return (
    <div className="tomorrow" data-testid="tomorrow">
      <Flex align="baseline" gap={16} wrap className="tomorrow-head">
        <Typography.Title level={5} className="section-title">
          {t("appointments.tomorrow.title", { date: shortDate(tomorrow, lang) })}
        </Typography.Title>
        {visits.length > 0 && (
          <Typography.Text data-testid="readiness-count" type={ready < visits.length ? "warning" : "success"}>
            {t("appointments.tomorrow.readinessCount", {
              total: visits.length,
              ready,
              open: visits.length - ready,
            })}
          </Typography.Text>
        )}
      </Flex>
      {visits.length === 0 ? (
        <div className="panel">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("appointments.tomorrow.empty")} />
        </div>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <div className="panel">
              <div className="panel-head">
                <span className="panel-title">{t("appointments.tomorrow.confirmations")}</span>
                <Typography.Text type="secondary" className="small">
                  {t("appointments.tomorrow.confirmationsHint")}
                </Typography.Text>
              </div>
              <ul className="plain-list confirmation-list">
                {visits.map((v) => (
                  <Confirmation key={v.id} visit={v} text={confirmationText(v, t, lang)} onCopy={copy} />
                ))}
              </ul>
            </div>
          </Col>
          <Col xs={24} xl={10}>
            <div className="panel">
              <div className="panel-head">
                <span className="panel-title">{t("appointments.tomorrow.readiness")}</span>
              </div>
              <ul className="plain-list readiness-list">
                {visits.map((v) => (
                  <li key={v.id}>
                    <div
                      role="button"
                      tabIndex={0}
                      className="readiness-row"
                      data-testid={`readiness-${v.id}`}
                      onClick={() => onOpen(v.id)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          onOpen(v.id);
                        }
                      }}
                    >
                      <div className="readiness-who">
                        <span className="appt-time tabular">{hhmm(v.appointmentAt ?? "")}</span>
                        <Typography.Text strong>{v.customerName}</Typography.Text>
                        <PlateTag plate={v.plate} />
                        <Typography.Text type="secondary" className="small">
                          {v.advisorName}
                        </Typography.Text>
                        {v.replacementCar && <ReplacementCarIcon />}
                      </div>
                      <div className="readiness-tags">
                        <ReadinessTags items={v.unprepared} />
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          </Col>
        </Row>
      )}
    </div>
  );
}

function Confirmation({
  visit,
  text,
  onCopy,
}: {
  visit: VisitSummary;
  text: string;
  onCopy: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <li className="confirmation" data-testid={`confirmation-${visit.id}`}>
      <div className="confirmation-body">
        <Flex gap={8} align="center" wrap className="confirmation-who">
          <span className="appt-time tabular">{hhmm(visit.appointmentAt ?? "")}</span>
          <Typography.Text strong>{visit.customerName}</Typography.Text>
          <span className="tabular">{formatMobile(visit.customerMobile)}</span>
          <PlateTag plate={visit.plate} />
          <StateTag state={visit.state} />
        </Flex>
        <Typography.Paragraph className="confirmation-text" data-testid={`confirmation-text-${visit.id}`}>
          {text}
        </Typography.Paragraph>
      </div>
      <Button icon={<CopyOutlined />} onClick={() => onCopy(text)} data-testid={`confirmation-copy-${visit.id}`}>
        {t("appointments.tomorrow.copy")}
      </Button>
    </li>
  );
}
