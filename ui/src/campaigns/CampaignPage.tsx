import { PrinterOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Skeleton, Space, Tabs, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import type { Campaign, CampaignPaper, CampaignStatus, CareKind, Language, Printed, Segment } from "../bindings";
import { errorText, toIssues } from "../errors";
import { formatDate, formatMoney } from "../format";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { PrintedNotice } from "../visits/Print";
import { Fact } from "../visits/ui";
import { CheckInTab } from "./CheckInTab";
import { GuestsTab } from "./GuestsTab";
import { LotteryTab } from "./LotteryTab";
import { campaignIssueText } from "./model";
import { type OwnWrites } from "../live/edit";
import { PlanForm, PlanView } from "./PlanForm";
import { campaignQueryOf, putCampaign } from "./queries";
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
 * The campaign, its guests, check-ins and draws are read again whenever any
 * desk changes them: the header and every tab follow by themselves.
 */
export function CampaignPage({
  campaignId,
  prefill,
  startTab,
  lang,
  onCreated,
}: {
  campaignId: number | null;
  prefill?: SegmentPrefill;
  startTab?: CampaignTab;
  lang: Language;
  /** A new campaign's plan was saved: the page becomes that campaign's, with the segment as it stands. */
  onCreated?: (campaign: Campaign, segment: SegmentPrefill | undefined) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const client = useQueryClient();
  const changed = useChanged();
  // A new campaign has nothing to read until its plan is saved.
  const query = useQuery({ ...campaignQueryOf(campaignId ?? 0), enabled: campaignId !== null });
  const campaign = campaignId === null ? null : (query.data ?? null);
  const [ownWrites, setOwnWrites] = useState<OwnWrites>({});
  const [tab, setTab] = useState<CampaignTab>(startTab ?? (prefill ? "segment" : "plan"));
  const [moving, setMoving] = useState<CampaignStatus | null>(null);
  const [printing, setPrinting] = useState<CampaignPaper | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const draft = useRef<Segment | null>(prefill?.segment ?? null);

  /** This desk wrote the campaign (from `before`): shown at once, and whatever shows campaigns reads again. */
  const saved = (next: Campaign, before: Campaign | null) => {
    if (before && before.updatedAt !== next.updatedAt) {
      setOwnWrites((own) => ({ ...own, [before.updatedAt]: next.updatedAt }));
    }
    putCampaign(client, next);
    changed("campaign");
  };

  if (campaignId !== null && query.error && !campaign) {
    return (
      <div data-testid="campaign-page">
        <ReadFailure query={query} variant="page" />
      </div>
    );
  }
  if (campaignId !== null && !campaign) {
    return (
      <div data-testid="campaign-page" aria-busy="true" className="panel">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  const c = campaign;
  const plan = can("plan_campaigns");

  const move = async (to: CampaignStatus) => {
    if (!c) return;
    setMoving(to);
    try {
      const next = await api.setCampaignStatus(c.id, to);
      message.success(t("campaigns.page.movedTo", { status: t(`campaigns.status.${to}`) }));
      saved(next, c);
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
          children: plan ? (
            <PlanForm campaign={c} ownWrites={ownWrites} lang={lang} onSaved={saved} />
          ) : (
            <PlanView campaign={c} lang={lang} />
          ),
        },
        { key: "segment", label: label("segment"), children: segmentBuilder },
        { key: "guests", label: label("guests"), children: tab === "guests" ? <GuestsTab campaign={c} lang={lang} /> : null },
        { key: "checkin", label: label("checkin"), children: tab === "checkin" ? <CheckInTab campaign={c} lang={lang} /> : null },
        { key: "lottery", label: label("lottery"), children: tab === "lottery" ? <LotteryTab campaign={c} lang={lang} /> : null },
        { key: "results", label: label("results"), children: tab === "results" ? <ResultsTab campaign={c} lang={lang} /> : null },
      ]
    : [
        {
          key: "plan",
          label: label("plan"),
          children: (
            <PlanForm
              campaign={null}
              ownWrites={ownWrites}
              lang={lang}
              onSaved={(created) => {
                saved(created, null);
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
              {plan && c.nextStatuses.length > 0 && (
                <Space wrap>
                  {c.nextStatuses.map((to) => (
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
        {query.error && c && (
          <div className="campaign-printed">
            <ReadFailure query={query} />
          </div>
        )}
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
