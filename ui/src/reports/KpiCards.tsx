import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { Card, Col, Row, Tag, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Figure, KpiCard, KpiKey, Language } from "../bindings";
import { Chart } from "../charts/Chart";
import { formatChange, formatFigure, formatShare, hasValue } from "../figures";
import { direction, groupCards, rose, standing } from "./model";
import { sparklineOption, sparklineText } from "./options";

/** The cards of the dashboard, by section; a click on a card opens the records behind its figure. */
export function KpiCards({ cards, lang, onOpen }: { cards: readonly KpiCard[]; lang: Language; onOpen: (key: KpiKey) => void }) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupCards(cards), [cards]);
  return (
    <div className="report-groups">
      {groups.map((group) => (
        <section key={group.key} className="report-group" data-testid={`kpi-group-${group.key}`}>
          <Typography.Title level={5} className="report-group-title">
            {t(`reports.groups.${group.key}`)}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {group.cards.map((card) => (
              <Col key={card.key} xs={24} sm={12} lg={8} xxl={6}>
                <KpiCardView card={card} lang={lang} onOpen={() => onOpen(card.key)} />
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </div>
  );
}

/**
 * One KPI: its name, the period's value in big type (with its counts when a
 * share), the target and whether it is met (green or red; no colour without a
 * target or a value), the previous period and a year earlier with the change,
 * and the last 12 months as a small line.
 */
function KpiCardView({ card, lang, onOpen }: { card: KpiCard; lang: Language; onOpen: () => void }) {
  const { t } = useTranslation();
  const name = t(`locale.kpiKey.${card.key}`);
  const status = standing(card);
  const value = formatFigure(card.current.value, card.unit, lang);
  const share = formatShare(card.current);
  const option = useMemo(() => sparklineOption(card, lang), [card, lang]);
  const noData = !hasValue(card.current.value);

  return (
    <Card
      size="small"
      hoverable
      className={`kpi-card kpi-${status}`}
      data-testid={`kpi-card-${card.key}`}
      data-status={status}
      onClick={onOpen}
      title={
        <Tooltip title={t("reports.openRecords")}>
          <span className="kpi-name">{name}</span>
        </Tooltip>
      }
      extra={
        status === "none" ? null : (
          <Tag color={status === "met" ? "success" : "error"} data-testid={`kpi-status-${card.key}`}>
            {t(`locale.report.${status}`)}
          </Tag>
        )
      }
    >
      <div className="kpi-main">
        <button
          type="button"
          className={`kpi-value tabular${noData ? " kpi-no-data" : ""}`}
          data-testid={`kpi-value-${card.key}`}
          aria-label={`${name}: ${value}. ${t("reports.openRecords")}`}
          onClick={(event) => {
            event.stopPropagation();
            onOpen();
          }}
        >
          {value}
        </button>
        {share && (
          <Typography.Text type="secondary" className="kpi-share tabular" data-testid={`kpi-share-${card.key}`}>
            {share}
          </Typography.Text>
        )}
      </div>
      <div className="kpi-target" data-testid={`kpi-target-${card.key}`}>
        <Typography.Text type="secondary">{t("locale.report.target")}</Typography.Text>{" "}
        <span className="tabular">
          {hasValue(card.target) ? formatFigure(card.target, card.unit, lang) : t("locale.report.noTarget")}
        </span>
      </div>
      <Comparison card={card} label={t("locale.report.previous")} earlier={card.previous} lang={lang} which="previous" />
      <Comparison card={card} label={t("locale.report.yearAgo")} earlier={card.yearAgo} lang={lang} which="yearAgo" />
      <div className="kpi-trend" title={t("locale.report.trend")}>
        <Chart
          option={option}
          lang={lang}
          height={44}
          label={`${name} · ${t("locale.report.trend")}`}
          value={sparklineText(card, lang)}
          testId={`kpi-trend-${card.key}`}
        />
      </div>
    </Card>
  );
}

/** An earlier figure and the change since, its arrow coloured for better (green) or worse (red). */
function Comparison({
  card,
  label,
  earlier,
  lang,
  which,
}: {
  card: KpiCard;
  label: string;
  earlier: Figure;
  lang: Language;
  which: "previous" | "yearAgo";
}) {
  const { t } = useTranslation();
  const how = direction(card, earlier.value);
  const change = formatChange(card.current.value, earlier.value, card.unit, lang);
  const icon = how === "same" ? <MinusOutlined /> : rose(card, earlier.value) ? <ArrowUpOutlined /> : <ArrowDownOutlined />;
  return (
    <div className="kpi-compare" data-testid={`kpi-${which}-${card.key}`}>
      <Typography.Text type="secondary" className="kpi-compare-label">
        {label}
      </Typography.Text>
      <span className="tabular">{formatFigure(earlier.value, card.unit, lang)}</span>
      {how !== "none" && (
        <span
          className={`kpi-change kpi-change-${how} tabular`}
          data-testid={`kpi-change-${which}-${card.key}`}
          data-direction={how}
          title={`${t("reports.change")}: ${t(`reports.${how}`)}`}
        >
          {icon} {change}
        </span>
      )}
    </div>
  );
}
