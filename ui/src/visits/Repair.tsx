import { CheckOutlined, CloseOutlined, ToolOutlined } from "@ant-design/icons";
import { Button, Empty, Flex, Form, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Colleague, ExtraWork, ExtraWorkInput, Fen, Language, StaffId, Visit } from "../bindings";
import { fieldPath } from "../errors";
import { useRequired, type Place } from "../forms";
import { formatDateTime, formatMoney } from "../format";
import { placeLine, useFieldIssues, type StepAction } from "./issues";
import { LineEditor, liveTotals, toLineInput, type LineValues } from "./LineEditor";
import { formatHundredths } from "./money";
import { EXTRA_STATUS_COLOUR } from "./options";
import { PickSelect, SectionTitle } from "./ui";

type Refused = (action: StepAction, error: unknown) => void;

const placeTechnician: Place = (field) => (fieldPath(field)[0] === "technicianId" ? ["technicianId"] : null);

/**
 * Assigning the technician: "start repair" once the customer confirmed the
 * order, or a re-assignment during repair (`startRepair` both).
 */
export function AssignTechnician({
  visit,
  version,
  technicians,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  /** The visit's `updatedAt` the technician was picked on: another desk's start or re-assignment meanwhile refuses it as stale. */
  version: string;
  technicians: Colleague[];
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ technicianId?: StaffId }>();
  const [saving, setSaving] = useState(false);
  const issues = useFieldIssues(form, placeTechnician, "start", { lang });
  const required = useRequired();
  const inRepair = visit.state === "in_repair";
  const chosen = Form.useWatch("technicianId", form);

  const submit = async () => {
    const technicianId = form.getFieldValue("technicianId") as StaffId | undefined;
    if (technicianId === undefined) return;
    setSaving(true);
    try {
      const next = await api.startRepair(visit.id, technicianId, version);
      issues.clear();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("start", error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ technicianId: visit.technicianId }}
      onFinish={submit}
      className="assign-form"
      data-testid="repair-assign"
    >
      <Form.Item
        name="technicianId"
        label={t("visits.fields.technicianId")}
        rules={[required(t("visits.fields.technicianId"))]}
      >
        <PickSelect<StaffId>
          testId="repair-technician"
          options={technicians.map((c) => ({ value: c.id, text: c.name }))}
          placeholder={t("visits.repair.pickTechnician")}
          style={{ minWidth: 200 }}
        />
      </Form.Item>
      <Form.Item>
        <Button
          type={inRepair ? "default" : "primary"}
          onClick={() => form.submit()}
          icon={<ToolOutlined />}
          loading={saving}
          disabled={inRepair && chosen === visit.technicianId}
          data-testid="repair-start"
        >
          {inRepair ? t("visits.repair.reassign") : t("visits.repair.start")}
        </Button>
      </Form.Item>
    </Form>
  );
}

type ExtraValues = { description?: string; lines: LineValues[] };

const placeExtra: Place = (field) => {
  const line = placeLine(field);
  if (line) return line;
  const path = fieldPath(field);
  return path.length === 1 && path[0] === "description" ? ["description"] : null;
};

