import { CheckOutlined, SearchOutlined, UserAddOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Col, Empty, Flex, Input, Row, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { SEARCH_DEBOUNCE_MS } from "../archive/ArchiveList";
import { PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { Campaign, CustomerSummary, Invitation, Language } from "../bindings";
import { toIssues } from "../errors";
import { formatDateTime, formatMobile, formatNumber } from "../format";
import { useDebounced } from "../hooks";
import { ReadFailure } from "../live/ReadFailure";
import { SectionTitle } from "../visits/ui";
import { useInvitations } from "./GuestsTab";
import { campaignIssueText } from "./model";
import { customerSearchQueryOf } from "./queries";
import { ArrivalTag } from "./ui";

/** The shortest text searched: two characters (a two-character name); 3+ go through the trigram index. */
const MIN_SEARCH = 2;

type Standing = "checked_in" | "invited" | "not_invited";

function standingOf(guest: Invitation | undefined): Standing {
  if (!guest) return "not_invited";
  return guest.checkedInAt ? "checked_in" : "invited";
}

/**
 * Check-in at the door (签到) on the event day: find the guest by a fragment
 * of the plate or the phone, see whether they were invited or are already in,
 * check them in — or, explicitly, let someone who was not invited in as a
 * walk-in guest. The count and the arrivals so far beside it.
 */
export function CheckInTab({ campaign, lang }: { campaign: Campaign; lang: Language }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const running = campaign.status === "running";
  const { query: guests, rows, wrote } = useInvitations(campaign.id);
  // Whether someone was invited is only known once the list is read.
  const work = can("work_campaigns") && running && rows !== null;
  const [typed, setTyped] = useState("");
  // What Enter asked for at once, before the typing has settled; typing again lets it go.
  const [entered, setEntered] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [last, setLast] = useState<Invitation | null>(null);
  const settled = useDebounced(typed.trim(), SEARCH_DEBOUNCE_MS);
  const text = entered ?? settled;
  const searched = [...text].length >= MIN_SEARCH;
  // The results follow the archive: a customer or a car changed on another desk is shown as it now is.
  const search = useQuery({
    ...customerSearchQueryOf({ text, includeArchived: false, leadsOnly: false, limit: 20 }),
    enabled: searched,
    placeholderData: keepPreviousData,
  });
  const found: CustomerSummary[] | null = searched && !search.error ? (search.data ?? null) : null;
  const searching = searched && search.isFetching;

  const checkIn = async (customer: CustomerSummary, walkIn: boolean) => {
    setBusy(customer.id);
    setRefusal(null);
    try {
      const guest = await api.checkInGuest(campaign.id, customer.id, walkIn);
      // The count is the backend's: the campaign is read again with the list.
      wrote(guest);
      setLast(guest);
      message.success(
        walkIn
          ? t("campaigns.checkIn.doneWalkIn", { name: guest.customerName })
          : t("campaigns.checkIn.done", { name: guest.customerName, row: guest.row }),
      );
    } catch (error) {
      setRefusal(toIssues(error).map((i) => campaignIssueText(i, t, "checkin")).join("；"));
    } finally {
      setBusy(null);
    }
  };

  const walkIn = (customer: CustomerSummary) => {
    modal.confirm({
      title: t("campaigns.checkIn.walkInTitle", { name: customer.name }),
      content: t("campaigns.checkIn.walkInText"),
      okText: t("campaigns.checkIn.walkInOk"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "checkin-walkin-confirm" } as Record<string, string>,
      onOk: () => checkIn(customer, true),
    });
  };

  const guestOf = (id: number) => rows?.find((g) => g.customerId === id);
  const arrivals = (rows ?? [])
    .filter((g) => g.checkedInAt)
    .sort((a, b) => Date.parse(b.checkedInAt ?? "") - Date.parse(a.checkedInAt ?? ""));

  return (
    <div className="campaign-checkin" data-testid="campaign-checkin">
      {!running && (
        <Alert type="info" showIcon className="campaign-notice" title={t("campaigns.refusal.checkInStatus")} data-testid="checkin-closed" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <section className="panel campaign-section">
            <Input
              size="large"
              allowClear
              autoFocus
              prefix={<SearchOutlined />}
              data-testid="checkin-search"
              className="checkin-search"
              placeholder={t("campaigns.checkIn.searchPlaceholder")}
              aria-label={t("campaigns.checkIn.search")}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                setEntered(null);
              }}
              onPressEnter={() => setEntered(typed.trim())}
              autoComplete="off"
            />
            <div className="small muted checkin-hint">{t("campaigns.checkIn.hint")}</div>
            {refusal && <Alert type="error" showIcon title={<span data-testid="checkin-error">{refusal}</span>} className="campaign-notice" />}
            {last && (
              <div className="checkin-last" data-testid="checkin-last">
                <CheckOutlined /> {t("campaigns.checkIn.last", { name: last.customerName, row: last.row })}
                {last.arrival === "walk_in" && <Tag color="orange">{t("campaigns.arrival.walk_in")}</Tag>}
              </div>
            )}
            <div className="checkin-results" data-testid="checkin-results">
              {searching && <Spin />}
              {searched && search.error && <ReadFailure query={search} />}
              {found !== null && found.length === 0 && !searching && (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.checkIn.noMatch")} />
              )}
              {(found ?? []).map((c) => {
                const guest = guestOf(c.id);
                const standing = standingOf(guest);
                return (
                  <div key={c.id} className={`checkin-result checkin-${standing}`} data-testid={`checkin-result-${c.id}`} data-state={standing}>
                    <div className="checkin-who">
                      <Typography.Text strong className="checkin-name">
                        {c.name}
                      </Typography.Text>
                      <span className="tabular muted"> {formatMobile(c.mobile)}</span>
                      <Flex gap={6} wrap className="checkin-vehicles">
                        {c.vehicles.map((v) => (
                          <span key={v.id} className="nowrap">
                            <PlateTag plate={v.plate} /> <span className="small muted">{v.model}</span>
                          </span>
                        ))}
                      </Flex>
                    </div>
                    <div className="checkin-state">
                      {standing === "checked_in" && guest && (
                        <Tag color="green" icon={<CheckOutlined />}>
                          {t("campaigns.checkIn.already", { at: formatDateTime(guest.checkedInAt, lang) })}
                        </Tag>
                      )}
                      {standing === "invited" && guest && <Tag color="blue">{t("campaigns.checkIn.invited", { row: guest.row })}</Tag>}
                      {standing === "not_invited" && <Tag>{t("campaigns.checkIn.notInvited")}</Tag>}
                    </div>
                    <div className="checkin-action">
                      {work && standing === "invited" && (
                        <Button
                          type="primary"
                          size="large"
                          icon={<CheckOutlined />}
                          loading={busy === c.id}
                          onClick={() => checkIn(c, false)}
                          data-testid={`checkin-${c.id}`}
                        >
                          {t("campaigns.checkIn.checkIn")}
                        </Button>
                      )}
                      {work && standing === "not_invited" && (
                        <Button
                          icon={<UserAddOutlined />}
                          loading={busy === c.id}
                          onClick={() => walkIn(c)}
                          data-testid={`checkin-walkin-${c.id}`}
                        >
                          {t("campaigns.checkIn.walkIn")}
                        </Button>
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          </section>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <section className="panel campaign-count">
              <div className="small muted">{t("campaigns.checkIn.count")}</div>
              <Flex align="baseline" gap={8}>
                <span className="campaign-count-value tabular" data-testid="checkin-count" data-value={campaign.turnout.attended}>
                  {formatNumber(campaign.turnout.attended, lang)}
                </span>
                <span className="muted">
                  {t("campaigns.checkIn.ofInvited", {
                    invited: formatNumber(campaign.turnout.invited, lang),
                    walkIns: formatNumber(campaign.turnout.walkIns, lang),
                  })}
                </span>
              </Flex>
            </section>
            <section className="panel campaign-section">
              <SectionTitle>{t("campaigns.checkIn.arrivals")}</SectionTitle>
              {guests.error && <ReadFailure query={guests} />}
              {arrivals.length === 0 ? (
                <Typography.Text type="secondary">{t("campaigns.checkIn.noArrivals")}</Typography.Text>
              ) : (
                <ol className="plain-list checkin-arrivals" data-testid="checkin-arrivals">
                  {arrivals.map((g) => (
                    <li key={g.id} data-invitation-id={g.id}>
                      <span className="tabular small muted">{formatDateTime(g.checkedInAt, lang)}</span>{" "}
                      <span>{g.customerName}</span> {g.vehicleId !== undefined && <PlateTag plate={g.plate} />}{" "}
                      <ArrivalTag arrival={g.arrival} />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
