import { MessageOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Empty, Flex, Row, Skeleton, Steps, Tag, Timeline, Tooltip, Typography } from "antd";
import type { StepsProps } from "antd";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Colleague, DeclinedWork, Fen, Language, Printed, Visit, VisitId, VisitState } from "../bindings";
import { toIssues } from "../errors";
import { formatDate, formatDateTime, formatMobile, formatMoney, formatNumber } from "../format";
import { AuditHistory } from "../history/AuditHistory";
import { ChangedNotice, useEditBase } from "../live/edit";
import { ReadFailure } from "../live/ReadFailure";
import { wrote } from "../live";
import { PlateTag } from "../archive/tags";
import { useNavigate } from "../shell/navigation";
import { FollowUpCard } from "../followup/FollowUpCard";
import { HandoverFacts, HandoverForm } from "./Handover";
import type { Refusal, StepAction } from "./issues";
import { OrderEditor, OrderView } from "./Order";
import { FUEL_LABELS, PROCESS } from "./options";
import { PrintButtons, PrintedNotice } from "./Print";
import { QcHistory, QualityCheckForm } from "./QualityCheck";
import { serviceSettingsQuery, serviceStaffQuery, vehicleVisitsQueryOf, visitHistoryQueryOf, visitQueryOf } from "./queries";
import { ReceptionSection } from "./Reception";
import { ExtraWorkList, RepairSection } from "./Repair";
import { Fact, NotSet, SectionTitle, StateTag } from "./ui";
import { VisitAlerts } from "./VisitAlerts";
import "./visits.css";

/** When the visit last entered `state`, from its timeline. */
function enteredAt(visit: Visit, state: VisitState): string | undefined {
  return visit.timeline.filter((c) => c.state === state).at(-1)?.at;
}

/** The process as steps; a cancelled appointment or a no-show ends where it stopped. */
function processSteps(visit: Visit, lang: Language, t: TFunction): StepsProps {
  const when = (state: VisitState) => {
    const at = enteredAt(visit, state);
    return at ? formatDateTime(at, lang) : undefined;
  };
  if (visit.state === "cancelled" || visit.state === "no_show") {
    const reached: VisitState[] = visit.timeline.some((c) => c.state === "prepared") ? ["booked", "prepared"] : ["booked"];
    return {
      current: reached.length,
      status: "error",
      items: [
        ...reached.map((s) => ({ title: t(`visits.states.${s}`), content: when(s) })),
        { title: t(`visits.states.${visit.state}`), content: when(visit.state) },
      ],
    };
  }
  // A walk-in starts at reception.
  const states = visit.walkIn ? PROCESS.filter((s) => s !== "booked" && s !== "prepared") : PROCESS;
  const current = states.indexOf(visit.state);
  return {
    current,
    status: visit.state === "followed_up" ? "finish" : "process",
    items: states.map((s, i) => ({
      title: t(`visits.states.${s}`),
      content: i <= current ? when(s) : undefined,
    })),
  };
}

const NO_STAFF: Colleague[] = [];

type Roles = { serve: boolean; record: boolean; inspect: boolean };

/** Whether the current step offers the member's role a form (else its sections only show). */
function stageEditable(visit: Visit, p: Roles): boolean {
  switch (visit.state) {
    case "booked":
    case "prepared":
    case "ready":
      return p.serve;
    case "received":
      return p.serve || (p.record && visit.order.confirmedAt !== undefined);
    case "in_repair":
      return p.serve || p.record;
    case "quality_check":
      return p.inspect;
    default:
      return false;
  }
}

/**
 * One visit (维修接待单): who and what, where it stands in the process, the
 * current step's form as far as the member's role may take it, and what
 * happened so far. Everything on it is read again when the visit changes on
 * any desk. The step's forms follow too until the user begins working in
 * them; from then on they keep what was typed and the version they were
 * filled from (see `useEditBase`): a change made meanwhile is announced
 * above them, and saving against the old version is refused as stale.
 */
