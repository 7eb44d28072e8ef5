import { PrinterOutlined, ReloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Select, Skeleton, Typography } from "antd";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { useSession } from "../auth/session";
import type { KpiKey, Language, Printed, StaffId } from "../bindings";
import { deskNow } from "../clock";
import { errorText, isKnownKind, toIssues } from "../errors";
import { ReadFailure } from "../live/ReadFailure";
import { PrintedNotice } from "../visits/Print";
import { KpiCards } from "./KpiCards";
import { League } from "./League";
import { defaultPeriod, type Period } from "./period";
import { dashboardQueryOf, leagueQueryOf, reportQuery } from "./queries";
import { RecordsDrawer } from "./RecordsDrawer";
import { PeriodPicker } from "./PeriodPicker";
import "./reports.css";

/** The advisor filter's "all advisors". */
const ALL = "all";

/** The period's fields a refusal may name. */
const PERIOD_FIELDS = ["from", "to"] as const;
type PeriodField = (typeof PERIOD_FIELDS)[number];
const isPeriodField = (field: string | undefined): field is PeriodField =>
  field !== undefined && (PERIOD_FIELDS as readonly string[]).includes(field);

/** The refusal of the period (ends before it starts, starts in the future), naming the field; null for any other failure. */
export function periodRefusal(error: unknown, t: TFunction): string | null {
  if (!error) return null;
  const issues = toIssues(error).filter((issue) => isPeriodField(issue.field));
  if (issues.length === 0) return null;
  return issues
    .map((issue) => {
      const field = t(`reports.fields.${issue.field as PeriodField}`);
      const text = isKnownKind(issue.kind) ? t(`errors.${issue.kind}`, { field, owner: "", detail: issue.message }) : issue.message;
      return t("reports.refusal", { field, text });
    })
    .join(t("reports.refusalSeparator"));
}

/**
 * The manager's KPI dashboard (issue 16, DOMAIN.md §5–§7): a period (the last
 * complete month by default) compared with the period before and a year
 * earlier, a card per KPI against its target with its 12-month trend and the
 * records behind it, the advisor league, the report's export and print. An
 * advisor sees only their own figures (the backend scopes every read).
 */
export function ReportsModule({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession().info.staff;
  const ownOnly = me.role === "service_advisor";
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(deskNow()));
  const [advisor, setAdvisor] = useState<StaffId | null>(null);
  const [open, setOpen] = useState<KpiKey | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [printing, setPrinting] = useState(false);

  const chosen = ownOnly ? null : advisor;
  const query = useMemo(() => reportQuery(period.from, period.to, chosen), [period.from, period.to, chosen]);
  // The league always covers every advisor (the backend keeps an advisor to their own row); it also lists the filter's advisors.
  const leagueQuery = useMemo(() => reportQuery(period.from, period.to, null), [period.from, period.to]);
  const dashboard = useQuery({ ...dashboardQueryOf(query), placeholderData: keepPreviousData });
  const league = useQuery({ ...leagueQueryOf(leagueQuery), placeholderData: keepPreviousData });

  const refused = periodRefusal(dashboard.error, t) ?? periodRefusal(league.error, t);
  const advisors = useMemo(
    () =>
      (league.data ?? []).map((row) => ({
        value: row.advisorId,
        label: <span data-testid={`report-advisor-${row.advisorId}`}>{row.advisorName}</span>,
      })),
    [league.data],
  );

  const print = async () => {
    setPrinting(true);
    try {
      setPrinted(await api.printReport(query, lang));
    } catch (error) {
      message.error(`${t("reports.printFailed")}：${errorText(error, t)}`);
    } finally {
      setPrinting(false);
    }
  };

  const cards = dashboard.isPlaceholderData && dashboard.error ? null : (dashboard.data?.cards ?? null);

  return (
    <div className="reports" data-testid="reports">
      <div className="panel report-toolbar">
        <Flex gap={12} align="flex-start" justify="space-between" wrap>
          <PeriodPicker
            period={period}
            lang={lang}
            error={refused}
            onChange={(next) => {
              setPeriod(next);
              setOpen(null);
            }}
          />
          <Flex gap={8} align="center" wrap>
            {!ownOnly && (
              <Select<StaffId | typeof ALL>
                data-testid="report-advisor"
                className="report-advisor"
                aria-label={t("reports.advisorFilter")}
                value={advisor ?? ALL}
                onChange={(value) => {
                  setAdvisor(value === ALL ? null : value);
                  setOpen(null);
                }}
                options={[{ value: ALL, label: t("locale.report.allAdvisors") }, ...advisors]}
                popupMatchSelectWidth={false}
                style={{ minWidth: 180 }}
              />
            )}
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void Promise.all([dashboard.refetch(), league.refetch()])}
              loading={dashboard.isFetching}
              data-testid="report-refresh"
            >
              {t("reports.refresh")}
            </Button>
            <ExportButton
              testId="report-export"
              label={t("reports.export")}
              run={() => api.exportReport(query, lang)}
              done={(exported) => t("reports.exported", { path: exported.path })}
            />
            <Button icon={<PrinterOutlined />} loading={printing} onClick={() => void print()} data-testid="report-print">
              {t("reports.print")}
            </Button>
          </Flex>
        </Flex>
        {ownOnly && (
          <Alert
            className="report-own"
            type="info"
            showIcon
            title={t("reports.ownFigures", { name: me.name })}
            data-testid="report-own-figures"
          />
        )}
      </div>
      {printed && <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />}

      {dashboard.error && !refused && <ReadFailure query={dashboard} variant="page" testId="report-failed" />}
      {dashboard.isPending && !dashboard.error && (
        <div className="panel" data-testid="report-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      )}
      {cards && !refused && (
        <>
          <Typography.Title level={4} className="report-title">
            {t("locale.report.title")}
          </Typography.Title>
          <KpiCards cards={cards} lang={lang} onOpen={setOpen} />
        </>
      )}

      {league.error && !refused ? (
        <ReadFailure query={league} testId="league-failed" />
      ) : (
        !refused && (
          <League rows={league.data ?? []} loading={league.isFetching} lang={lang} me={me.id} selected={chosen} />
        )
      )}

      <RecordsDrawer query={query} kpi={open} lang={lang} onClose={() => setOpen(null)} />
    </div>
  );
}
