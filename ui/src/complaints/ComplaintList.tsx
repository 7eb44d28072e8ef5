import { PlusOutlined, ReloadOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, Flex, Segmented, Table, Tag, Tooltip } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Complaint, Language } from "../bindings";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { formatDateTime, formatMobile, formatNumber } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { deadlineText } from "./model";
import { complaintListQueryOf } from "./queries";
import { ComplaintStateTag, EscalatedTag } from "./ui";

/** Open complaints first (or all), newest deadlines at hand; a row opens the complaint. */
export function ComplaintList({
  lang,
  onOpen,
  onRegister,
  onLimits,
}: {
  lang: Language;
  onOpen: (id: number) => void;
  onRegister: () => void;
  onLimits: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [openOnly, setOpenOnly] = useState(true);
  // Read again when a complaint changes on any desk (registered, assigned, escalated).
  const query = useQuery(complaintListQueryOf(openOnly));
  const rows = query.data ?? null;
  const loading = query.isFetching;

  return (
    <div className="panel complaints-list-panel">
      <Flex justify="space-between" align="center" gap={12} wrap className="complaints-toolbar">
        <Segmented<"open" | "all">
          value={openOnly ? "open" : "all"}
          onChange={(v) => setOpenOnly(v === "open")}
          options={[
            { value: "open", label: <span data-testid="complaints-open-only">{t("complaints.list.openOnly")}</span> },
            { value: "all", label: <span data-testid="complaints-all">{t("complaints.list.all")}</span> },
          ]}
        />
        <Flex gap={8}>
          <Tooltip title={t("complaints.list.refresh")}>
            <Button
              icon={<ReloadOutlined />}
              loading={loading}
              onClick={() => void query.refetch()}
              aria-label={t("complaints.list.refresh")}
            />
          </Tooltip>
          <ExportButton
            testId="complaints-export"
            label={t("complaints.list.export")}
            run={() => api.exportComplaints(openOnly, lang)}
            done={(exported) =>
              t("complaints.list.exported", { rows: formatNumber(exported.rows, lang), path: exported.path })
            }
          />
          {can("manage_complaints") && (
            <Button icon={<SettingOutlined />} onClick={onLimits} data-testid="complaint-limits">
              {t("complaints.list.limits")}
            </Button>
          )}
          {can("register_complaint") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onRegister} data-testid="complaint-register">
              {t("complaints.list.register")}
            </Button>
          )}
        </Flex>
      </Flex>
      {query.error && <ReadFailure query={query} />}
      <Table<Complaint>
        data-testid="complaints-list"
        rowKey="id"
        size="middle"
        loading={rows === null && loading}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t("complaints.list.empty") }}
        onRow={(c) => ({
          onClick: () => onOpen(c.id),
          "data-testid": `complaint-row-${c.id}`,
          "data-state": c.state,
          className: "clickable-row",
        } as React.HTMLAttributes<HTMLTableRowElement>)}
        columns={[
          { key: "number", title: t("complaints.list.number"), render: (_, c) => <span className="tabular">{c.number}</span> },
          {
            key: "received",
            title: t("complaints.list.received"),
            render: (_, c) => <span className="tabular">{formatDateTime(c.receivedAt, lang)}</span>,
          },
          {
            key: "customer",
            title: t("complaints.list.customer"),
            render: (_, c) => (
              <div>
                <div>{c.customerName}</div>
                <div className="small muted tabular">{formatMobile(c.customerMobile)}</div>
              </div>
            ),
          },
          { key: "category", title: t("complaints.list.category"), render: (_, c) => t(`complaints.categories.${c.category}`) },
          {
            key: "severity",
            title: t("complaints.list.severity"),
            render: (_, c) => (
              <Tag color={c.severity === "serious" ? "volcano" : undefined}>{t(`complaints.severity.${c.severity}`)}</Tag>
            ),
          },
          {
            key: "state",
            title: t("complaints.list.state"),
            render: (_, c) => (
              <Flex gap={4} wrap>
                <ComplaintStateTag state={c.state} />
                {c.escalations.length > 0 && (
                  <EscalatedTag escalations={c.escalations} testId={`complaint-escalated-${c.id}`} />
                )}
              </Flex>
            ),
          },
          { key: "handler", title: t("complaints.list.handler"), render: (_, c) => c.handler ?? "—" },
          {
            key: "timeLeft",
            title: t("complaints.list.timeLeft"),
            render: (_, c) => {
              const d = c.deadline;
              if (!d) return <span className="muted">{t("complaints.list.done")}</span>;
              const overdue = d.minutesLeft < 0;
              return (
                <span
                  className={overdue ? "overdue-text tabular" : "tabular"}
                  data-testid={`complaint-deadline-${c.id}`}
                  data-overdue={overdue ? "true" : "false"}
                  style={overdue ? { color: "#cf1322" } : undefined}
                >
                  {deadlineText(d, t)}
                </span>
              );
            },
          },
        ]}
      />
    </div>
  );
}
