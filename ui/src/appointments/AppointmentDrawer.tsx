import {
  CalendarOutlined,
  CloseCircleOutlined,
  FileTextOutlined,
  LoginOutlined,
  StopOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Timeline,
  Typography,
} from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import type { Colleague, Language, Preparation, PreparationItem, StaffId, Visit, VisitId } from "../bindings";
import { PlateTag } from "../archive/tags";
import { isStale, type NamePath } from "../errors";
import { formatDateTime, formatMobile } from "../format";
import { useChanged } from "../live";
import { ChangedNotice, useEditBase } from "../live/edit";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { AdvisorSelect, AppointmentDatePicker, SlotSelect, useDayBoard } from "./fields";
import { IssueSummary, refusalText, useAppointmentIssues, type IssueContext } from "./issues";
import { appointmentHistoryQueryOf, appointmentQueryOf } from "./queries";
import { PREPARATION_ITEMS, atOf, atText, dayOf, durationText, hhmm, isOpen, isVisit, isoDate, now, parseAt } from "./model";
import { ReplacementCarIcon, StateTag } from "./tags";

const PREP_FIELD: Record<PreparationItem, keyof Preparation> = {
  parts_ready: "partsReady",
  order_prefilled: "orderPrefilled",
  advisor_available: "advisorAvailable",
  replacement_car_ready: "replacementCarReady",
};

/** The checklist items asked for this appointment: the replacement car only when one is promised. */
export function checklistItems(replacementCar: boolean): PreparationItem[] {
  return PREPARATION_ITEMS.filter((item) => item !== "replacement_car_ready" || replacementCar);
}

/**
 * One appointment: its details, and what may be done with it now — the
 * preparation checklist, reschedule, cancel, no-show, and reception (which
 * the visit screens do). It follows the changes made on any desk.
 */
export function AppointmentDrawer({
  visitId,
  lang,
  advisors,
  slots,
  onClose,
}: {
  visitId: VisitId | null;
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={visitId !== null}
      size={560}
      onClose={onClose}
      destroyOnHidden
      title={t("appointments.drawer.title")}
      footer={null}
    >
      {visitId !== null && (
        <AppointmentDetail
          visitId={visitId}
          lang={lang}
          advisors={advisors}
          slots={slots}
          onClose={onClose}
        />
      )}
    </Drawer>
  );
}

