import { CheckOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Col, DatePicker, Form, Input, Row, Skeleton, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Cause, CauseInput, Colleague, Complaint, Language, StaffId } from "../bindings";
import { isStale, toIssues } from "../errors";
import { useRequired } from "../forms";
import { formatDate, formatDateTime, fromIsoDate, toIsoDate } from "../format";
import { dateFormats } from "../visits/Order";
import { Fact, PickSelect, SectionTitle } from "../visits/ui";
import { CAUSES, complaintIssueText, NEEDS_RESPONSIBLE } from "./model";
import { serviceStaffQuery } from "../appointments/queries";
import { CardChanged, ReloadButton, useCardEdit, useComplaintRefusal, type CardProps } from "./ui";

type CauseValues = {
  cause?: Cause;
  rootCause?: string;
  responsibleId?: StaffId | null;
  measure?: string;
  measureOwnerId?: StaffId | null;
  checkOn?: Dayjs | null;
};

const CAUSE_FIELDS: Record<string, string> = {
  cause: "cause",
  rootCause: "rootCause",
  responsibleId: "responsibleId",
  measure: "measure",
  measureOwnerId: "measureOwnerId",
  checkOn: "checkOn",
};

/**
 * Cause and improvement (原因分析与改进): whose fault, the root cause, who was
 * responsible, the measure and its check; the form keeps what was typed in it
 * while the complaint changes (see `useCardEdit`).
 */
export function CauseCard({
  editable,
  manage,
  handlers,
  ...card
}: CardProps & {
  editable: boolean;
  manage: boolean;
  handlers: Colleague[];
}) {
  const { t } = useTranslation();
  const edit = useCardEdit(card.complaint, card.own);
  const { lang } = card;
  const record = card.complaint.cause;
  const staff = useQuery(serviceStaffQuery);
  const people = staff.data && staff.data.length > 0 ? staff.data : handlers;

  return (
    <section className="panel visit-section" data-testid="complaint-cause">
      <SectionTitle
        extra={
          record?.checkedAt ? (
            <Tag color="green" data-testid="complaint-measure-checked">
              {t("complaints.cause.checkedAt", { date: formatDateTime(record.checkedAt, lang) })}
            </Tag>
          ) : undefined
        }
      >
        {t("complaints.cause.title")}
      </SectionTitle>
      {!editable ? (
        record ? (
          <div className="visit-facts">
            <Fact label={t("complaints.cause.cause")}>{t(`complaints.causes.${record.cause}`)}</Fact>
            <Fact label={t("complaints.cause.rootCause")} wide>
              {record.rootCause}
            </Fact>
            <Fact label={t("complaints.cause.responsible")}>{record.responsible ?? "—"}</Fact>
            <Fact label={t("complaints.cause.measure")} wide>
              {record.measure}
            </Fact>
            <Fact label={t("complaints.cause.owner")}>{record.measureOwner}</Fact>
            <Fact label={t("complaints.cause.checkOn")}>{formatDate(record.checkOn, lang)}</Fact>
          </div>
        ) : (
          <Typography.Text type="secondary">{t("common.notSet")}</Typography.Text>
        )
      ) : staff.isPending ? (
        // The record names people; the form picks them by id once it knows who is who.
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <CardChanged edit={edit} complaint={card.complaint} lang={lang} />
          <CauseForm
            key={edit.formKey}
            complaint={edit.base}
            version={edit.version}
            manage={manage}
            people={people}
            lang={lang}
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
        </>
      )}
    </section>
  );
}

