import { CloseOutlined, PhoneOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Flex, Form, Input, Skeleton, Tag, Typography } from "antd";
import type { InputRef } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { CareAttemptInput, CareCall, CareCallDetail, Language } from "../bindings";
import { fieldPath } from "../errors";
import { formatDate, formatDateTime, formatMobile } from "../format";
import { useRefusal, type Place } from "../forms";
import { OUTCOMES, OUTCOME_KEYS, formatLocal, outcomeKey, outcomeOf, parseLocalDateTime } from "../followup/model";
import { DigitBox } from "../followup/ui";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { Fact } from "../visits/ui";
import { campaignIssueText } from "./model";
import { careCallQueryOf, putCareCall } from "./queries";
import { CareStatusTag } from "./ui";

/**
 * One care call in a drawer over the list: who, why and what was tried, and
 * the entry typed from the keyboard — the outcome's number (1 reached … 6 call
 * back), Tab, what was agreed, Enter. The call is read again when any desk
 * works it; what is being typed in the entry stays.
 */
export function CarePanel({ call, lang, onClose }: { call: CareCall | null; lang: Language; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={call !== null}
      size={Math.min(760, window.innerWidth - 48)}
      onClose={onClose}
      destroyOnHidden
      closable={false}
      title={call ? t("campaigns.care.panelTitle", { row: call.row }) : ""}
      extra={
        <Button icon={<CloseOutlined />} onClick={onClose} data-testid="care-close">
          {t("followup.panel.close")}
        </Button>
      }
      afterOpenChange={(open) => open && focusOutcome()}
      className="call-drawer"
    >
      {call !== null && <CareBody key={call.id} listed={call} lang={lang} />}
    </Drawer>
  );
}

function focusOutcome() {
  const entry = document.querySelector('[data-testid="care-entry"]');
  if (entry?.contains(document.activeElement)) return;
  document.querySelector<HTMLInputElement>('[data-testid="care-outcome"]')?.focus();
}