export function VisitPage({
  visitId,
  initial,
  lang,
}: {
  visitId: VisitId;
  /** The visit as a write just returned it, to show without reading it again. */
  initial?: Visit;
  lang: Language;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  // The user began working in the step's forms (clicked or typed in them).
  const [working, setWorking] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  // The visit a write just returned is shown as it is, not read again at once.
  const given = initial?.id === visitId ? initial : undefined;
  const query = useQuery({
    ...visitQueryOf(visitId),
    initialData: given,
    refetchOnMount: given === undefined,
  });
  const visit = query.data ?? null;
  const labourRate = useQuery(serviceSettingsQuery).data?.labourRate ?? null;
  const staff = useQuery(serviceStaffQuery).data ?? NO_STAFF;
  // Without the vehicle's list, the visit's own declined work is shown.
  const declined =
    useQuery({ ...vehicleVisitsQueryOf(visit?.vehicleId ?? 0), enabled: visit !== null }).data?.declinedWork ?? null;
  const { base, changed } = useEditBase(visit, working);

  // After this desk's own write: the visit as saved, the forms filled from it.
  const done = (next: Visit) => {
    message.success(
      base && base.state !== next.state
        ? t("visits.page.movedTo", { state: t(`visits.states.${next.state}`) })
        : t("visits.page.saved"),
    );
    wrote(client, visitQueryOf(next.id).queryKey, next, "visit");
    setWorking(false);
    setRefusal(null);
  };

  // Drops what was typed: the forms are filled again from the visit as read
  // now (after a save refused as stale, read again first).
  const reload = () => {
    setRefusal(null);
    setWorking(false);
    void query.refetch();
  };

  const refused = (action: StepAction, error: unknown) => {
    setRefusal({ action, issues: toIssues(error) });
  };

  // What no field shows (a step not allowed now) is read in the alert: brought into view.
  useEffect(() => {
    if (refusal?.issues.some((i) => !i.field || i.kind === "invalid_state")) {
      alertRef.current?.scrollIntoView?.({ block: "center", behavior: "smooth" });
    }
  }, [refusal]);

  if (query.error && !visit) {
    return (
      <div data-testid="visit-page" className="visit-page">
        <ReadFailure query={query} variant="page" />
      </div>
    );
  }
  if (!visit || !base) {
    return (
      <div data-testid="visit-page" className="visit-page" aria-busy="true">
        <div className="panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      </div>
    );
  }

  const roles: Roles = { serve: can("serve_visits"), record: can("record_repair"), inspect: can("quality_check") };
  const technicians = staff.filter((c) => c.role === "technician");
  const lastCheck = visit.qcChecks.at(-1);
  const failedCheck = visit.state === "in_repair" && lastCheck && !lastCheck.passed ? lastCheck : null;
  const stage = stageSections(base, {
    ...roles,
    technicians,
    labourRate,
    lang,
    onDone: done,
    onRefused: refused,
  });
  const begin = () => {
    if (!working) setWorking(true);
  };
  const editable = stageEditable(base, roles);

  return (
    <div data-testid="visit-page" className="visit-page" data-visit-id={visit.id}>
      <VisitHeader
        visit={visit}
        lang={lang}
        loading={query.isFetching}
        onRefresh={() => void query.refetch()}
        onOpenCustomer={() => navigate({ module: "archive", customerId: visit.customerId })}
        onPrinted={setPrinted}
      />
      {printed && <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={visit.reception ? 10 : 24}>
          <AppointmentFacts visit={visit} lang={lang} />
        </Col>
        {visit.reception && (
          <Col xs={24} xl={14}>
            <ReceptionFacts visit={visit} lang={lang} />
          </Col>
        )}
      </Row>
      <VisitAlerts
        refusal={refusal}
        failedCheck={failedCheck}
        lang={lang}
        total={base.totals.total}
        onReload={reload}
        ref={alertRef}
      />
      {changed && (
        <ChangedNotice at={visit.updatedAt} history={visitHistoryQueryOf(visit.id)} lang={lang} onReload={reload} />
      )}
      <div
        className="visit-stage"
        onClickCapture={editable ? begin : undefined}
        onKeyDownCapture={editable ? begin : undefined}
        onInputCapture={editable ? begin : undefined}
      >
        {stage}
      </div>
      {(visit.state === "handed_over" || visit.state === "followed_up") && can("read_satisfaction") && (
        <FollowUpCard visitId={visit.id} lang={lang} />
      )}
      <QcHistory checks={visit.qcChecks} lang={lang} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <DeclinedWorkList visit={visit} declined={declined} lang={lang} />
            <VisitTimeline visit={visit} lang={lang} />
          </Flex>
        </Col>
        <Col xs={24} xl={16}>
          <section className="panel visit-section" data-testid="visit-history">
            <SectionTitle>{t("visits.page.history")}</SectionTitle>
            <AuditHistory query={visitHistoryQueryOf(visit.id)} lang={lang} />
          </section>
        </Col>
      </Row>
    </div>
  );
}

type StageProps = {
  serve: boolean;
  record: boolean;
  inspect: boolean;
  technicians: Colleague[];
  labourRate: Fen | null;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: (action: StepAction, error: unknown) => void;
};

/**
 * The current step's sections: the forms the role may use, the rest to read.
 * The forms are filled from `visit` and save against its `updatedAt`; each is
 * mounted anew (filled again) when that changes.
 */
function stageSections(visit: Visit, p: StageProps): ReactNode {
  const { lang, onDone, onRefused } = p;
  const version = visit.updatedAt;
  const round = `${visit.id}-${version}`;
  const confirmed = visit.order.confirmedAt !== undefined && visit.order.lines.length > 0;
  const extraDone = visit.extraWork.length > 0 && (
    <ExtraWorkPanel visit={visit} lang={lang} onDone={onDone} onRefused={onRefused} />
  );
  switch (visit.state) {
    case "booked":
    case "prepared":
      return p.serve ? (
        <ReceptionSection
          key={`reception-${round}`}
          visit={visit}
          version={version}
          lang={lang}
          onDone={onDone}
          onRefused={onRefused}
        />
      ) : (
        <Waiting text="reception" />
      );
    case "received":
      return (
        <>
          {p.serve ? (
            <OrderEditor
              key={`order-${round}`}
              visit={visit}
              version={version}
              labourRate={p.labourRate}
              lang={lang}
              onDone={onDone}
              onRefused={onRefused}
            />
          ) : (
            <OrderView visit={visit} lang={lang} />
          )}
          {confirmed ? (
            <RepairSection
              key={`repair-${round}`}
              visit={visit}
              version={version}
              technicians={p.technicians}
              labourRate={p.labourRate}
              canRecord={p.record}
              canDecide={p.serve}
              lang={lang}
              onDone={onDone}
              onRefused={onRefused}
            />
          ) : (
            !p.serve && <Waiting text="order" />
          )}
        </>
      );
    case "in_repair":
      return (
        <>
          <RepairSection
            key={`repair-${round}`}
            visit={visit}
            version={version}
            technicians={p.technicians}
            labourRate={p.labourRate}
            canRecord={p.record}
            canDecide={p.serve}
            lang={lang}
            onDone={onDone}
            onRefused={onRefused}
          />
          <OrderView visit={visit} lang={lang} />
        </>
      );
    case "quality_check":
      return (
        <>
          {p.inspect ? (
            <QualityCheckForm
              key={`qc-${round}`}
              visit={visit}
              lang={lang}
              onDone={onDone}
              onRefused={onRefused}
            />
          ) : (
            <Waiting text="qc" />
          )}
          <OrderView visit={visit} lang={lang} />
          {extraDone}
        </>
      );
    case "ready":
      return (
        <>
          {p.serve ? (
            <HandoverForm key={`handover-${round}`} visit={visit} lang={lang} onDone={onDone} onRefused={onRefused} />
          ) : (
            <Waiting text="handover" />
          )}
          <OrderView visit={visit} lang={lang} />
          {extraDone}
        </>
      );
    case "handed_over":
    case "followed_up":
      return (
        <>
          <HandoverFacts visit={visit} lang={lang} />
          <OrderView visit={visit} lang={lang} />
          {extraDone}
        </>
      );
    case "cancelled":
    case "no_show":
      return <Closed visit={visit} />;
  }
}

function Waiting({ text }: { text: "reception" | "order" | "qc" | "handover" }) {
  const { t } = useTranslation();
  return (
    <div data-testid="visit-waiting">
      <Alert type="info" showIcon title={t(`visits.waiting.${text}`)} />
    </div>
  );
}

function Closed({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={visit.state === "no_show" ? "error" : "warning"}
      showIcon
      title={t(`visits.states.${visit.state}`)}
      description={visit.cancelReason ? t("visits.page.cancelReason", { reason: visit.cancelReason }) : undefined}
    />
  );
}

function ExtraWorkPanel({
  visit,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: (action: StepAction, error: unknown) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel visit-section" data-testid="extra-section">
      <SectionTitle>{t("visits.extra.title")}</SectionTitle>
      <ExtraWorkList visit={visit} canDecide={false} lang={lang} onDone={onDone} onRefused={onRefused} />
    </section>
  );
}

function VisitHeader({
  visit,
  lang,
  loading,
  onRefresh,
  onOpenCustomer,
  onPrinted,
}: {
  visit: Visit;
  lang: Language;
  loading: boolean;
  onRefresh: () => void;
  onOpenCustomer: () => void;
  onPrinted: (printed: Printed) => void;
}) {
  const { t } = useTranslation();
  // Worked out by the backend at its clock (`visit::overdue`).
  const overdue = visit.overdue;
  return (
    <div className="panel visit-head">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div className="visit-head-main">
          <Flex gap={10} align="center" wrap>
            <Typography.Title level={3} className="visit-title">
              {t("visits.page.order")} <span data-testid="visit-number" className="tabular">{visit.number}</span>
            </Typography.Title>
            <StateTag state={visit.state} testId="visit-state" />
            {visit.walkIn && <Tag>{t("visits.board.walkIn")}</Tag>}
            {overdue && (
              <Tag color="red" data-testid="visit-overdue">
                {t("visits.board.overdue")}
              </Tag>
            )}
          </Flex>
          <div className="visit-facts visit-head-facts">
            <Fact label={t("visits.page.customer")}>
              <Typography.Link onClick={onOpenCustomer} data-testid="visit-customer">
                {visit.customerName}
              </Typography.Link>
              <span className="tabular muted"> {formatMobile(visit.customerMobile)}</span>
            </Fact>
            <Fact label={t("visits.page.vehicle")} wide>
              <Flex gap={8} align="center" wrap>
                <PlateTag plate={visit.plate} />
                <span>{visit.vehicleLabel}</span>
              </Flex>
              <div className="mono small muted" data-testid="visit-vin">
                {visit.vin}
              </div>
            </Fact>
            <Fact label={t("visits.fields.advisorId")}>{visit.advisorName}</Fact>
            <Fact label={t("visits.fields.technicianId")}>{visit.technicianName ?? <NotSet />}</Fact>
            <Fact label={t("visits.fields.promisedAt")}>
              {visit.order.promisedAt ? (
                <span className={overdue ? "overdue-text tabular" : "tabular"}>
                  {formatDateTime(visit.order.promisedAt, lang)}
                </span>
              ) : (
                <NotSet />
              )}
            </Fact>
            <Fact label={t("visits.totals.total")}>
              <span className="tabular">{formatMoney(visit.totals.total, lang)}</span>
            </Fact>
          </div>
        </div>
        <Flex vertical gap={8} align="end">
          <Flex gap={8}>
            <RegisterComplaintButton visit={visit} />
            <PrintButtons visit={visit} lang={lang} onPrinted={onPrinted} />
            <Tooltip title={t("visits.board.refresh")}>
              <Button icon={<ReloadOutlined />} loading={loading} onClick={onRefresh} aria-label={t("visits.board.refresh")} />
            </Tooltip>
          </Flex>
        </Flex>
      </Flex>
      <Steps size="small" className="visit-steps" data-testid="visit-steps" {...processSteps(visit, lang, t)} />
    </div>
  );
}

/** Opens the complaint registration for this visit's customer, vehicle and visit. */
function RegisterComplaintButton({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  if (!can("register_complaint")) return null;
  return (
    <Button
      icon={<MessageOutlined />}
      onClick={() =>
        navigate({
          module: "complaints",
          register: { customerId: visit.customerId, vehicleId: visit.vehicleId, visitId: visit.id },
        })
      }
      data-testid="visit-register-complaint"
    >
      {t("complaints.list.register")}
    </Button>
  );
}

function AppointmentFacts({ visit, lang }: { visit: Visit; lang: Language }) {
  const { t } = useTranslation();
  return (
    <section className="panel visit-section" data-testid="visit-appointment">
      <SectionTitle>{visit.walkIn ? t("visits.page.walkInFacts") : t("visits.page.appointment")}</SectionTitle>
      <div className="visit-facts">
        {!visit.walkIn && (
          <Fact label={t("visits.page.appointmentAt")}>
            {visit.appointmentAt ? <span className="tabular">{formatDateTime(visit.appointmentAt, lang)}</span> : <NotSet />}
          </Fact>
        )}
        <Fact label={t("visits.fields.requestedWork")}>
          {visit.requestedWork ? <span className="pre-wrap">{visit.requestedWork}</span> : <NotSet />}
        </Fact>
        {!visit.walkIn && (
          <Fact label={t("visits.page.concerns")}>
            {visit.concerns ? <span className="pre-wrap">{visit.concerns}</span> : <NotSet />}
          </Fact>
        )}
        <Fact label={t("visits.fields.expectedMinutes")}>{t("visits.page.minutes", { n: visit.expectedMinutes })}</Fact>
        <Fact label={t("visits.fields.replacementCar")}>
          {visit.replacementCar ? <Tag color="blue">{t("visits.page.replacementPromised")}</Tag> : t("common.no")}
        </Fact>
      </div>
    </section>
  );
}

function ReceptionFacts({ visit, lang }: { visit: Visit; lang: Language }) {
  const { t } = useTranslation();
  const r = visit.reception;
  if (!r) return null;
  return (
    <section className="panel visit-section" data-testid="visit-reception">
      <SectionTitle>{t("visits.page.receptionFacts")}</SectionTitle>
      <div className="visit-facts">
        <Fact label={t("visits.fields.mileageKm")}>
          {t("common.km", { value: formatNumber(r.mileageKm, lang) })}
          {r.mileageReason && <div className="small muted">{r.mileageReason}</div>}
        </Fact>
        <Fact label={t("visits.fields.fuelEighths")}>
          <span className="fuel-gauge" aria-label={`${r.fuelEighths}/8`}>
            {FUEL_LABELS[r.fuelEighths] ?? `${r.fuelEighths}/8`}
          </span>
        </Fact>
        <Fact label={t("visits.reception.damages")}>
          {r.damages.length === 0 ? (
            t("visits.reception.noDamage")
          ) : (
            <ul className="compact-list">
              {r.damages.map((d, i) => (
                <li key={i}>
                  {t("common.labelled", { field: t(`visits.panels.${d.panel}`) })}
                  {d.note}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t("visits.fields.valuables")}>{r.valuables || <NotSet />}</Fact>
        <Fact label={t("visits.fields.accessories")}>{r.accessories || <NotSet />}</Fact>
        <Fact label={t("visits.fields.concerns")}>
          <span className="pre-wrap">{r.concerns}</span>
        </Fact>
      </div>
    </section>
  );
}

/** Work the customer declined, kept on the vehicle for later care: this visit's and earlier ones. */
function DeclinedWorkList({ visit, declined, lang }: { visit: Visit; declined: DeclinedWork[] | null; lang: Language }) {
  const { t } = useTranslation();
  const items: DeclinedWork[] =
    declined ??
    visit.extraWork
      .filter((w) => w.status === "declined")
      .map((w) => ({
        id: w.id,
        visitId: visit.id,
        visitNumber: visit.number,
        description: w.description,
        amount: w.amount,
        declinedAt: w.decidedAt ?? w.foundAt,
      }));
  return (
    <section className="panel visit-section" data-testid="visit-declined">
      <SectionTitle>{t("visits.declined.title")}</SectionTitle>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t("visits.declined.none")}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="small">
            {t("visits.declined.hint")}
          </Typography.Paragraph>
          <ul className="plain-list declined-list">
            {items.map((d) => (
              <li key={d.id} data-testid={`declined-${d.id}`}>
                <div>
                  <div>{d.description}</div>
                  <div className="small muted">
                    {formatDate(d.declinedAt, lang)} · {d.visitNumber}
                    {d.visitId === visit.id && ` · ${t("visits.declined.thisVisit")}`}
                  </div>
                </div>
                <span className="tabular">{formatMoney(d.amount, lang)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function VisitTimeline({ visit, lang }: { visit: Visit; lang: Language }) {
  const { t } = useTranslation();
  return (
    <section className="panel visit-section" data-testid="visit-timeline">
      <SectionTitle>{t("visits.page.timeline")}</SectionTitle>
      {visit.timeline.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visits.page.noTimeline")} />
      ) : (
        <Timeline
          className="visit-timeline"
          items={visit.timeline.map((change, i) => ({
            key: i,
            color: change.step === "fail_qc" || change.step === "no_show" ? "red" : change.step === "cancel" ? "gray" : "blue",
            content: (
              <div data-step={change.step}>
                <div>
                  {t(`visits.steps.${change.step}`)}
                  <Typography.Text type="secondary"> · {change.by}</Typography.Text>
                </div>
                <div className="tabular small muted">{formatDateTime(change.at, lang)}</div>
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
