import { GiftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Col, Row, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import type { Campaign, Draw, Invitation, Language } from "../bindings";
import { toIssues } from "../errors";
import { formatDateTime, formatMoney } from "../format";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { SectionTitle } from "../visits/ui";
import { useInvitations } from "./GuestsTab";
import { campaignIssueText } from "./model";
import { drawsQueryOf } from "./queries";

/**
 * The lottery (抽奖) while the event runs: the prizes with what is left, the
 * checked-in guests who have not drawn yet, one draw each (the backend picks
 * with the system's secure random source), the prize shown big, and the record
 * of every draw. The attendees, the stock (the page's campaign) and the record
 * follow every desk's check-ins and draws by themselves.
 */
export function LotteryTab({ campaign, lang }: { campaign: Campaign; lang: Language }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const changed = useChanged();
  const running = campaign.status === "running";
  const work = can("work_campaigns") && running;
  const { query: guests, rows } = useInvitations(campaign.id);
  const draws = useQuery(drawsQueryOf(campaign.id));
  const [busy, setBusy] = useState<number | null>(null);
  const [result, setResult] = useState<Draw | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const draw = async (guest: Invitation) => {
    setBusy(guest.id);
    setRefusal(null);
    setResult(null);
    try {
      const drawn = await api.drawPrize(guest.id);
      setResult(drawn);
      message.success(t("campaigns.lottery.won", { name: drawn.customerName, prize: drawn.prizeName }));
      changed("campaign");
    } catch (error) {
      setRefusal(toIssues(error).map((i) => campaignIssueText(i, t, "draw")).join("；"));
      // Someone else may have drawn the last prize: read the list and the stock again.
      changed("campaign");
    } finally {
      setBusy(null);
    }
  };

  const waiting = (rows ?? []).filter((g) => g.checkedInAt && !g.prize).sort((a, b) => a.row - b.row);
  const left = campaign.prizes.reduce((n, p) => n + Math.max(0, p.stock - p.drawn), 0);

  return (
    <div className="campaign-lottery" data-testid="campaign-lottery">
      {!running && <Alert type="info" showIcon className="campaign-notice" title={t("campaigns.refusal.drawStatus")} />}
      {(result || refusal) && (
        <div className={result ? "panel lottery-result" : "panel lottery-result lottery-refused"} aria-live="assertive">
          {result && (
            <>
              <div className="small muted">{t("campaigns.lottery.resultFor", { name: result.customerName })}</div>
              <div className="lottery-prize" data-testid="draw-result" data-prize-id={result.prizeId}>
                <GiftOutlined /> {result.prizeName}
              </div>
            </>
          )}
          {refusal && (
            <Typography.Text type="danger" className="lottery-error" data-testid="draw-error">
              {refusal}
            </Typography.Text>
          )}
        </div>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <section className="panel campaign-section">
            <SectionTitle>{t("campaigns.lottery.prizes")}</SectionTitle>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={campaign.prizes}
              locale={{ emptyText: t("campaigns.plan.noPrizes") }}
              columns={[
                { key: "name", title: t("campaigns.fields.name"), render: (_, p) => p.name },
                { key: "stock", title: t("campaigns.fields.stock"), align: "right", render: (_, p) => <span className="tabular">{p.stock}</span> },
                { key: "drawn", title: t("campaigns.lottery.drawn"), align: "right", render: (_, p) => <span className="tabular">{p.drawn}</span> },
                {
                  key: "left",
                  title: t("campaigns.lottery.left"),
                  align: "right",
                  render: (_, p) => {
                    const n = Math.max(0, p.stock - p.drawn);
                    return (
                      <span className={n === 0 ? "tabular overdue-text" : "tabular"} data-testid={`prize-left-${p.id}`} data-value={n}>
                        {n}
                      </span>
                    );
                  },
                },
                {
                  key: "value",
                  title: t("campaigns.fields.unitValue"),
                  align: "right",
                  render: (_, p) => <span className="tabular small">{formatMoney(p.unitValue, lang)}</span>,
                },
              ]}
            />
            {campaign.prizes.length > 0 && left === 0 && (
              <Alert type="warning" showIcon className="campaign-notice" title={t("campaigns.refusal.stockEmpty")} />
            )}
          </section>
        </Col>
        <Col xs={24} xl={14}>
          <section className="panel campaign-section">
            <SectionTitle>{t("campaigns.lottery.waiting", { n: waiting.length })}</SectionTitle>
            {guests.error && <ReadFailure query={guests} />}
            {waiting.length === 0 ? (
              <Typography.Text type="secondary">{t("campaigns.lottery.nobodyWaiting")}</Typography.Text>
            ) : (
              <ul className="plain-list lottery-waiting" data-testid="lottery-waiting">
                {waiting.map((g) => (
                  <li key={g.id} className="lottery-guest" data-invitation-id={g.id}>
                    <span className="call-row-no tabular">{g.row}</span>
                    <span className="lottery-guest-name">{g.customerName}</span>
                    <span className="small muted">{g.plate ?? ""}</span>
                    {work && (
                      <Button
                        type="primary"
                        icon={<GiftOutlined />}
                        loading={busy === g.id}
                        disabled={busy !== null && busy !== g.id}
                        onClick={() => draw(g)}
                        data-testid={`draw-${g.id}`}
                      >
                        {t("campaigns.lottery.draw")}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </Col>
      </Row>
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.lottery.record")}</SectionTitle>
        {draws.error && <ReadFailure query={draws} />}
        <Table<Draw>
          data-testid="draws-table"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={draws.data ?? []}
          loading={draws.isPending && draws.isFetching}
          locale={{ emptyText: t("campaigns.lottery.noDraws") }}
          onRow={(d) => ({ "data-draw-id": d.id, "data-prize-id": d.prizeId }) as React.HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { key: "at", title: t("campaigns.lottery.at"), render: (_, d) => <span className="tabular nowrap">{formatDateTime(d.at, lang)}</span> },
            { key: "who", title: t("campaigns.lottery.attendee"), render: (_, d) => d.customerName },
            { key: "prize", title: t("campaigns.lottery.prize"), render: (_, d) => d.prizeName },
            { key: "operator", title: t("campaigns.lottery.operator"), render: (_, d) => d.operator },
          ]}
        />
      </section>
    </div>
  );
}