/** Extra work found during repair, with its price, for the customer to approve (`recordExtraWork`). */
export function ExtraWorkForm({
  visit,
  labourRate,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  labourRate: Fen | null;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ExtraValues>();
  const [saving, setSaving] = useState(false);
  const issues = useFieldIssues(form, placeExtra, "extra", { lang });
  const watched = Form.useWatch<LineValues[] | undefined>("lines", form);
  const totals = liveTotals(watched, visit.order.taxBasisPoints);

  const submit = async () => {
    const values = form.getFieldsValue(true) as ExtraValues;
    const extra: ExtraWorkInput = {
      description: values.description ?? "",
      lines: (values.lines ?? []).map(toLineInput),
    };
    setSaving(true);
    try {
      const next = await api.recordExtraWork(visit.id, extra);
      issues.clear();
      form.resetFields();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("extra", error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="extra-form" data-testid="extra-form">
      <Typography.Title level={5} className="visit-subtitle">
        {t("visits.extra.found")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="visit-section-intro">
        {t("visits.extra.foundHint")}
      </Typography.Paragraph>
      <Form<ExtraValues> form={form} layout="vertical" initialValues={{ description: "", lines: [] }} onFinish={submit}>
        <Form.Item name="description" label={t("visits.fields.extraDescription")} required>
          <Input.TextArea
            data-testid="extra-description"
            placeholder={t("visits.extra.descriptionPlaceholder")}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
          />
        </Form.Item>
        <LineEditor prefix="extra" labourRate={labourRate} lang={lang} />
        <Flex justify="space-between" align="center" className="extra-form-foot">
          <Typography.Text type="secondary">
            {t("visits.extra.amountBeforeTax", { amount: formatMoney(totals.subtotal, lang) })}
          </Typography.Text>
          <Button onClick={() => form.submit()} type="primary" ghost loading={saving} data-testid="extra-submit">
            {t("visits.extra.submit")}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}

/**
 * The extra work of the visit with the customer's answer; the advisor records
 * the answer (given by phone) while the vehicle is in repair.
 */
export function ExtraWorkList({
  visit,
  canDecide,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  canDecide: boolean;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  if (visit.extraWork.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visits.extra.none")} />;
  }
  return (
    <ul className="extra-list" data-testid="extra-list">
      {visit.extraWork.map((work) => (
        <ExtraWorkRow
          key={work.id}
          visit={visit}
          work={work}
          canDecide={canDecide && visit.state === "in_repair" && work.status === "awaiting_approval"}
          lang={lang}
          onDone={onDone}
          onRefused={onRefused}
        />
      ))}
    </ul>
  );
}

function ExtraWorkRow({
  visit,
  work,
  canDecide,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  work: ExtraWork;
  canDecide: boolean;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [deciding, setDeciding] = useState<"approve" | "decline" | null>(null);

  const decide = async (approved: boolean) => {
    setDeciding(approved ? "approve" : "decline");
    try {
      onDone(await api.decideExtraWork(visit.id, work.id, approved, note));
    } catch (error) {
      onRefused("decide", error);
    } finally {
      setDeciding(null);
    }
  };

  return (
    <li className="extra-row" data-testid={`extra-${work.id}`} data-status={work.status}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div className="extra-main">
          <Space size={8} wrap>
            <Typography.Text strong>{work.description}</Typography.Text>
            <Tag color={EXTRA_STATUS_COLOUR[work.status]}>{t(`visits.extra.status.${work.status}`)}</Tag>
          </Space>
          <div className="small muted">
            {t("visits.extra.foundBy", { who: work.foundBy, at: formatDateTime(work.foundAt, lang) })}
            {work.decidedAt && ` · ${t("visits.extra.decidedAt", { at: formatDateTime(work.decidedAt, lang) })}`}
          </div>
          <ul className="extra-lines small">
            {work.lines.map((l) => (
              <li key={l.id}>
                {l.description}
                {l.partNumber && <span className="mono"> {l.partNumber}</span>}
                {" · "}
                {l.kind === "labour"
                  ? t("visits.lines.hours", { n: formatHundredths(l.quantityCenti) })
                  : `× ${formatHundredths(l.quantityCenti)}`}
                {" · "}
                <span className="tabular">{formatMoney(l.amount, lang)}</span>
              </li>
            ))}
          </ul>
          {work.note && (
            <div className="small">
              {t("common.labelled", { field: t("visits.extra.customerAnswer") })}
              <span className="pre-wrap">{work.note}</span>
            </div>
          )}
        </div>
        <Typography.Text strong className="tabular extra-amount">
          {formatMoney(work.amount, lang)}
        </Typography.Text>
      </Flex>
      {canDecide && (
        <Flex gap={8} align="center" className="extra-decide" wrap>
          <Input
            data-testid={`extra-note-${work.id}`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t("visits.extra.notePlaceholder")}
            maxLength={500}
            style={{ flex: "1 1 240px" }}
            autoComplete="off"
          />
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={deciding === "approve"}
            disabled={deciding !== null}
            onClick={() => decide(true)}
            data-testid={`extra-approve-${work.id}`}
          >
            {t("visits.extra.approve")}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            loading={deciding === "decline"}
            disabled={deciding !== null}
            onClick={() => decide(false)}
            data-testid={`extra-decline-${work.id}`}
          >
            {t("visits.extra.decline")}
          </Button>
        </Flex>
      )}
    </li>
  );
}

/** "Repair finished, to quality check" (`finishRepair`); the backend says what still waits. */
export function FinishRepair({
  visit,
  onDone,
  onRefused,
}: {
  visit: Visit;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const waiting = visit.extraWork.filter((w) => w.status === "awaiting_approval").length;
  const finish = async () => {
    setSaving(true);
    try {
      onDone(await api.finishRepair(visit.id));
    } catch (error) {
      onRefused("finish", error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex justify="end" align="center" gap={12} className="repair-finish">
      {waiting > 0 && <Typography.Text type="warning">{t("visits.repair.extraWaiting", { n: waiting })}</Typography.Text>}
      <Button type="primary" onClick={finish} loading={saving} data-testid="repair-finish">
        {t("visits.repair.finish")}
      </Button>
    </Flex>
  );
}

/** The repair stage: who works on it, extra work and its answers, and the hand-off to QC. */
export function RepairSection({
  visit,
  version,
  technicians,
  labourRate,
  canRecord,
  canDecide,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  /** What the technician form saves against (see `AssignTechnician`). */
  version: string;
  technicians: Colleague[];
  labourRate: Fen | null;
  canRecord: boolean;
  canDecide: boolean;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: Refused;
}) {
  const { t } = useTranslation();
  const inRepair = visit.state === "in_repair";
  return (
    <section className="panel visit-section" data-testid="repair-section">
      <SectionTitle
        extra={
          visit.technicianName && (
            <Typography.Text type="secondary">
              {t("common.labelled", { field: t("visits.fields.technicianId") })}
              {visit.technicianName}
            </Typography.Text>
          )
        }
      >
        {t("visits.repair.title")}
      </SectionTitle>
      {canRecord && (
        <AssignTechnician
          visit={visit}
          version={version}
          technicians={technicians}
          lang={lang}
          onDone={onDone}
          onRefused={onRefused}
        />
      )}
      {!canRecord && !inRepair && (
        <Typography.Paragraph type="secondary">{t("visits.repair.waitingForWorkshop")}</Typography.Paragraph>
      )}
      {inRepair && (
        <>
          <Typography.Title level={5} className="visit-subtitle">
            {t("visits.extra.title")}
          </Typography.Title>
          <ExtraWorkList visit={visit} canDecide={canDecide} lang={lang} onDone={onDone} onRefused={onRefused} />
          {canRecord && (
            <ExtraWorkForm visit={visit} labourRate={labourRate} lang={lang} onDone={onDone} onRefused={onRefused} />
          )}
          {canRecord && <FinishRepair visit={visit} onDone={onDone} onRefused={onRefused} />}
        </>
      )}
    </section>
  );
}
