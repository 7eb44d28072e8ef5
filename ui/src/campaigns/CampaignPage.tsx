import { PrinterOutlined } from "@ant-design/icons";
import { App, Button, Flex, Result, Skeleton, Space, Tabs, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan, useSession } from "../auth/session";
import type { Campaign, CampaignPaper, CampaignStatus, CareKind, Language, Printed, Segment } from "../bindings";
import { errorText, toIssues } from "../errors";
import { formatDate, formatMoney } from "../format";
import { PrintedNotice } from "../visits/Print";
import { Fact } from "../visits/ui";
import { CheckInTab } from "./CheckInTab";
import { GuestsTab } from "./GuestsTab";
import { LotteryTab } from "./LotteryTab";
import { STATUS_MOVES, campaignIssueText } from "./model";
import { PlanForm, PlanView } from "./PlanForm";
import { ResultsTab } from "./ResultsTab";
import { SegmentBuilder } from "./SegmentBuilder";
import { CampaignStatusTag } from "./ui";

/** Filters the segment builder starts from instead of the saved ones (a care list's). */
export type SegmentPrefill = { segment: Segment; from?: CareKind };

export type CampaignTab = "plan" | "segment" | "guests" | "checkin" | "lottery" | "results";

const PAPERS: CampaignPaper[] = ["invitations", "budget", "lottery"];

/**
 * One campaign: its header (theme, status, dates, venue), the manager's status
 * moves and the printed papers, and the tabs — plan, segment, guests, check-in,
 * lottery, results. With `campaignId` null it is a new campaign: the plan (and
 * the segment, to see whom it would reach) until the plan is saved.
 */
