// What the customer page shows of the service visits: the customer's visits,
// and on each vehicle its next-service advice, the work the customer
// declined, and the way to book or receive it.

import { CalendarOutlined, LoginOutlined, ToolOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Table, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { type HTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { CustomerId, DeclinedWork, Language, Vehicle, VisitSummary } from "../bindings";
import { formatDate, formatMoney, formatNumber } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { PlateTag } from "../archive/tags";
import { customerVisitsQueryOf, vehicleVisitsQueryOf } from "./queries";
import { StateTag } from "./ui";
import "./visits.css";

/** The day a visit is about: received, else the appointment, else when it was booked. */
function visitDate(v: VisitSummary): string | undefined {
  return v.receivedAt ?? v.appointmentAt ?? v.handedOverAt;
}

/**
 * The customer's visits, newest first; a row opens the visit. The overview's
 * card carries the test ids; the service-history tab shows `empty` when
 * there is no visit yet.
 */
export function CustomerVisits({
  customerId,
  lang,
  variant = "card",
  empty,
}: {
  customerId: CustomerId;
  lang: Language;
  variant?: "card" | "history";
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Read again when a visit (or a name it shows) changes on any desk.
  const query = useQuery(customerVisitsQueryOf(customerId));
  const visits = query.data ?? null;

  const columns: TableColumnsType<VisitSummary> = [
    {
      key: "number",
      title: t("visits.customer.number"),
      width: 140,
      // An imported visit shows the old system's order number.
      render: (_, v) => <span className="tabular">{(v.imported && v.sourceNumber) || v.number}</span>,
    },
    {
      key: "date",
      title: t("visits.customer.date"),
      width: 120,
      render: (_, v) => <span className="tabular">{formatDate(visitDate(v), lang)}</span>,
    },
    {
      key: "vehicle",
      title: t("visits.customer.vehicle"),
      render: (_, v) => (
        <Flex gap={8} align="center" wrap>
          <PlateTag plate={v.plate} />
          <span>{v.vehicleLabel}</span>
        </Flex>
      ),
    },
    { key: "work", title: t("visits.fields.requestedWork"), ellipsis: true, render: (_, v) => v.requestedWork },
    {
      key: "state",
      title: t("visits.customer.state"),
      width: 110,
      render: (_, v) => (
        <Flex gap={4} wrap>
          <StateTag state={v.state} />
          {v.overdue && <Tag color="red">{t("visits.board.overdue")}</Tag>}
          {v.imported && (
            <Tooltip
              title={v.importedAdvisor ? t("visits.customer.importedAdvisor", { name: v.importedAdvisor }) : undefined}
            >
              <Tag data-testid="visit-imported">{t("visits.customer.imported")}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: "total",
      title: t("visits.totals.total"),
      width: 120,
      align: "right",
      render: (_, v) => <span className="tabular">{v.total > 0 ? formatMoney(v.total, lang) : "—"}</span>,
    },
  ];

  const card = variant === "card";
  if (!card && empty && visits !== null && visits.length === 0) return <>{empty}</>;

  return (
    <section className="panel" data-testid={card ? "customer-visits" : "customer-visits-history"}>
      <Typography.Title level={5} className="section-title">
        <ToolOutlined /> {t("visits.customer.title")}
        {visits && <Tag className="count-tag">{visits.length}</Tag>}
      </Typography.Title>
      {query.error && !visits ? (
        <ReadFailure query={query} />
      ) : (
        <Table<VisitSummary>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={visits ?? []}
          loading={visits === null}
          pagination={visits && visits.length > 10 ? { pageSize: 10, size: "small" } : false}
          locale={{ emptyText: t("visits.customer.none") }}
          rowClassName="customer-visit-row"
          onRow={(v) =>
            ({
              "data-testid": card ? `customer-visit-${v.id}` : undefined,
              onClick: () => navigate({ module: "visits", visitId: v.id }),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      )}
    </section>
  );
}

/**
 * On a vehicle's card: the next service advised at the last handover, the
 * work the customer declined (for proactive care), and booking / walk-in.
 */
export function VehicleService({
  vehicle,
  lang,
  readOnly,
}: {
  vehicle: Vehicle;
  lang: Language;
  /** The customer is archived: nothing new is started. */
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  // The declined work is a hint on the card: without it (not read yet, or
  // the read failed) the card shows the rest.
  const declined: DeclinedWork[] = useQuery(vehicleVisitsQueryOf(vehicle.id)).data?.declinedWork ?? [];

  const next = [
    vehicle.nextServiceDate ? formatDate(vehicle.nextServiceDate, lang) : null,
    vehicle.nextServiceKm !== undefined ? t("common.km", { value: formatNumber(vehicle.nextServiceKm, lang) }) : null,
  ].filter(Boolean);
  const book = can("book_visits") && !readOnly;
  const walkIn = can("serve_visits") && !readOnly;
  const target = { customerId: vehicle.customerId, vehicleId: vehicle.id };
  if (next.length === 0 && declined.length === 0 && !book && !walkIn) return null;

  return (
    <div className="vehicle-service">
      {next.length > 0 && (
        <div data-testid={`vehicle-next-service-${vehicle.id}`}>
          <span className="vehicle-service-label">{t("visits.customer.nextService")} </span>
          <span className="tabular">{next.join(t("visits.handover.or"))}</span>
        </div>
      )}
      {declined.length > 0 && (
        <div data-testid={`vehicle-declined-${vehicle.id}`}>
          <div className="vehicle-service-label">{t("visits.customer.declined")}</div>
          <ul className="compact-list">
            {declined.map((d) => (
              <li key={d.id}>
                {d.description} · <span className="tabular">{formatMoney(d.amount, lang)}</span>
                <Typography.Text type="secondary" className="small">
                  {" "}
                  ({formatDate(d.declinedAt, lang)} · {d.visitNumber})
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(book || walkIn) && (
        <Flex gap={8} wrap>
          {book && (
            <Button
              size="small"
              icon={<CalendarOutlined />}
              onClick={() => navigate({ module: "appointments", book: target })}
              data-testid={`vehicle-book-${vehicle.id}`}
            >
              {t("visits.customer.book")}
            </Button>
          )}
          {walkIn && (
            <Button
              size="small"
              icon={<LoginOutlined />}
              onClick={() => navigate({ module: "visits", walkIn: target })}
              data-testid={`vehicle-walkin-${vehicle.id}`}
            >
              {t("visits.customer.walkIn")}
            </Button>
          )}
        </Flex>
      )}
    </div>
  );
}
