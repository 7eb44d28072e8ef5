import { CloseOutlined, PhoneOutlined, WarningOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Col, Drawer, Flex, Form, Input, Row, Skeleton, Tag, Typography } from "antd";
import type { InputRef } from "antd";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { AnswerInput, AttemptInput, CallDetail, FollowUpId, Issue, Language, Questionnaire } from "../bindings";
import { fieldPath } from "../errors";
import { formatDate, formatDateTime, formatMobile } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { Fact } from "../visits/ui";
import {
  OUTCOMES,
  OUTCOME_KEYS,
  answerKeys,
  answerOf,
  bySection,
  fillScript,
  formatCsi,
  formatLocal,
  outcomeKey,
  outcomeOf,
  parseLocalDateTime,
  questionText,
  scriptText,
} from "./model";
import { callQueryOf, serviceSettingsQuery } from "./queries";
import { CallStatusTag, DigitBox, StatusTag, useFollowUpRefusal } from "./ui";

/**
 * One follow-up call in a drawer over the list: who and what was done, the
 * attempts so far, the script with the phrases never to say, and the entry of
 * the call from the keyboard — or, once done, its result.
 */
export function CallPanel({
  callId,
  row,
  lang,
  onClose,
  onClosed,
  onChanged,
}: {
  callId: FollowUpId | null;
  /** The row number on the list it was opened from (the day's sheet). */
  row?: number;
  lang: Language;
  onClose: () => void;
  /** The drawer has finished closing: the focus may go back to the list. */
  onClosed?: () => void;
  /** An attempt was recorded: the list reads again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  // Opened from elsewhere (a visit's page): the row of today's list, as the backend numbers it.
  const call = useQuery({ ...callQueryOf(callId ?? 0), enabled: callId !== null });
  const shownRow = row ?? ((callId !== null && call.data?.call.row) || undefined);
  return (
    <Drawer
      open={callId !== null}
      size={Math.min(1040, window.innerWidth - 48)}
      onClose={onClose}
      destroyOnHidden
      closable={false}
      title={shownRow ? t("followup.panel.title", { row: shownRow }) : t("followup.panel.titleNoRow")}
      extra={
        <Button icon={<CloseOutlined />} onClick={onClose} data-testid="call-close">
          {t("followup.panel.close")}
        </Button>
      }
      afterOpenChange={(open) => {
        if (open) focusOutcome();
        else onClosed?.();
      }}
      className="call-drawer"
    >
      {callId !== null && (
        <CallBody key={callId} callId={callId} lang={lang} onChanged={onChanged} />
      )}
    </Drawer>
  );
}

/**
 * Gives the outcome box the focus once the drawer has placed its own, unless
 * the caller is already typing in the form.
 */
function focusOutcome() {
  const entry = document.querySelector('[data-testid="call-entry"]');
  if (entry?.contains(document.activeElement)) return;
  document.querySelector<HTMLInputElement>('[data-testid="call-outcome"]')?.focus();
}

type EntryValues = {
  outcome?: string;
  answers?: Record<string, string | undefined>;
  comment?: string;
  flagged?: boolean;
  note?: string;
  callBackAt?: string;
};

function CallBody({ callId, lang, onChanged }: { callId: FollowUpId; lang: Language; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  // Read again when the call changes on any desk (an attempt, given to another caller).
  const query = useQuery(callQueryOf(callId));
  const dealership = useQuery(serviceSettingsQuery).data?.dealership?.trim() || null;
  // The caller has typed in the entry: it stays, with what was typed, whatever the call becomes.
  const [typing, setTyping] = useState(false);
  const detail = query.data ?? null;

  if (query.error && !detail) {
    return (
      <div data-testid="call-panel" className="call-panel">
        <ReadFailure query={query} variant="page" />
      </div>
    );
  }
  if (!detail) {
    return (
      <div data-testid="call-panel" className="call-panel" aria-busy="true">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  }

  const call = detail.call;
  // Whether this member may work the call is the backend's to say (`follow_up::may_work`).
  const mayEnter = can("call_customers") && call.mayWork;
  const takenByOther = call.status === "open" && can("call_customers") && !mayEnter;

  return (
    <div data-testid="call-panel" className="call-panel" data-status={call.status} data-call={call.id}>
      <section className="call-facts">
        <Flex gap={8} align="center" wrap className="call-head">
          <Typography.Title level={4} className="call-customer-name">
            {call.customerName}
          </Typography.Title>
          <span className="call-phone tabular" data-testid="call-phone">
            <PhoneOutlined /> {formatMobile(call.mobile)}
          </span>
          <CallStatusTag call={call} testId="call-status" />
        </Flex>
        <div className="visit-facts call-facts-grid">
          <Fact label={t("followup.panel.vehicle")} wide>
            <Flex gap={8} align="center" wrap>
              <PlateTag plate={call.plate} />
              <span>{call.vehicleLabel}</span>
            </Flex>
          </Fact>
          <Fact label={t("followup.panel.work")} wide>
            <span className="pre-wrap">{call.workDone}</span>
          </Fact>
          <Fact label={t("followup.panel.advisor")}>{call.advisorName}</Fact>
          <Fact label={t("followup.panel.handedOver")}>
            <span className="tabular">{formatDate(call.handedOverOn, lang)}</span>
          </Fact>
          <Fact label={t("followup.panel.window")}>
            <span className={call.due === "overdue" ? "overdue-text tabular" : "tabular"}>
              {t("followup.list.windowRange", { from: formatDate(call.dueFrom, lang), to: formatDate(call.dueTo, lang) })}
            </span>
          </Fact>
          <Fact label={t("followup.panel.visit")}>
            <Typography.Link onClick={() => navigate({ module: "visits", visitId: call.visitId })} data-testid="call-visit">
              <span className="tabular">{call.visitNumber}</span>
            </Typography.Link>
          </Fact>
          <Fact label={t("followup.panel.caller")}>{call.callerName ?? <span className="muted">{t("followup.list.notTaken")}</span>}</Fact>
        </div>
      </section>
      <Row gutter={[20, 16]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            {call.status === "open" && (
              <ScriptPanel detail={detail} dealership={dealership ?? t("followup.script.ourDealership")} lang={lang} />
            )}
            <Attempts detail={detail} lang={lang} />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <CallResult detail={detail} lang={lang} />
            {takenByOther ? (
              <Alert type="info" showIcon title={t("followup.panel.notYours", { name: call.callerName ?? "" })} />
            ) : call.status === "open" && !can("call_customers") ? (
              <Alert type="info" showIcon title={t("followup.panel.readOnly")} />
            ) : null}
            {typing && !mayEnter && (
              <Alert type="warning" showIcon data-testid="call-changed" title={t("followup.panel.changedWhileTyping")} />
            )}
            {(mayEnter || typing) && (
              <Entry
                detail={detail}
                lang={lang}
                onTyped={() => setTyping(true)}
                onSaved={(next) => {
                  client.setQueryData(callQueryOf(callId).queryKey, next);
                  setTyping(false);
                  onChanged();
                }}
              />
            )}
          </Flex>
        </Col>
      </Row>
    </div>
  );
}

/** The script in the active language, placeholders filled, with the phrases never to say beside it. */
function ScriptPanel({ detail, dealership, lang }: { detail: CallDetail; dealership: string; lang: Language }) {
  const { t } = useTranslation();
  const script = detail.questionnaire.script;
  const parts = [
    ["greeting", script.greeting],
    ["purpose", script.purpose],
    ["closing", script.closing],
  ] as const;
  return (
    <section className="call-script" data-testid="call-script">
      <Typography.Title level={5} className="call-section-title">
        {t("followup.script.title")}
      </Typography.Title>
      {parts.map(([name, text]) => (
        <div key={name} className="call-script-part" data-testid={`call-script-${name}`}>
          <div className="small muted">{t(`followup.script.${name}`)}</div>
          <div>{fillScript(scriptText(text, lang), detail.call, dealership, lang)}</div>
        </div>
      ))}
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        className="call-never"
        data-testid="call-never"
        title={t("followup.script.neverTitle")}
        description={t("complaints.register.neverList")}
      />
    </section>
  );
}

function Attempts({ detail, lang }: { detail: CallDetail; lang: Language }) {
  const { t } = useTranslation();
  return (
    <section data-testid="call-attempts">
      <Typography.Title level={5} className="call-section-title">
        {t("followup.panel.attempts")}
      </Typography.Title>
      {detail.attempts.length === 0 ? (
        <Typography.Text type="secondary">{t("followup.panel.noAttempts")}</Typography.Text>
      ) : (
        <ul className="plain-list call-attempts">
          {detail.attempts.map((a, i) => (
            <li key={i} data-testid={`call-attempt-${i + 1}`} data-outcome={a.outcome}>
              <div>
                <Tag>{t(`followup.outcomes.${a.outcome}`)}</Tag>
                <span className="tabular small">{formatDateTime(a.at, lang)}</span>
                <span className="small muted"> · {a.by}</span>
                {a.callBackAt && (
                  <div className="small">{t("followup.panel.callBackWhen", { at: formatLocal(a.callBackAt, lang) })}</div>
                )}
                {a.note && <div className="small pre-wrap">{a.note}</div>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the call came to: the visit's index, the complaint it opened, the answers as asked. */
export function CallResult({
  detail,
  lang,
  compact,
  testPrefix = "call",
}: {
  detail: CallDetail;
  lang: Language;
  /** On a visit's page: without the heading. */
  compact?: boolean;
  /** The test ids' prefix: `call-csi` in the call panel. */
  testPrefix?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { call, survey } = detail;
  if (call.status === "open" && !survey) return null;
  return (
    <section className="call-result" data-testid={`${testPrefix}-result`}>
      {!compact && (
        <Flex gap={12} align="center" wrap className="call-result-head">
          <Typography.Title level={5} className="call-section-title">
            {t("followup.panel.result")}
          </Typography.Title>
          <StatusTag status={call.status} testId={`${testPrefix}-result-status`} />
        </Flex>
      )}
      {survey && (
        <div className="call-csi-box">
          <div className="small muted">{t("followup.panel.csi")}</div>
          <span className="call-csi-value tabular" data-testid={`${testPrefix}-csi`} data-value={survey.csi}>
            {formatCsi(survey.csi)}
          </span>
        </div>
      )}
      {call.complaintId !== undefined && (
        <div data-testid={`${testPrefix}-complaint`} className="call-complaint">
          <Alert
            type="error"
            showIcon
            title={t("followup.panel.complaintOpened", { number: detail.complaintNumber ?? "" })}
            description={t("followup.panel.complaintHint")}
            action={
              <Button
                danger
                onClick={() => navigate({ module: "complaints", complaintId: call.complaintId })}
                data-testid={`${testPrefix}-complaint-open`}
              >
                {t("followup.panel.openComplaint")}
              </Button>
            }
          />
        </div>
      )}
      {survey && <Answers detail={detail} lang={lang} testPrefix={testPrefix} />}
    </section>
  );
}

/** The answers read-only, by section, with the questionnaire's version they were asked with. */
function Answers({ detail, lang, testPrefix }: { detail: CallDetail; lang: Language; testPrefix: string }) {
  const { t } = useTranslation();
  const survey = detail.survey;
  if (!survey) return null;
  return (
    <div className="call-answers" data-testid={`${testPrefix}-answers`}>
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>{t("followup.panel.answers")}</Typography.Text>
        <Typography.Text type="secondary" className="small" data-testid={`${testPrefix}-version`}>
          {t("followup.panel.version", { version: survey.version })}
        </Typography.Text>
      </Flex>
      {bySection(detail.questionnaire).map(({ section, questions }, g) => (
        <div key={`${g}-${section}`} className="call-answer-section">
          <div className="small muted call-answer-section-title">{t(`followup.sections.${section}`)}</div>
          {questions.map((q) => {
            const value = answerOf(detail, q.key);
            return (
              <div key={q.key} className="call-answer" data-testid={`${testPrefix}-answer-${q.key}`} data-value={value ?? ""}>
                <span>{questionText(q, lang)}</span>
                <span className="tabular call-answer-value">
                  {value === undefined ? (
                    <span className="muted">{t("followup.panel.noAnswer")}</span>
                  ) : q.answer === "yes_no" ? (
                    value === 1 ? t("followup.panel.yes") : t("followup.panel.no")
                  ) : (
                    value
                  )}
                </span>
              </div>
            );
          })}
        </div>
      ))}
      {survey.comment && (
        <div className="call-answer-comment">
          <div className="small muted">{t("followup.panel.comment")}</div>
          <div className="pre-wrap">{survey.comment}</div>
          {survey.flagged && <Tag color="volcano">{t("followup.panel.flagged")}</Tag>}
        </div>
      )}
    </div>
  );
}

/** The form fields a refusal can name, as the form's name paths; a refusal of the call's state is said below. */
function placeOf(field: string, issue: Issue, questionnaire: Questionnaire): (string | number)[] | null {
  if (issue.kind === "invalid_state") return null;
  const path = fieldPath(field);
  if (path[0] === "answers" && typeof path[1] === "string" && questionnaire.questions.some((q) => q.key === path[1])) {
    return ["answers", path[1]];
  }
  if (path.length === 1 && ["outcome", "callBackAt", "comment", "note"].includes(String(path[0]))) return [String(path[0])];
  return null;
}

/**
 * The call typed in from the keyboard: the outcome's number, a key per
 * question (Tab between boxes), the comment and the flag, a note, Enter on Save.
 */
function Entry({
  detail,
  lang,
  onTyped,
  onSaved,
}: {
  detail: CallDetail;
  lang: Language;
  /** The caller typed in the form (its `onValuesChange`). */
  onTyped: () => void;
  onSaved: (next: CallDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Untyped: the refusals name paths the form only knows at run time (`answers.<key>`).
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const outcomeRef = useRef<InputRef>(null);
  const outcome = outcomeOf(Form.useWatch("outcome", form) ?? "");
  const questionnaire = detail.questionnaire;
  const refusal = useFollowUpRefusal(form, (field, issue) => placeOf(field, issue, questionnaire), lang, questionnaire);
  const { problems } = refusal;

  // The outcome box takes the focus when the call opens, after the drawer has placed its own —
  // unless the caller has already started typing in the form.
  useEffect(() => {
    const timer = window.setTimeout(focusOutcome, 60);
    return () => window.clearTimeout(timer);
  }, [detail.call.id]);

  const save = async () => {
    const values = form.getFieldsValue(true) as EntryValues;
    const chosen = outcomeOf(values.outcome ?? "");
    if (!chosen) {
      refusal.show([{ kind: "required", field: "outcome", message: "" }]);
      return;
    }
    const input: AttemptInput = { outcome: chosen, note: (values.note ?? "").trim() };
    if (chosen === "reached") {
      const answers: AnswerInput[] = [];
      for (const q of questionnaire.questions) {
        const typed = values.answers?.[q.key];
        if (typed !== undefined && typed !== "") answers.push({ key: q.key, value: Number(typed) });
      }
      input.survey = { answers, comment: (values.comment ?? "").trim(), flagged: values.flagged === true };
    }
    if (chosen === "call_back") {
      const typed = (values.callBackAt ?? "").trim();
      if (typed !== "") {
        const at = parseLocalDateTime(typed);
        if (!at) {
          refusal.show([{ kind: "invalid_date", field: "callBackAt", message: "" }]);
          return;
        }
        input.callBackAt = at;
      }
    }
    setSaving(true);
    try {
      const next = await api.recordCallAttempt(detail.call.id, input);
      refusal.clear();
      form.resetFields();
      message.success(t("followup.panel.saved", { outcome: t(`followup.outcomes.${chosen}`) }));
      onSaved(next);
      // Still open: ready for the next attempt. Closed: Enter (or Esc) on Close goes back to the list.
      window.setTimeout(() => {
        if (next.call.status === "open") outcomeRef.current?.focus();
        else document.querySelector<HTMLElement>('[data-testid="call-close"]')?.focus();
      }, 0);
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  const onFlagKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "1" || e.key === "0") {
      e.preventDefault();
      form.setFieldValue("flagged", e.key === "1");
    }
  };

  return (
    <section className="call-entry" data-testid="call-entry">
      <Typography.Title level={5} className="call-section-title">
        {t("followup.panel.entry")}
      </Typography.Title>
      <div className="call-legend small" data-testid="call-legend">
        {OUTCOMES.map((o) => (
          <span key={o} className={outcome === o ? "call-legend-item call-legend-chosen" : "call-legend-item"}>
            <kbd>{outcomeKey(o)}</kbd> {t(`followup.outcomes.${o}`)}
          </span>
        ))}
      </div>
      <Form<EntryValues>
        form={form}
        layout="horizontal"
        onFinish={save}
        onValuesChange={onTyped}
        className="call-entry-form"
        colon={false}
        labelAlign="left"
        labelWrap
        labelCol={{ flex: "200px" }}
        wrapperCol={{ flex: "1 1 0", style: { minWidth: 0 } }}
      >
        <Form.Item label={t("followup.panel.outcome")} extra={t("followup.panel.outcomeHint")} className="call-outcome-item">
          <Flex align="center" gap={10}>
            <Form.Item name="outcome" noStyle>
              <DigitBox ref={outcomeRef} testId="call-outcome" keys={OUTCOME_KEYS} aria-label={t("followup.panel.outcome")} />
            </Form.Item>
            <span className="call-outcome-name" data-testid="call-outcome-name">
              {outcome ? t(`followup.outcomes.${outcome}`) : ""}
            </span>
          </Flex>
        </Form.Item>
        {outcome === "reached" && (
          <div className="call-questions" data-testid="call-questions">
            {bySection(questionnaire).map(({ section, questions }, g) => (
              <fieldset key={`${g}-${section}`} className="call-question-section">
                <legend className="small">{t(`followup.sections.${section}`)}</legend>
                {questions.map((q) => {
                  const keys = answerKeys(q.answer);
                  return (
                    <Form.Item
                      key={q.key}
                      className="call-question"
                      label={
                        <span className="call-question-text">
                          {questionText(q, lang)}
                          {q.required && <span className="call-required"> *</span>}
                        </span>
                      }
                    >
                      <Flex align="center" gap={10}>
                        <Form.Item name={["answers", q.key]} noStyle>
                          <DigitBox testId={`answer-${q.key}`} keys={keys} aria-label={questionText(q, lang)} />
                        </Form.Item>
                        <span className="small muted call-keys">
                          {q.answer === "score" ? t("followup.panel.scoreKeys") : t("followup.panel.yesNoKeys")}
                        </span>
                      </Flex>
                    </Form.Item>
                  );
                })}
              </fieldset>
            ))}
            <Form.Item name="comment" label={t("followup.panel.comment")}>
              <Input.TextArea
                data-testid="call-comment"
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder={t("followup.panel.commentPlaceholder")}
              />
            </Form.Item>
            <div onKeyDown={onFlagKey}>
              <Form.Item name="flagged" valuePropName="checked" label=" " extra={t("followup.panel.flagHint")}>
                <Checkbox data-testid="call-flag">{t("followup.panel.flag")}</Checkbox>
              </Form.Item>
            </div>
          </div>
        )}
        {outcome === "call_back" && (
          <Form.Item name="callBackAt" label={t("followup.panel.callBackAt")} extra={t("followup.panel.callBackHint")}>
            <Input
              data-testid="call-callback-at"
              className="call-callback-at tabular"
              placeholder={t("followup.panel.callBackPlaceholder")}
              autoComplete="off"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t("followup.panel.note")}>
          <Input data-testid="call-note" placeholder={t("followup.panel.notePlaceholder")} autoComplete="off" />
        </Form.Item>
        {problems.length > 0 && (
          <div className="form-errors" role="alert" data-testid="call-problems">
            <Alert type="error" showIcon title={problems.join("；")} />
          </div>
        )}
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={saving} data-testid="call-save">
            {t("followup.panel.save")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
