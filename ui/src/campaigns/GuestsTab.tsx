import { ReloadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Input, Segmented, Space, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { Campaign, CampaignId, Invitation, Language, Rsvp } from "../bindings";
import { toIssues } from "../errors";
import { formatDateTime, formatMobile, formatNumber } from "../format";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { RSVPS, RSVP_ANSWERS, campaignIssueText, takesAnswers } from "./model";
import { invitationsQueryOf, putInvitation } from "./queries";
import { ArrivalTag, RsvpTag } from "./ui";

/**
 * The invitation list as it stands, read again whenever a desk changes a guest
 * (an answer, a check-in, a draw); `wrote` shows a guest this desk has just
 * written at once, and has everything that shows campaigns read again.
 */
export function useInvitations(campaignId: CampaignId) {
  const client = useQueryClient();
  const changed = useChanged();
  const query = useQuery(invitationsQueryOf(campaignId));
  const wrote = (guest: Invitation) => {
    putInvitation(client, campaignId, guest);
    changed("campaign");
  };
  return { query, rows: query.data ?? null, wrote };
}

type Filter = Rsvp | "all";

/**
 * The guests (邀约名单): the printed sheet's row numbers, who answered what and
 * who took the answer, how they came and whether they drew; an answer per row
 * with an optional note.
 */
export function GuestsTab({ campaign, lang }: { campaign: Campaign; lang: Language }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const work = can("work_campaigns");
  const open = takesAnswers(campaign.status);
  const { query, rows, wrote } = useInvitations(campaign.id);
  const [filter, setFilter] = useState<Filter>("all");
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const answer = async (guest: Invitation, rsvp: Rsvp) => {
    const key = `${guest.id}-${rsvp}`;
    setBusy(key);
    try {
      const next = await api.recordRsvp(guest.id, rsvp, (notes[guest.id] ?? "").trim());
      // The turnout is the backend's: the campaign is read again with the list.
      wrote(next);
      setNotes((n) => ({ ...n, [guest.id]: "" }));
      message.success(t("campaigns.guests.answered", { name: next.customerName, rsvp: t(`campaigns.rsvp.${rsvp}`) }));
    } catch (error) {
      message.error(toIssues(error).map((i) => campaignIssueText(i, t, "rsvp")).join("；"));
    } finally {
      setBusy(null);
    }
  };

  const turnout = campaign.turnout;
  const counts: [string, number, string][] = [
    [t("campaigns.guests.invited"), turnout.invited, "guests-count-invited"],
    [t("campaigns.rsvp.yes"), turnout.yes, "guests-count-yes"],
    [t("campaigns.rsvp.no"), turnout.no, "guests-count-no"],
    [t("campaigns.rsvp.maybe"), turnout.maybe, "guests-count-maybe"],
    [t("campaigns.rsvp.not_reached"), turnout.notReached, "guests-count-not-reached"],
    [t("campaigns.rsvp.pending"), turnout.pending, "guests-count-pending"],
    [t("campaigns.guests.attended"), turnout.attended, "guests-count-attended"],
  ];

  const shown = (rows ?? []).filter((g) => filter === "all" || g.rsvp === filter);

  const columns: TableColumnsType<Invitation> = [
    {
      key: "row",
      title: t("campaigns.guests.row"),
      width: 64,
      align: "center",
      onCell: (g) =>
        ({
          "data-testid": `guest-row-${g.row}`,
          "data-invitation-id": g.id,
          "data-rsvp": g.rsvp,
          "data-customer-id": g.customerId,
        }) as HTMLAttributes<HTMLTableCellElement>,
      render: (_, g) => <span className="call-row-no tabular">{g.row}</span>,
    },
    {
      key: "customer",
      title: t("campaigns.guests.customer"),
      render: (_, g) => <span className="nowrap">{g.customerName}</span>,
    },
    { key: "phone", title: t("campaigns.guests.phone"), render: (_, g) => <span className="tabular nowrap">{formatMobile(g.mobile)}</span> },
    {
      key: "vehicle",
      title: `${t("campaigns.guests.plate")} / ${t("campaigns.guests.model")}`,
      render: (_, g) =>
        g.vehicleId !== undefined ? (
          <div className="nowrap">
            <PlateTag plate={g.plate} />
            <div className="small muted">{g.vehicleLabel}</div>
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "rsvp",
      title: t("campaigns.guests.rsvp"),
      render: (_, g) => (
        <div>
          <RsvpTag rsvp={g.rsvp} testId={`guest-rsvp-${g.id}`} />
          {g.rsvpBy && (
            <div className="small muted nowrap">
              {g.rsvpBy}
              {g.rsvpAt && ` · ${formatDateTime(g.rsvpAt, lang)}`}
            </div>
          )}
          {g.rsvpNote && <div className="small pre-wrap">{g.rsvpNote}</div>}
        </div>
      ),
    },
    { key: "arrival", title: t("campaigns.guests.arrival"), render: (_, g) => <ArrivalTag arrival={g.arrival} /> },
    {
      key: "checkedIn",
      title: t("campaigns.guests.checkedIn"),
      render: (_, g) =>
        g.checkedInAt ? (
          <div className="nowrap" data-testid={`guest-checked-in-${g.id}`}>
            <span className="tabular">{formatDateTime(g.checkedInAt, lang)}</span>
            {g.checkedInBy && <div className="small muted">{g.checkedInBy}</div>}
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { key: "prize", title: t("campaigns.guests.prize"), render: (_, g) => g.prize ?? <span className="muted">—</span> },
    ...(work
      ? [
          {
            key: "answer",
            title: t("campaigns.guests.answer"),
            render: (_: unknown, g: Invitation) => (
              <Flex vertical gap={4} className="guest-answer">
                <Space.Compact>
                  {RSVP_ANSWERS.map((r) => (
                    <Button
                      key={r}
                      size="small"
                      type={g.rsvp === r ? "primary" : "default"}
                      disabled={!open || (busy !== null && busy !== `${g.id}-${r}`)}
                      loading={busy === `${g.id}-${r}`}
                      onClick={() => answer(g, r)}
                      data-testid={`rsvp-${g.id}-${r}`}
                    >
                      {t(`campaigns.rsvp.${r}`)}
                    </Button>
                  ))}
                </Space.Compact>
                <Input
                  size="small"
                  data-testid={`rsvp-${g.id}-note`}
                  placeholder={t("campaigns.guests.notePlaceholder")}
                  value={notes[g.id] ?? ""}
                  onChange={(e) => setNotes((n) => ({ ...n, [g.id]: e.target.value }))}
                  disabled={!open}
                  maxLength={300}
                  autoComplete="off"
                  aria-label={t("campaigns.guests.note")}
                />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="panel campaign-guests" data-testid="campaign-guests">
      <Flex justify="space-between" align="center" gap={12} wrap className="campaign-toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="guests-filter"
          options={(["all", ...RSVPS] as Filter[]).map((f) => ({
            value: f,
            label: <span data-testid={`guests-filter-${f}`}>{f === "all" ? t("campaigns.guests.all") : t(`campaigns.rsvp.${f}`)}</span>,
          }))}
        />
        <Space>
          <Tooltip title={t("campaigns.refresh")}>
            <Button
              icon={<ReloadOutlined />}
              loading={query.isFetching}
              onClick={() => void query.refetch()}
              aria-label={t("campaigns.refresh")}
            />
          </Tooltip>
          <ExportButton
            testId="guests-export"
            label={t("campaigns.guests.export")}
            run={() => api.exportCampaignGuests(campaign.id, filter === "all" ? null : filter, lang)}
            done={(exported) =>
              t("campaigns.guests.exported", { rows: formatNumber(exported.rows, lang), path: exported.path })
            }
          />
        </Space>
      </Flex>
      <Flex gap={12} wrap className="followup-counts" data-testid="guests-counts">
        {counts.map(([label, value, testId]) => (
          <div key={testId} className="followup-count">
            <span className="followup-count-value tabular" data-testid={testId} data-value={value}>
              {value}
            </span>
            <span className="small muted">{label}</span>
          </div>
        ))}
      </Flex>
      {work && !open && (
        <Alert type="info" showIcon className="campaign-notice" title={t("campaigns.refusal.rsvpStatus")} />
      )}
      {query.error && (
        <div className="campaign-notice">
          <ReadFailure query={query} />
        </div>
      )}
      <Table<Invitation>
        data-testid="guests-table"
        rowKey="id"
        size="small"
        loading={rows === null && query.isFetching}
        dataSource={shown}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText:
            rows && rows.length > 0 ? t("campaigns.guests.noneWithAnswer") : (
              <Typography.Text type="secondary">{t("campaigns.guests.empty")}</Typography.Text>
            ),
        }}
        columns={columns}
      />
    </div>
  );
}
