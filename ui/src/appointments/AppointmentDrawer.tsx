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
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import type { Colleague, Language, Preparation, PreparationItem, StaffId, Visit, VisitId } from "../bindings";
import { PlateTag } from "../archive/tags";
import { errorText, isStale, type NamePath } from "../errors";
import { formatDateTime, formatMobile } from "../format";
import { useNavigate } from "../shell/navigation";
import { AdvisorSelect, AppointmentDatePicker, SlotSelect, useDayBoard } from "./fields";
import { IssueSummary, refusalText, useAppointmentIssues, type IssueContext } from "./issues";
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
 * the visit screens do).
 */
export function AppointmentDrawer({
  visitId,
  lang,
  advisors,
  slots,
  onClose,
  onChanged,
}: {
  visitId: VisitId | null;
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  onClose: () => void;
  /** Something about the appointment changed: the board reads again. */
  onChanged: () => void;
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
          onChanged={onChanged}
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
  onChanged,
}: {
  visitId: VisitId;
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    let current = true;
    setError(null);
    api
      .getVisit(visitId)
      .then((v) => {
        if (current) setVisit(v);
      })
      .catch((e: unknown) => {
        if (current) setError(e);
      });
    return () => {
      current = false;
    };
  }, [visitId, attempt]);

  const changed = useCallback(
    (next: Visit, text: string) => {
      setVisit(next);
      message.success(text);
      onChanged();
    },
    [message, onChanged],
  );

  // After a save refused as stale: read the appointment again; what it shows and saves against is then current.
  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
    onChanged();
  }, [onChanged]);

  if (error && !visit) {
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed")}
        description={errorText(error, t)}
        action={<Button onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</Button>}
      />
    );
  }
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
          key={`${visit.id}-${visit.state}-${visit.updatedAt}`}
          visit={visit}
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
 * prepared. Saved against the appointment's `updatedAt` it was ticked on; when
 * someone else changed the appointment meanwhile, the refusal stays beside the
 * ticks, with a button to reload it.
 */
export function PreparationChecklist({
  visit,
  editable,
  onSaved,
  onReload,
}: {
  visit: Visit;
  editable: boolean;
  onSaved: (visit: Visit) => void;
  /** Reads the appointment again (the checklist is then ticked from it). */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [checklist, setChecklist] = useState<Preparation>(visit.preparation);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const items = checklistItems(visit.replacementCar);
  const dirty = items.some((item) => checklist[PREP_FIELD[item]] !== visit.preparation[PREP_FIELD[item]]);
  const complete = items.every((item) => visit.preparation[PREP_FIELD[item]]);

  const save = async () => {
    setSaving(true);
    try {
      const sent: Preparation = visit.replacementCar ? checklist : { ...checklist, replacementCarReady: false };
      onSaved(await api.savePreparation(visit.id, sent, visit.updatedAt));
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
            onChange={(e) => setChecklist((c) => ({ ...c, [PREP_FIELD[item]]: e.target.checked }))}
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
            <Button size="small" onClick={onReload} data-testid="prep-reload">
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
 * appointment's `updatedAt` as the drawer shows it.
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

function RescheduleBody({ visit, lang, advisors, slots, onReload, onClose, onDone }: Omit<RescheduleProps, "open">) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RescheduleValues>();
  const issues = useAppointmentIssues(form, placeReschedule);
  const [saving, setSaving] = useState(false);
  const date = Form.useWatch<Dayjs | null | undefined>("date", form);
  const advisorId = Form.useWatch<StaffId | null | undefined>("advisorId", form);
  const dateText = date && date.isValid() ? isoDate(date) : null;
  const dayBoard = useDayBoard(dateText);
  const [initialValues] = useState<RescheduleValues>(() => ({
    advisorId: visit.advisorId,
    date: visit.appointmentAt ? dayOf(visit.appointmentAt) : null,
    slot: visit.appointmentAt ? hhmm(visit.appointmentAt) : null,
  }));

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