function AppointmentDetail({
  visitId,
  lang,
  advisors,
  slots,
  onClose,
}: {
  visitId: VisitId;
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const markChanged = useChanged();
  // Read again when the appointment changes on any desk (moved, prepared, received).
  const query = useQuery(appointmentQueryOf(visitId));
  const visit = query.data ?? null;
  const [busy, setBusy] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  /** This desk changed the appointment: shown at once, and the board reads again. */
  const changed = (next: Visit, text: string) => {
    client.setQueryData(appointmentQueryOf(next.id).queryKey, next);
    message.success(text);
    markChanged("visit");
  };

  // After a save refused as stale: read the appointment again.
  const reload = () => void query.refetch();

  if (query.error && !visit) return <ReadFailure query={query} />;
  if (!visit) {
    return (
      <Flex justify="center" className="drawer-loading">
        <Spin description={t("appointments.drawer.loading")} />
      </Flex>
    );
  }

  const mayBook = can("book_visits");
  const open = isOpen(visit.state);
  const passed = visit.appointmentAt !== undefined && !parseAt(visit.appointmentAt).isAfter(now());

  const markNoShow = async () => {
    setBusy(true);
    try {
      changed(await api.markNoShow(visit.id), t("appointments.drawer.noShowDone"));
    } catch (e) {
      message.error(refusalText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="appointment-drawer" data-testid="appointment-drawer" data-visit-id={visit.id}>
      <Flex justify="space-between" align="center" className="appointment-head">
        <Space size={8} wrap>
          <StateTag state={visit.state} testId="appointment-state" />
          {visit.replacementCar && <ReplacementCarIcon />}
          <Typography.Text type="secondary" className="tabular">
            {t("appointments.drawer.number", { number: visit.number })}
          </Typography.Text>
        </Space>
      </Flex>

      <Descriptions
        column={1}
        size="small"
        className="appointment-facts"
        items={[
          {
            key: "time",
            label: t("appointments.drawer.time"),
            children: (
              <span className="tabular" data-testid="appointment-time">
                {visit.appointmentAt ? atText(visit.appointmentAt, lang) : "—"}
              </span>
            ),
          },
          { key: "advisor", label: t("appointments.drawer.advisor"), children: visit.advisorName },
          {
            key: "customer",
            label: t("appointments.drawer.customer"),
            children: (
              <Space size={8} wrap>
                <Typography.Text strong>{visit.customerName}</Typography.Text>
                <span className="tabular">{formatMobile(visit.customerMobile)}</span>
                <Typography.Link
                  onClick={() => navigate({ module: "archive", customerId: visit.customerId })}
                  data-testid="appointment-open-customer"
                >
                  {t("appointments.drawer.openCustomer")}
                </Typography.Link>
              </Space>
            ),
          },
          {
            key: "vehicle",
            label: t("appointments.drawer.vehicle"),
            children: (
              <Space size={8} wrap>
                <PlateTag plate={visit.plate} />
                <span>{visit.vehicleLabel}</span>
              </Space>
            ),
          },
          {
            key: "duration",
            label: t("appointments.drawer.duration"),
            children: durationText(visit.expectedMinutes, t),
          },
          {
            key: "work",
            label: t("appointments.drawer.requestedWork"),
            children: <span className="pre-wrap">{visit.requestedWork}</span>,
          },
          ...(visit.concerns
            ? [
                {
                  key: "concerns",
                  label: t("appointments.drawer.concerns"),
                  children: <span className="pre-wrap">“{visit.concerns}”</span>,
                },
              ]
            : []),
          {
            key: "car",
            label: t("appointments.drawer.replacementCar"),
            children: visit.replacementCar
              ? t("appointments.drawer.replacementCarYes")
              : t("appointments.drawer.replacementCarNo"),
          },
          ...(visit.cancelReason
            ? [{ key: "reason", label: t("appointments.drawer.cancelReason"), children: visit.cancelReason }]
            : []),
        ]}
      />

      <Flex gap={8} wrap className="appointment-actions">
        {open && can("serve_visits") && (
          <Button
            type="primary"
            icon={<LoginOutlined />}
            onClick={() => navigate({ module: "visits", visitId: visit.id })}
            data-testid="appointment-receive"
          >
            {t("appointments.drawer.receive")}
          </Button>
        )}
        {isVisit(visit.state) && (
          <Button
            type="primary"
            icon={<FileTextOutlined />}
            onClick={() => navigate({ module: "visits", visitId: visit.id })}
            data-testid="appointment-open-visit"
          >
            {t("appointments.drawer.openVisit")}
          </Button>
        )}
        {open && mayBook && (
          <>
            <Button icon={<CalendarOutlined />} onClick={() => setRescheduling(true)} data-testid="appointment-reschedule">
              {t("appointments.drawer.reschedule")}
            </Button>
            {passed && (
              <Popconfirm
                title={t("appointments.drawer.noShowTitle")}
                description={<div className="popconfirm-text">{t("appointments.drawer.noShowText")}</div>}
                okText={t("appointments.drawer.noShow")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true, "data-testid": "no-show-confirm" }}
                onConfirm={markNoShow}
              >
                <Button icon={<StopOutlined />} loading={busy} data-testid="appointment-no-show">
                  {t("appointments.drawer.noShow")}
                </Button>
              </Popconfirm>
            )}
            <Button danger icon={<CloseCircleOutlined />} onClick={() => setCancelling(true)} data-testid="appointment-cancel">
              {t("appointments.drawer.cancel")}
            </Button>
          </>
        )}
      </Flex>

      {visit.state !== "cancelled" && visit.state !== "no_show" && (
        <PreparationChecklist
          key={visit.id}
          visit={visit}
          lang={lang}
          editable={visit.state === "booked" && mayBook}
          onReload={reload}
          onSaved={(next) =>
            changed(
              next,
              next.state === "prepared" ? t("appointments.prep.prepared") : t("appointments.prep.saved"),
            )
          }
        />
      )}

      {visit.timeline.length > 0 && (
        <div className="appointment-timeline">
          <div className="form-section-title">{t("appointments.drawer.timeline")}</div>
          <Timeline
            items={visit.timeline.map((change, i) => ({
              key: i,
              content: (
                <div>
                  <div>
                    {t("appointments.drawer.timelineEntry", {
                      state: t(`appointments.states.${change.state}`),
                      by: change.by,
                    })}
                  </div>
                  <Typography.Text type="secondary" className="small tabular">
                    {formatDateTime(change.at, lang)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </div>
      )}

      <Flex justify="end" className="appointment-close">
        <Button onClick={onClose} data-testid="appointment-close">
          {t("appointments.drawer.close")}
        </Button>
      </Flex>

      <RescheduleModal
        open={rescheduling}
        visit={visit}
        lang={lang}
        advisors={advisors}
        slots={slots}
        onReload={reload}
        onClose={() => setRescheduling(false)}
        onDone={(next) => {
          setRescheduling(false);
          changed(next, t("appointments.reschedule.done", { time: next.appointmentAt ? atText(next.appointmentAt, lang) : "" }));
        }}
      />
      <CancelModal
        open={cancelling}
        visit={visit}
        onClose={() => setCancelling(false)}
        onDone={(next) => {
          setCancelling(false);
          changed(next, t("appointments.cancel.done"));
        }}
      />
    </div>
  );
}

/**
 * The preparation checklist (DOMAIN.md §3.2): ticked the day before; complete →
 * prepared. Once a box is ticked, the checklist works from the appointment as
 * it was then and is saved against that `updatedAt`: a change made on another
 * desk meanwhile leaves the ticks alone and is announced above them, with
 * Reload. A save refused as stale keeps the refusal beside the ticks, with a
 * button to reload.
 */
export function PreparationChecklist({
  visit,
  lang,
  editable,
  onSaved,
  onReload,
}: {
  /** The appointment as last read. */
  visit: Visit;
  lang: Language;
  editable: boolean;
  onSaved: (visit: Visit) => void;
  /** Reads the appointment again (the checklist is then ticked from it). */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The ticks made here; null while nothing differs from the appointment's own.
  const [ticks, setTicks] = useState<Preparation | null>(null);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const editing = editable && ticks !== null;
  const { base, changed } = useEditBase(visit, editing);
  const shown = base ?? visit;
  const checklist = editing && ticks ? ticks : shown.preparation;
  const items = checklistItems(shown.replacementCar);
  const differs = (a: Preparation, b: Preparation) => items.some((item) => a[PREP_FIELD[item]] !== b[PREP_FIELD[item]]);
  const dirty = differs(checklist, shown.preparation);
  const complete = items.every((item) => visit.preparation[PREP_FIELD[item]]);

  const tick = (item: PreparationItem, checked: boolean) => {
    const next = { ...checklist, [PREP_FIELD[item]]: checked };
    setTicks(differs(next, shown.preparation) ? next : null);
  };

  /** Drops the ticks: the checklist is the appointment's as last read. */
  const startAfresh = () => {
    setTicks(null);
    setStale(null);
  };

  const save = async () => {
    setSaving(true);
    try {
      const sent: Preparation = shown.replacementCar ? checklist : { ...checklist, replacementCarReady: false };
      const next = await api.savePreparation(shown.id, sent, shown.updatedAt);
      startAfresh();
      onSaved(next);
    } catch (e) {
      if (isStale(e)) setStale(refusalText(e, t));
      else message.error(refusalText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="preparation" data-testid="preparation">
      <div className="form-section-title">{t("appointments.prep.title")}</div>
      {changed && (
        <ChangedNotice
          at={visit.updatedAt}
          history={appointmentHistoryQueryOf(visit.id)}
          lang={lang}
          onReload={startAfresh}
        />
      )}
      {editable ? (
        <Typography.Paragraph type="secondary" className="small">
          {t("appointments.prep.hint")}
        </Typography.Paragraph>
      ) : complete ? (
        <Typography.Paragraph type="success" className="small">
          {t("appointments.prep.complete")}
        </Typography.Paragraph>
      ) : isOpen(visit.state) ? (
        <Typography.Paragraph type="secondary" className="small">
          {t("appointments.prep.readOnly")}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={8}>
        {items.map((item) => (
          <Checkbox
            key={item}
            checked={checklist[PREP_FIELD[item]]}
            disabled={!editable || saving}
            onChange={(e) => tick(item, e.target.checked)}
            data-testid={`prep-${item}`}
          >
            {t(`appointments.prep.items.${item}`)}
          </Checkbox>
        ))}
      </Flex>
      {stale && (
        <Alert
          type="error"
          showIcon
          className="prep-stale"
          data-testid="prep-refusal"
          title={stale}
          action={
            <Button
              size="small"
              onClick={() => {
                startAfresh();
                onReload();
              }}
              data-testid="prep-reload"
            >
              {t("common.reload")}
            </Button>
          }
        />
      )}
      {editable && (
        <Button className="prep-save" onClick={save} loading={saving} disabled={!dirty} data-testid="prep-save">
          {t("appointments.prep.save")}
        </Button>
      )}
    </div>
  );
}

type RescheduleValues = { advisorId?: StaffId | null; date?: Dayjs | null; slot?: string | null };

const placeReschedule = (field: string): NamePath | null =>
  field === "at" ? ["slot"] : field === "advisorId" ? ["advisorId"] : null;

type ModalProps = {
  open: boolean;
  visit: Visit;
  onClose: () => void;
  onDone: (visit: Visit) => void;
};

type RescheduleProps = ModalProps & {
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  /** Reads the appointment again after a move refused as stale; the choice made stays. */
  onReload: () => void;
};

/**
 * Moves an appointment: another day, slot or advisor. Saved against the
 * appointment's `updatedAt` as it was when the dialog opened; a change made
 * on another desk meanwhile is announced above the choice, with Reload.
 */
function RescheduleModal({ open, visit, lang, advisors, slots, onReload, onClose, onDone }: RescheduleProps) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t("appointments.reschedule.title")} onCancel={onClose} footer={null} destroyOnHidden>
      {open && (
        <RescheduleBody
          visit={visit}
          lang={lang}
          advisors={advisors}
          slots={slots}
          onReload={onReload}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    </Modal>
  );
}

/** Where the appointment is now, as the dialog's choice starts. */
const rescheduleValues = (visit: Visit): RescheduleValues => ({
  advisorId: visit.advisorId,
  date: visit.appointmentAt ? dayOf(visit.appointmentAt) : null,
  slot: visit.appointmentAt ? hhmm(visit.appointmentAt) : null,
});

function RescheduleBody({
  visit: current,
  lang,
  advisors,
  slots,
  onReload,
  onClose,
  onDone,
}: Omit<RescheduleProps, "open">) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RescheduleValues>();
  const issues = useAppointmentIssues(form, placeReschedule);
  const [saving, setSaving] = useState(false);
  const date = Form.useWatch<Dayjs | null | undefined>("date", form);
  const advisorId = Form.useWatch<StaffId | null | undefined>("advisorId", form);
  const dateText = date && date.isValid() ? isoDate(date) : null;
  const dayBoard = useDayBoard(dateText);
  // The dialog is open for as long as it is mounted: it works from the appointment as it opened.
  const { base, changed, reload } = useEditBase(current, true);
  const visit = base ?? current;
  const [initialValues] = useState<RescheduleValues>(() => rescheduleValues(current));
  // After a move refused as stale: once the appointment has been read again, the
  // choice made is saved against it.
  const [rebase, setRebase] = useState(false);
  if (rebase && changed) {
    setRebase(false);
    reload();
  }

  const save = async () => {
    const values = form.getFieldsValue(true) as RescheduleValues;
    const ctx: IssueContext = {
      lang,
      advisorName: advisors.find((a) => a.id === values.advisorId)?.name,
      at: values.date && values.slot ? atOf(values.date, values.slot) : undefined,
    };
    if (!values.date || !values.slot || values.advisorId == null) {
      issues.show(
        [
          ...(values.advisorId == null ? [{ kind: "required" as const, field: "advisorId", message: "" }] : []),
          ...(!values.date || !values.slot ? [{ kind: "required" as const, field: "at", message: "" }] : []),
        ],
        ctx,
      );
      return;
    }
    setSaving(true);
    try {
      const next = await api.rescheduleAppointment(
        visit.id,
        atOf(values.date, values.slot),
        values.advisorId,
        visit.updatedAt,
      );
      issues.clear();
      onDone(next);
    } catch (e) {
      issues.show(e, ctx);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<RescheduleValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      data-testid="reschedule-form"
    >
      {changed && !rebase && (
        <ChangedNotice
          at={current.updatedAt}
          history={appointmentHistoryQueryOf(current.id)}
          lang={lang}
          onReload={() => {
            reload();
            issues.clear();
            form.setFieldsValue(rescheduleValues(current));
          }}
        />
      )}
      <Form.Item name="advisorId" label={t("appointments.booking.advisor")} required className="field-advisorId">
        <AdvisorSelect advisors={advisors} testId="reschedule-advisor" />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="date" label={t("appointments.booking.date")} required className="field-date" style={{ flex: 1 }}>
          <AppointmentDatePicker lang={lang} testId="reschedule-date" />
        </Form.Item>
        <Form.Item name="slot" label={t("appointments.booking.slot")} required className="field-at" style={{ flex: 1 }}>
          <SlotSelect
            board={dayBoard}
            fallbackSlots={slots}
            advisorId={advisorId}
            date={dateText}
            except={visit.id}
            testId="reschedule-slot"
          />
        </Form.Item>
      </Flex>
      <IssueSummary
        shown={issues}
        action={(issue) =>
          issue.kind === "stale" && (
            <Button
              size="small"
              type="link"
              onClick={() => {
                issues.clear();
                setRebase(true);
                onReload();
              }}
              data-testid="reschedule-reload"
            >
              {t("common.reload")}
            </Button>
          )
        }
      />
      <Flex justify="end">
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="reschedule-confirm">
            {t("appointments.reschedule.confirm")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}

/** Cancels with the customer's reason; the button waits for one. */
function CancelModal({ open, visit, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t("appointments.cancel.title")} onCancel={onClose} footer={null} destroyOnHidden>
      {open && <CancelBody visit={visit} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function CancelBody({ visit, onClose, onDone }: Omit<ModalProps, "open">) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  const issues = useAppointmentIssues(form, (field) => (field === "reason" ? ["reason"] : null));
  const reason = Form.useWatch<string | undefined>("reason", form) ?? "";
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      const next = await api.cancelAppointment(visit.id, form.getFieldValue("reason") ?? "");
      issues.clear();
      onDone(next);
    } catch (e) {
      issues.show(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ reason: "" }} onFinish={save} data-testid="cancel-form">
      <Form.Item name="reason" label={t("appointments.cancel.reason")} required className="field-reason">
        <Input.TextArea
          data-testid="cancel-reason"
          placeholder={t("appointments.cancel.reasonPlaceholder")}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={500}
          autoFocus
        />
      </Form.Item>
      <IssueSummary shown={issues} />
      <Flex justify="end">
        <Space>
          <Button onClick={onClose}>{t("appointments.cancel.keep")}</Button>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={saving}
            disabled={reason.trim() === ""}
            data-testid="cancel-confirm"
          >
            {t("appointments.cancel.confirm")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
