import { PrinterOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { PlateTag } from "../archive/tags";
import { useCan, useSession } from "../auth/session";
import type { Colleague, Complaint, ComplaintStep, Language, Printed, StaffId } from "../bindings";
import { errorText, isStale } from "../errors";
import { formatDateTime, formatMobile, toIsoDate } from "../format";
import { AuditHistory } from "../history/AuditHistory";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { dateFormats } from "../visits/Order";
import { PrintedNotice } from "../visits/Print";
import { Fact, NotSet, PickSelect, SectionTitle } from "../visits/ui";
import { CauseCard } from "./CauseCard";
import { complaintHandlersQuery, complaintHistoryQueryOf, complaintQueryOf } from "./queries";
import { RecoveryCard } from "./RecoveryCard";
import { deskNow } from "../clock";
import {
  CardChanged,
  ComplaintStateTag,
  ReloadButton,
  useCardEdit,
  useComplaintRefusal,
  type CardProps,
} from "./ui";
import type { OwnWrites } from "../live/edit";

type ActionValues = {
  handlerId?: StaffId | null;
  note?: string;
  solution?: string;
  resolvedOn?: Dayjs | null;
  reason?: string;
};

const ACTION_FIELDS: Record<string, string> = {
  handlerId: "handlerId",
  note: "note",
  returnCallResult: "note",
  solution: "solution",
  resolvedOn: "resolvedOn",
  reason: "reason",
};

/** What the member may do with a complaint: handle it (its handler or a manager), manage it, register. */
export function useComplaintRights(complaint: Complaint | null) {
  const can = useCan();
  const me = useSession().info.staff.id;
  const manage = can("manage_complaints");
  const handle = can("handle_complaint") && (manage || (complaint?.handlerId !== undefined && complaint.handlerId === me));
  return { manage, handle, register: can("register_complaint") };
}

/**
 * One complaint: the facts, the deadlines, the actions its state and the
 * member's role allow, recovery, cause. It follows the changes of every desk
 * (assigned, escalated by the clock, a step recorded); each card's form keeps
 * what the user typed in it (see `useCardEdit`).
 */
export function ComplaintPage({
  complaintId,
  lang,
  onChanged,
}: {
  complaintId: number;
  lang: Language;
  /** A write changed the complaint. */
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const changed = useChanged();
  const query = useQuery(complaintQueryOf(complaintId));
  const handlers = useQuery(complaintHandlersQuery).data ?? [];
  const [own, setOwn] = useState<OwnWrites>({});
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [printing, setPrinting] = useState(false);
  const complaint = query.data ?? null;
  const rights = useComplaintRights(complaint);

  if (query.error && !complaint) {
    return (
      <div data-testid="complaint-page">
        <ReadFailure query={query} variant="page" />
      </div>
    );
  }
  if (!complaint) {
    return (
      <div data-testid="complaint-page" aria-busy="true" className="panel">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  const c = complaint;
  // The limit that matters, as the backend counts it at its clock.
  const assignOverdue = c.deadline?.kind === "assign" && c.deadline.minutesLeft < 0;
  const resolveOverdue = c.deadline?.kind === "resolve" && c.deadline.minutesLeft < 0;

  // A card's save went through: the page shows what the backend returned at once, the other
  // cards save against its version, and the list, the badge and the history read again.
  const done = (next: Complaint, from: string) => {
    message.success(
      c.state !== next.state
        ? t("complaints.page.movedTo", { state: t(`complaints.states.${next.state}`) })
        : t("complaints.page.saved"),
    );
    client.setQueryData(complaintQueryOf(next.id).queryKey, next);
    setOwn((o) => ({ ...o, [from]: next.updatedAt }));
    changed("complaint");
    onChanged?.();
  };
  const reread = () => void query.refetch();
  const card: CardProps = { complaint: c, own, lang, onReread: reread, onDone: done };

  const print = async () => {
    setPrinting(true);
    try {
      setPrinted(await api.printComplaint(c.id, lang));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <div data-testid="complaint-page" className="complaint-page visit-page" data-complaint-id={c.id}>
      <div className="panel visit-head">
        <Flex justify="space-between" align="start" gap={16} wrap>
          <div>
            <Flex gap={10} align="center" wrap>
              <Typography.Title level={3} className="visit-title">
                {t("complaints.page.number")}{" "}
                <span data-testid="complaint-number" className="tabular">
                  {c.number}
                </span>
              </Typography.Title>
              <ComplaintStateTag state={c.state} testId="complaint-state" />
              <Tag color={c.severity === "serious" ? "volcano" : undefined} data-testid="complaint-severity-tag">
                {t(`complaints.severity.${c.severity}`)}
              </Tag>
              <Tag>{t(`complaints.categories.${c.category}`)}</Tag>
              {c.hardCase && <Tag color="purple">{t(`complaints.hardCases.${c.hardCase}`)}</Tag>}
              {c.reopened && <Tag color="magenta">{t("complaints.page.reopened")}</Tag>}
            </Flex>
            <div className="visit-facts visit-head-facts">
              <Fact label={t("complaints.page.customer")}>
                <Typography.Link
                  data-testid="complaint-customer"
                  onClick={() => navigate({ module: "archive", customerId: c.customerId })}
                >
                  {c.customerName}
                </Typography.Link>
                <span className="tabular muted"> {formatMobile(c.customerMobile)}</span>
              </Fact>
              <Fact label={t("complaints.page.vehicle")}>{c.plate ? <PlateTag plate={c.plate} /> : <NotSet />}</Fact>
              <Fact label={t("complaints.page.visit")}>
                {c.visitId !== undefined ? (
                  <Typography.Link
                    data-testid="complaint-visit-link"
                    onClick={() => c.visitId !== undefined && navigate({ module: "visits", visitId: c.visitId })}
                  >
                    {c.visitNumber ?? c.visitId}
                  </Typography.Link>
                ) : (
                  <NotSet />
                )}
              </Fact>
              <Fact label={t("complaints.page.channel")}>{t(`complaints.channels.${c.channel}`)}</Fact>
              <Fact label={t("complaints.page.receivedBy")}>{c.receivedBy}</Fact>
              <Fact label={t("complaints.page.receivedAt")}>
                <span className="tabular">{formatDateTime(c.receivedAt, lang)}</span>
              </Fact>
              <Fact label={t("complaints.page.handler")}>{c.handler ?? <NotSet />}</Fact>
            </div>
          </div>
          <Space>
            <Button icon={<PrinterOutlined />} loading={printing} onClick={print} data-testid="print-complaint">
              {t("complaints.page.print")}
            </Button>
            <Tooltip title={t("complaints.page.refresh")}>
              <Button
                icon={<ReloadOutlined />}
                loading={query.isFetching}
                onClick={reread}
                aria-label={t("complaints.page.refresh")}
              />
            </Tooltip>
          </Space>
        </Flex>
      </div>
      {printed && <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <section className="panel visit-section" data-testid="complaint-facts">
            <SectionTitle>{t("complaints.page.facts")}</SectionTitle>
            <div className="visit-facts">
              <Fact label={t("complaints.page.description")} wide>
                <span className="pre-wrap">{c.description || <NotSet />}</span>
              </Fact>
              <Fact label={t("complaints.page.request")} wide>
                <span className="pre-wrap">{c.request || <NotSet />}</span>
              </Fact>
              {c.solution && (
                <Fact label={t("complaints.page.solution")} wide>
                  <span className="pre-wrap" data-testid="complaint-solution-text">
                    {c.solution}
                  </span>
                </Fact>
              )}
              {c.returnCallResult && (
                <Fact label={t("complaints.page.returnCallResult")} wide>
                  <span className="pre-wrap">{c.returnCallResult}</span>
                </Fact>
              )}
            </div>
          </section>
        </Col>
        <Col xs={24} xl={10}>
          <section className="panel visit-section" data-testid="complaint-deadlines">
            <SectionTitle>{t("complaints.page.deadlines")}</SectionTitle>
            <div className="visit-facts">
              {c.assignDue && (
                <Fact label={t("complaints.page.assignDue")}>
                  <span className="tabular" style={assignOverdue ? { color: "#cf1322" } : undefined}>
                    {formatDateTime(c.assignDue, lang)}
                    {assignOverdue && ` · ${t("complaints.page.overdue")}`}
                  </span>
                </Fact>
              )}
              <Fact label={t("complaints.page.resolveDue")}>
                <span className="tabular" style={resolveOverdue ? { color: "#cf1322" } : undefined}>
                  {formatDateTime(c.resolveDue, lang)}
                  {resolveOverdue && ` · ${t("complaints.page.overdue")}`}
                </span>
              </Fact>
            </div>
            <div data-testid="complaint-escalations" className="complaint-escalations">
              {c.escalations.map((e, i) => (
                <div key={i} style={{ color: "#cf1322" }} data-reason={e.reason}>
                  {t(`complaints.escalations.${e.reason}`)} · <span className="tabular">{formatDateTime(e.at, lang)}</span>
                </div>
              ))}
            </div>
          </section>
        </Col>
      </Row>
      {query.error && <ReadFailure query={query} />}
      <Actions {...card} handlers={handlers} />
      <RecoveryCard {...card} editable={rights.handle} />
      <CauseCard {...card} editable={rights.handle} manage={rights.manage} handlers={handlers} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <section className="panel visit-section" data-testid="complaint-timeline">
            <SectionTitle>{t("complaints.page.timeline")}</SectionTitle>
            {c.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("complaints.page.noTimeline")} />
            ) : (
              <Timeline
                items={c.timeline.map((e, i) => ({
                  key: i,
                  color: e.step === "reopen" ? "red" : "blue",
                  content: (
                    <div data-step={e.step}>
                      <div>
                        {t(`complaints.steps.${e.step}`)}
                        <Typography.Text type="secondary"> · {e.by}</Typography.Text>
                      </div>
                      {e.note && <div className="small pre-wrap">{e.note}</div>}
                      <div className="tabular small muted">{formatDateTime(e.at, lang)}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </section>
        </Col>
        <Col xs={24} xl={16}>
          <section className="panel visit-section" data-testid="complaint-history">
            <SectionTitle>{t("complaints.page.history")}</SectionTitle>
            <AuditHistory query={complaintHistoryQueryOf(c.id)} lang={lang} />
          </section>
        </Col>
      </Row>
    </div>
  );
}

/** The steps the state and the member's role allow, each a real button. */
function Actions({ handlers, ...card }: CardProps & { handlers: Colleague[] }) {
  const { t } = useTranslation();
  const edit = useCardEdit(card.complaint, card.own);
  return (
    <section className="panel visit-section" data-testid="complaint-actions">
      <SectionTitle>{t("complaints.page.actions")}</SectionTitle>
      <CardChanged edit={edit} complaint={card.complaint} lang={card.lang} />
      <ActionsForm
        key={edit.formKey}
        complaint={edit.base}
        current={card.complaint}
        version={edit.version}
        handlers={handlers}
        lang={card.lang}
        onEdited={edit.edited}
        onReload={() => {
          card.onReread();
          edit.refill();
        }}
        onDone={(next, from) => {
          card.onDone(next, from);
          edit.refill();
        }}
      />
    </section>
  );
}

function ActionsForm({
  complaint: c,
  current,
  version,
  handlers,
  lang,
  onEdited,
  onReload,
  onDone,
}: {
  /** The complaint the form was filled from. */
  complaint: Complaint;
  /** The complaint as last read. */
  current: Complaint;
  /** What a versioned step saves against. */
  version: string;
  handlers: Colleague[];
  lang: Language;
  onEdited: () => void;
  onReload: () => void;
  onDone: (next: Complaint, from: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState<ComplaintStep | null>(null);
  const refusal = useComplaintRefusal(form, ACTION_FIELDS);
  const { problems } = refusal;
  const [stale, setStale] = useState(false);
  const rights = useComplaintRights(c);

  const run = async (step: ComplaintStep, write: (v: ActionValues) => Promise<Complaint>) => {
    const values = form.getFieldsValue(true) as ActionValues;
    // Only the assignment is checked against the version; the other steps follow the backend's state.
    const from = step === "assign" ? version : current.updatedAt;
    setBusy(step);
    try {
      const next = await write(values);
      refusal.clear();
      setStale(false);
      onDone(next, from);
    } catch (error) {
      refusal.show(error);
      setStale(isStale(error));
    } finally {
      setBusy(null);
    }
  };

  const minorOnSpot = c.severity === "minor" && c.state === "received" && (rights.register || rights.handle);
  const assign = c.severity === "serious" && rights.manage && (c.state === "received" || c.state === "assigned");
  const noteStep: ComplaintStep | null = !rights.handle
    ? null
    : c.state === "assigned"
      ? "contact"
      : c.state === "contacted"
        ? "agree"
        : c.state === "resolved"
          ? "return_call"
          : null;
  const resolve = rights.handle && c.state === "agreed";
  const close = rights.manage && c.state === "return_called";
  const reopen = rights.manage && (c.state === "resolved" || c.state === "return_called" || c.state === "closed");
  const any = minorOnSpot || assign || noteStep || resolve || close || reopen;

  const button = (step: ComplaintStep, testId: string, label: string, write: (v: ActionValues) => Promise<Complaint>, primary = true) => (
    <Button
      type={primary ? "primary" : "default"}
      loading={busy === step}
      disabled={busy !== null && busy !== step}
      onClick={() => run(step, write)}
      data-testid={testId}
    >
      {label}
    </Button>
  );

  return (
    <Form<ActionValues>
      form={form}
      component={false}
      layout="vertical"
      onValuesChange={onEdited}
      initialValues={{ handlerId: c.handlerId ?? null, note: "", solution: "", resolvedOn: deskNow(), reason: "" }}
    >
      {!any && (
        <Alert
          type="info"
          showIcon
          data-testid="complaint-no-actions"
          title={
            c.state === "closed"
              ? t("complaints.page.closed")
              : c.state === "received" && c.severity === "serious"
                ? t("complaints.page.waitingHandler")
                : t("complaints.page.noActions")
          }
        />
      )}
      {minorOnSpot && (
        <>
          <Form.Item name="solution" label={t("complaints.page.solution")}>
            <Input.TextArea data-testid="complaint-solution" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          {button("solve_on_the_spot", "complaint-solve-on-spot", t("complaints.page.solveOnSpot"), (v) =>
            api.solveComplaintOnTheSpot(c.id, v.solution ?? ""),
          )}
        </>
      )}
      {assign && (
        <Flex gap={8} align="end" wrap>
          <Form.Item name="handlerId" label={t("complaints.page.handler")} style={{ minWidth: 240, marginBottom: 0 }}>
            <PickSelect<StaffId>
              testId="complaint-handler"
              placeholder={t("form.selectPlaceholder")}
              options={handlers.map((h) => ({ value: h.id, text: `${h.name} · ${t(`roles.${h.role}`)}` }))}
            />
          </Form.Item>
          {button("assign", "complaint-assign", t("complaints.page.assign"), (v) =>
            api.assignComplaint(c.id, (v.handlerId ?? 0) as StaffId, version),
          )}
        </Flex>
      )}
      {noteStep && (
        <>
          <Form.Item name="note" label={t("complaints.page.note")}>
            <Input.TextArea
              data-testid="complaint-note"
              placeholder={t("complaints.page.notePlaceholder")}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
            />
          </Form.Item>
          {noteStep === "contact" &&
            button("contact", "complaint-contact", t("complaints.page.contact"), (v) =>
              api.complaintStep(c.id, "contact", v.note ?? ""),
            )}
          {noteStep === "agree" &&
            button("agree", "complaint-agree", t("complaints.page.agree"), (v) =>
              api.complaintStep(c.id, "agree", v.note ?? ""),
            )}
          {noteStep === "return_call" &&
            button("return_call", "complaint-return-call", t("complaints.page.returnCall"), (v) =>
              api.complaintStep(c.id, "return_call", v.note ?? ""),
            )}
        </>
      )}
      {resolve && (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="resolvedOn" label={t("complaints.page.resolveDate")}>
              <DatePicker
                data-testid="complaint-resolve-date"
                format={dateFormats(lang)}
                style={{ width: "100%" }}
                placeholder={t("form.datePlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="solution" label={t("complaints.page.solution")}>
              <Input.TextArea data-testid="complaint-solution" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            {button("resolve", "complaint-resolve", t("complaints.page.resolve"), (v) =>
              api.resolveComplaint(c.id, toIsoDate(v.resolvedOn) ?? "", v.solution ?? ""),
            )}
          </Col>
        </Row>
      )}
      {(close || reopen) && (
        <Flex gap={8} align="end" wrap className="complaint-manager-actions">
          {close && button("close", "complaint-close", t("complaints.page.close"), () => api.closeComplaint(c.id))}
          {reopen && (
            <>
              <Form.Item name="reason" label={t("complaints.page.reopenReason")} style={{ minWidth: 280, marginBottom: 0 }}>
                <Input data-testid="complaint-reopen-reason" maxLength={500} autoComplete="off" />
              </Form.Item>
              {button(
                "reopen",
                "complaint-reopen",
                t("complaints.page.reopen"),
                (v) => api.reopenComplaint(c.id, v.reason ?? ""),
                false,
              )}
            </>
          )}
        </Flex>
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="complaint-problems"
          data-testid="complaint-refusal"
          title={problems.join("；")}
          action={stale && <ReloadButton onReload={onReload} />}
        />
      )}
    </Form>
  );
}