/** The cause's form, filled from the complaint it is given. */
function CauseForm({
  complaint: c,
  version,
  manage,
  people,
  lang,
  onEdited,
  onReload,
  onDone,
}: {
  complaint: Complaint;
  version: string;
  manage: boolean;
  people: Colleague[];
  lang: Language;
  onEdited: () => void;
  onReload: () => void;
  onDone: (next: Complaint, from: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CauseValues>();
  const [saving, setSaving] = useState(false);
  const [checking, setChecking] = useState(false);
  const required = useRequired();
  const refusal = useComplaintRefusal(form, CAUSE_FIELDS);
  // A refused check of the measure is said below the form, none of its fields marked.
  const [checkProblems, setCheckProblems] = useState<string[] | null>(null);
  const problems = checkProblems ?? refusal.problems;
  const [stale, setStale] = useState(false);
  const cause = Form.useWatch<Cause | undefined>("cause", form) ?? c.cause?.cause;
  const record = c.cause;
  const idOf = (name: string | undefined) => (name ? people.find((p) => p.name === name)?.id : undefined) ?? null;

  const save = async () => {
    try {
      await form.validateFields(["cause"]);
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as CauseValues;
    if (!v.cause) return;
    const input: CauseInput = {
      cause: v.cause,
      rootCause: v.rootCause ?? "",
      ...(v.responsibleId != null ? { responsibleId: v.responsibleId } : {}),
      measure: v.measure ?? "",
      measureOwnerId: (v.measureOwnerId ?? 0) as StaffId,
      checkOn: toIsoDate(v.checkOn) ?? "",
      version,
    };
    setSaving(true);
    try {
      const next = await api.recordComplaintCause(c.id, input);
      refusal.clear();
      setStale(false);
      onDone(next, version);
    } catch (error) {
      refusal.show(error);
      setStale(isStale(error));
    } finally {
      setCheckProblems(null);
      setSaving(false);
    }
  };

  const check = async () => {
    setChecking(true);
    try {
      onDone(await api.checkImprovement(c.id, version), version);
      refusal.clear();
      setCheckProblems(null);
      setStale(false);
    } catch (error) {
      setCheckProblems(toIssues(error).map((issue) => complaintIssueText(issue, t)));
      setStale(isStale(error));
    } finally {
      setChecking(false);
    }
  };

  const personOptions = people.map((p) => ({ value: p.id, text: `${p.name} · ${t(`roles.${p.role}`)}` }));
  const needsResponsible = NEEDS_RESPONSIBLE.includes(c.category);

  return (
    <>
      <Form<CauseValues>
        form={form}
        component={false}
        layout="vertical"
        onValuesChange={onEdited}
        initialValues={{
          cause: record?.cause,
          rootCause: record?.rootCause ?? "",
          responsibleId: idOf(record?.responsible),
          measure: record?.measure ?? "",
          measureOwnerId: idOf(record?.measureOwner),
          checkOn: fromIsoDate(record?.checkOn),
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="cause" label={t("complaints.cause.cause")} rules={[required(t("complaints.cause.cause"))]}>
              <PickSelect<Cause>
                testId="complaint-cause-kind"
                placeholder={t("form.selectPlaceholder")}
                options={CAUSES.map((value) => ({ value, text: t(`complaints.causes.${value}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            {cause && (
              <Alert type="info" showIcon data-testid="complaint-cause-response" title={t(`complaints.causeResponse.${cause}`)} />
            )}
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="rootCause" label={t("complaints.cause.rootCause")}>
              <Input.TextArea data-testid="complaint-root-cause" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="responsibleId"
              label={t("complaints.cause.responsible")}
              required={needsResponsible}
              extra={needsResponsible ? t("complaints.cause.responsibleHint") : undefined}
            >
              <PickSelect<StaffId>
                testId="complaint-responsible"
                allowClear
                placeholder={t("form.selectPlaceholder")}
                options={personOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="measure" label={t("complaints.cause.measure")}>
              <Input.TextArea data-testid="complaint-measure" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="measureOwnerId" label={t("complaints.cause.owner")}>
              <PickSelect<StaffId>
                testId="complaint-measure-owner"
                placeholder={t("form.selectPlaceholder")}
                options={personOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="checkOn" label={t("complaints.cause.checkOn")}>
              <DatePicker
                data-testid="complaint-check-on"
                format={dateFormats(lang)}
                style={{ width: "100%" }}
                placeholder={t("form.datePlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" onClick={save} loading={saving} data-testid="complaint-cause-save">
            {t("complaints.cause.save")}
          </Button>
          {manage && record && !record.checkedAt && (
            <Button icon={<CheckOutlined />} onClick={check} loading={checking} data-testid="complaint-measure-check">
              {t("complaints.cause.markChecked")}
            </Button>
          )}
        </Space>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems.join("；")}
          className="complaint-problems"
          data-testid="complaint-cause-refusal"
          action={stale && <ReloadButton onReload={onReload} />}
        />
      )}
    </>
  );
}