function CareBody({ listed, lang }: { listed: CareCall; lang: Language }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const changed = useChanged();
  const query = useQuery(careCallQueryOf(listed.id));
  const detail = query.data;

  if (!detail) {
    return query.error ? (
      <div data-testid="care-panel">
        <ReadFailure query={query} variant="page" />
      </div>
    ) : (
      <div data-testid="care-panel" aria-busy="true">
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  // The row is the list's: the call as read alone has none.
  const call = { ...detail.call, row: listed.row };
  const mayEnter = can("call_customers") && call.mayWork;
  const takenByOther = call.status === "open" && can("call_customers") && !mayEnter;

  return (
    <div data-testid="care-panel" className="call-panel" data-status={call.status} data-call={call.id}>
      {query.error && <ReadFailure query={query} />}
      <section className="call-facts">
        <Flex gap={8} align="center" wrap className="call-head">
          <Typography.Title level={4} className="call-customer-name">
            {call.customerName}
          </Typography.Title>
          <span className="call-phone tabular" data-testid="care-phone">
            <PhoneOutlined /> {formatMobile(call.mobile)}
          </span>
          <CareStatusTag call={call} testId="care-status" />
        </Flex>
        <div className="visit-facts call-facts-grid">
          <Fact label={t("campaigns.care.kind")}>{t(`campaigns.care.kinds.${call.kind}`)}</Fact>
          <Fact label={t(`campaigns.care.dueOn.${call.kind}`)}>
            <span className="tabular">{formatDate(call.dueOn, lang)}</span>
          </Fact>
          {call.vehicleId !== undefined && (
            <Fact label={t("followup.panel.vehicle")} wide>
              <Flex gap={8} align="center" wrap>
                <PlateTag plate={call.plate} />
                <span>{call.vehicleLabel}</span>
              </Flex>
            </Fact>
          )}
          <Fact label={t("campaigns.care.reason")} wide>
            <span className="pre-wrap">{call.reason}</span>
          </Fact>
          <Fact label={t("campaigns.care.caller")}>{call.callerName ?? <span className="muted">—</span>}</Fact>
        </div>
      </section>
      <section data-testid="care-attempts" className="care-attempts">
        <Typography.Title level={5} className="call-section-title">
          {t("followup.panel.attempts")}
        </Typography.Title>
        {detail.attempts.length === 0 ? (
          <Typography.Text type="secondary">{t("followup.panel.noAttempts")}</Typography.Text>
        ) : (
          <ul className="plain-list call-attempts">
            {detail.attempts.map((a, i) => (
              <li key={i} data-testid={`care-attempt-${i + 1}`} data-outcome={a.outcome}>
                <Tag>{t(`campaigns.care.outcomes.${a.outcome}`)}</Tag>
                <span className="tabular small">{formatDateTime(a.at, lang)}</span>
                <span className="small muted"> · {a.by}</span>
                {a.callBackAt && <div className="small">{t("followup.panel.callBackWhen", { at: formatLocal(a.callBackAt, lang) })}</div>}
                {a.note && <div className="small pre-wrap">{a.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {mayEnter ? (
        <CareEntry
          call={call}
          onSaved={(next) => {
            // Shown at once; the list (and any other desk's) reads the call again.
            putCareCall(client, next);
            changed("care");
          }}
        />
      ) : takenByOther ? (
        <Alert type="info" showIcon title={t("campaigns.care.notYours", { name: call.callerName ?? "" })} />
      ) : call.status === "open" && !can("call_customers") ? (
        <Alert type="info" showIcon title={t("campaigns.care.readOnly")} />
      ) : null}
    </div>
  );
}

type EntryValues = { outcome?: string; note?: string; callBackAt?: string };

/** Where the entry shows a refused field; a call no longer open is said above the button. */
const placeOnEntry: Place = (field, issue) => {
  if (issue.kind === "invalid_state") return null;
  const [head] = fieldPath(field);
  return head === "outcome" || head === "note" || head === "callBackAt" ? [head] : null;
};

function CareEntry({ call, onSaved }: { call: CareCall; onSaved: (next: CareCallDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const refusal = useRefusal(form, (issue) => campaignIssueText(issue, t, "care"), placeOnEntry);
  const problems = refusal.issues
    .filter((issue) => !issue.field || !placeOnEntry(issue.field, issue))
    .map((issue) => campaignIssueText(issue, t, "care"));
  const outcomeRef = useRef<InputRef>(null);
  const outcome = outcomeOf(Form.useWatch("outcome", form) ?? "");

  useEffect(() => {
    const timer = window.setTimeout(focusOutcome, 60);
    return () => window.clearTimeout(timer);
  }, [call.id]);

  const save = async () => {
    const values = form.getFieldsValue(true) as EntryValues;
    const chosen = outcomeOf(values.outcome ?? "");
    if (!chosen) {
      refusal.show([{ kind: "required", field: "outcome", message: "outcome is required" }]);
      return;
    }
    const input: CareAttemptInput = { outcome: chosen, note: (values.note ?? "").trim() };
    if (chosen === "call_back") {
      const typed = (values.callBackAt ?? "").trim();
      if (typed !== "") {
        const at = parseLocalDateTime(typed);
        if (!at) {
          refusal.show([{ kind: "invalid_date", field: "callBackAt", message: "call-back time unreadable" }]);
          return;
        }
        input.callBackAt = at;
      }
    }
    setSaving(true);
    try {
      const next = await api.recordCareAttempt(call.id, input);
      refusal.clear();
      form.resetFields();
      message.success(t("campaigns.care.saved", { outcome: t(`campaigns.care.outcomes.${chosen}`) }));
      onSaved(next);
      window.setTimeout(() => {
        if (next.call.status === "open") outcomeRef.current?.focus();
        else document.querySelector<HTMLElement>('[data-testid="care-close"]')?.focus();
      }, 0);
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="call-entry" data-testid="care-entry">
      <Typography.Title level={5} className="call-section-title">
        {t("campaigns.care.entry")}
      </Typography.Title>
      <div className="call-legend small" data-testid="care-legend">
        {OUTCOMES.map((o) => (
          <span key={o} className={outcome === o ? "call-legend-item call-legend-chosen" : "call-legend-item"}>
            <kbd>{outcomeKey(o)}</kbd> {t(`campaigns.care.outcomes.${o}`)}
          </span>
        ))}
      </div>
      <Form
        form={form}
        layout="horizontal"
        onFinish={save}
        colon={false}
        labelAlign="left"
        labelWrap
        labelCol={{ flex: "160px" }}
        wrapperCol={{ flex: "1 1 0", style: { minWidth: 0 } }}
      >
        <Form.Item label={t("campaigns.care.fields.outcome")} extra={t("followup.panel.outcomeHint")} className="call-outcome-item">
          <Flex align="center" gap={10}>
            <Form.Item name="outcome" noStyle>
              <DigitBox ref={outcomeRef} testId="care-outcome" keys={OUTCOME_KEYS} aria-label={t("campaigns.care.fields.outcome")} />
            </Form.Item>
            <span className="call-outcome-name" data-testid="care-outcome-name">
              {outcome ? t(`campaigns.care.outcomes.${outcome}`) : ""}
            </span>
          </Flex>
        </Form.Item>
        {outcome === "call_back" && (
          <Form.Item name="callBackAt" label={t("followup.panel.callBackAt")} extra={t("followup.panel.callBackHint")}>
            <Input
              data-testid="care-callback-at"
              className="call-callback-at tabular"
              placeholder={t("followup.panel.callBackPlaceholder")}
              autoComplete="off"
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={outcome === "reached" ? t("campaigns.care.agreed") : t("campaigns.care.fields.note")}
          extra={outcome === "reached" ? t("campaigns.care.agreedHint") : undefined}
        >
          <Input data-testid="care-note" placeholder={t("campaigns.care.notePlaceholder")} autoComplete="off" maxLength={500} />
        </Form.Item>
        {problems.length > 0 && (
          <div className="form-errors" role="alert" data-testid="care-problems">
            <Alert type="error" showIcon title={problems.join("；")} />
          </div>
        )}
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={saving} data-testid="care-save">
            {t("followup.panel.save")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