export function CampaignPage({
  campaignId,
  initial,
  prefill,
  startTab,
  lang,
  onCreated,
  onChanged,
}: {
  campaignId: number | null;
  initial?: Campaign;
  prefill?: SegmentPrefill;
  startTab?: CampaignTab;
  lang: Language;
  /** A new campaign's plan was saved: the page becomes that campaign's, with the segment as it stands. */
  onCreated?: (campaign: Campaign, segment: SegmentPrefill | undefined) => void;
  /** Something was written: the list reads again. */
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const resumed = useSession().resumed;
  const [campaign, setCampaign] = useState<Campaign | null>(initial && initial.id === campaignId ? initial : null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<CampaignTab>(startTab ?? (prefill ? "segment" : "plan"));
  const [moving, setMoving] = useState<CampaignStatus | null>(null);
  const [printing, setPrinting] = useState<CampaignPaper | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const draft = useRef<Segment | null>(prefill?.segment ?? null);

  useEffect(() => {
    if (campaignId === null) return;
    let current = true;
    api
      .getCampaign(campaignId)
      .then((c) => {
        if (!current) return;
        setCampaign(c);
        setFailure(null);
      })
      .catch((e: unknown) => current && setFailure(errorText(e, t)));
    return () => {
      current = false;
    };
  }, [campaignId, attempt, resumed]);

  const reread = () => {
    setAttempt((n) => n + 1);
    onChanged?.();
  };

  const saved = (next: Campaign) => {
    setCampaign(next);
    onChanged?.();
  };

  if (campaignId !== null && failure && !campaign) {
    return (
      <div data-testid="campaign-page">
        <Result
          status="warning"
          title={t("common.loadFailed")}
          subTitle={failure}
          extra={<Button onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</Button>}
        />
      </div>
    );
  }
  if (campaignId !== null && (!campaign || campaign.id !== campaignId)) {
    return (
      <div data-testid="campaign-page" aria-busy="true" className="panel">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  const c = campaignId === null ? null : campaign;
  const plan = can("plan_campaigns");

  const move = async (to: CampaignStatus) => {
    if (!c) return;
    setMoving(to);
    try {
      const next = await api.setCampaignStatus(c.id, to);
      message.success(t("campaigns.page.movedTo", { status: t(`campaigns.status.${to}`) }));
      saved(next);
    } catch (error) {
      message.error(toIssues(error).map((i) => campaignIssueText(i, t, "status")).join("；"));
    } finally {
      setMoving(null);
    }
  };

  const print = async (paper: CampaignPaper) => {
    if (!c) return;
    setPrinting(paper);
    try {
      setPrinted(await api.printCampaign(c.id, paper, lang));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setPrinting(null);
    }
  };

  const segmentBuilder = (
    <SegmentBuilder
      campaign={c}
      initial={prefill?.segment ?? c?.segment ?? {}}
      prefilledFrom={prefill?.from}
      lang={lang}
      onChange={(s) => {
        draft.current = s;
      }}
      onSaved={saved}
    />
  );

  const label = (key: CampaignTab) => <span data-testid={`campaign-tab-${key}`}>{t(`campaigns.tabs.${key}`)}</span>;
  const items = c
    ? [
        {
          key: "plan",
          label: label("plan"),
          children: plan ? <PlanForm campaign={c} lang={lang} onSaved={saved} /> : <PlanView campaign={c} lang={lang} />,
        },
        { key: "segment", label: label("segment"), children: segmentBuilder },
        { key: "guests", label: label("guests"), children: tab === "guests" ? <GuestsTab campaign={c} lang={lang} onChanged={reread} /> : null },
        { key: "checkin", label: label("checkin"), children: tab === "checkin" ? <CheckInTab campaign={c} lang={lang} onChanged={reread} /> : null },
        { key: "lottery", label: label("lottery"), children: tab === "lottery" ? <LotteryTab campaign={c} lang={lang} onChanged={reread} /> : null },
        { key: "results", label: label("results"), children: tab === "results" ? <ResultsTab key={attempt} campaign={c} lang={lang} /> : null },
      ]
    : [
        {
          key: "plan",
          label: label("plan"),
          children: (
            <PlanForm
              campaign={null}
              lang={lang}
              onSaved={(created) => {
                const segment = draft.current;
                onCreated?.(
                  created,
                  segment && Object.keys(segment).length > 0 ? { segment, from: prefill?.from } : undefined,
                );
              }}
            />
          ),
        },
        { key: "segment", label: label("segment"), children: segmentBuilder },
      ];

  return (
    <div className="campaign-page" data-testid="campaign-page" data-status={c?.status ?? "new"} data-campaign-id={c?.id ?? ""}>
      <div className="panel campaign-head">
        <Flex justify="space-between" align="start" gap={16} wrap>
          <div>
            <Flex gap={10} align="center" wrap>
              <Typography.Title level={3} className="visit-title" data-testid="campaign-title">
                {c ? c.theme : t("campaigns.page.newTitle")}
              </Typography.Title>
              {c && <CampaignStatusTag status={c.status} testId="campaign-status" />}
            </Flex>
            {c && (
              <div className="visit-facts visit-head-facts">
                <Fact label={t("campaigns.page.dates")}>
                  <span className="tabular" data-testid="campaign-dates">
                    {t("campaigns.list.range", { from: formatDate(c.startsOn, lang), to: formatDate(c.endsOn, lang) })}
                  </span>
                </Fact>
                <Fact label={t("campaigns.fields.venue")}>{c.venue || "—"}</Fact>
                <Fact label={t("campaigns.page.turnout")}>
                  <span className="tabular">
                    {t("campaigns.page.turnoutText", { invited: c.turnout.invited, yes: c.turnout.yes, attended: c.turnout.attended })}
                  </span>
                </Fact>
                <Fact label={t("campaigns.budget.plannedTotal")}>
                  <span className="tabular">{formatMoney(c.budget.planned, lang)}</span>
                </Fact>
                <Fact label={t("campaigns.page.createdBy")}>{c.createdBy}</Fact>
              </div>
            )}
          </div>
          {c && (
            <Flex vertical gap={8} align="end">
              {plan && STATUS_MOVES[c.status].length > 0 && (
                <Space wrap>
                  {STATUS_MOVES[c.status].map((to) => (
                    <Button
                      key={to}
                      type={to === "draft" ? "default" : "primary"}
                      loading={moving === to}
                      disabled={moving !== null && moving !== to}
                      onClick={() => move(to)}
                      data-testid={`campaign-status-${to}`}
                    >
                      {t(`campaigns.page.moves.${c.status}_${to}` as "campaigns.page.moves.draft_planned")}
                    </Button>
                  ))}
                </Space>
              )}
              <Space wrap>
                {PAPERS.map((paper) => (
                  <Button
                    key={paper}
                    icon={<PrinterOutlined />}
                    loading={printing === paper}
                    disabled={printing !== null && printing !== paper}
                    onClick={() => print(paper)}
                    data-testid={`campaign-print-${paper}`}
                  >
                    {t(`campaigns.print.${paper}`)}
                  </Button>
                ))}
              </Space>
            </Flex>
          )}
        </Flex>
        {printed && (
          <div className="campaign-printed">
            <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />
          </div>
        )}
      </div>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as CampaignTab)} items={items} className="campaign-tabs" />
    </div>
  );
}
