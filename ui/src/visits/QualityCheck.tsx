import { CheckSquareOutlined } from "@ant-design/icons";
import { Button, Flex, Form, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Issue, Language, QcCheck, QcInput, QcItem, QcItemResult, QcResult, Visit } from "../bindings";
import { fieldPath } from "../errors";
import type { Place } from "../forms";
import { formatDateTime } from "../format";
import { useFieldIssues, type StepAction } from "./issues";
import { QC_ITEMS, qcItemOf } from "./options";
import { SectionTitle } from "./ui";
import { FailedItems } from "./VisitAlerts";

type ItemValues = { result?: QcResult; note?: string };
type QcValues = { items: Partial<Record<QcItem, ItemValues>>; parkingLocation?: string };

const RESULT_TEST_ID: Record<QcResult, string> = { pass: "pass", fail: "fail", not_applicable: "na" };

/** The results the inspector may give an item: "not applicable" only for the road test. */
export function resultsFor(item: QcItem): QcResult[] {
  return item === "road_test" ? ["pass", "fail", "not_applicable"] : ["pass", "fail"];
}

function emptyItems(): QcValues["items"] {
  return Object.fromEntries(QC_ITEMS.map((item) => [item, { note: "" }])) as QcValues["items"];
}

/** `items.roadTest`: on the note when the note is what is missing or too long, else on the answer. */
const placeQc: Place = (field, issue: Issue) => {
  const path = fieldPath(field);
  if (path[0] === "parkingLocation") return ["parkingLocation"];
  if (path[0] !== "items" || typeof path[1] !== "string") return null;
  const item = qcItemOf(path[1]);
  if (!item) return null;
  const onNote = issue.kind === "too_long" || (issue.kind === "required" && /note/.test(issue.message));
  return ["items", item, onNote ? "note" : "result"];
};

/**
 * The quality check before handover (质检, DOMAIN.md §3.5): the nine items,
 * each passed, failed (with what is wrong) or — the road test only — not
 * applicable, and where the vehicle is parked. A failed item sends the
 * vehicle back to repair.
 */
export function QualityCheckForm({
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
  const [form] = Form.useForm<QcValues>();
  const [saving, setSaving] = useState(false);
  const issues = useFieldIssues(form, placeQc, "qc", { lang });

  const submit = async () => {
    const values = form.getFieldsValue(true) as QcValues;
    const items: QcItemResult[] = [];
    for (const item of QC_ITEMS) {
      const answer = values.items?.[item];
      if (answer?.result) items.push({ item, result: answer.result, note: answer.note ?? "" });
    }
    const check: QcInput = { items, parkingLocation: values.parkingLocation ?? "" };
    setSaving(true);
    try {
      const next = await api.recordQualityCheck(visit.id, check);
      issues.clear();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("qc", error);
    } finally {
      setSaving(false);
    }
  };

  const allPass = () => {
    const items = form.getFieldValue("items") as QcValues["items"];
    form.setFieldsValue({
      items: Object.fromEntries(
        QC_ITEMS.map((item) => [item, { ...items?.[item], result: items?.[item]?.result ?? "pass" }]),
      ) as QcValues["items"],
    });
  };

  return (
    <section className="panel visit-section" data-testid="qc-section">
      <SectionTitle
        extra={
          <Button size="small" icon={<CheckSquareOutlined />} onClick={allPass} data-testid="qc-all-pass">
            {t("visits.qc.allPass")}
          </Button>
        }
      >
        {t("visits.qc.title")}
      </SectionTitle>
      <Typography.Paragraph type="secondary" className="visit-section-intro">
        {t("visits.qc.intro")}
      </Typography.Paragraph>
      <Form<QcValues>
        form={form}
        layout="vertical"
        initialValues={{ items: emptyItems(), parkingLocation: "" }}
        onFinish={submit}
        scrollToFirstError
        data-testid="qc-form"
      >
        <ol className="qc-items">
          {QC_ITEMS.map((item, index) => (
            <li key={item} className="qc-item" data-testid={`qc-${item}`}>
              <div className="qc-item-text">
                <span className="qc-item-n tabular">{index + 1}</span>
                <div>
                  <Typography.Text strong>{t(`visits.qc.items.${item}.title`)}</Typography.Text>
                  <div className="small muted">{t(`visits.qc.items.${item}.text`)}</div>
                </div>
              </div>
              <Form.Item name={["items", item, "result"]} className="qc-result">
                <ResultButtons item={item} />
              </Form.Item>
              <Form.Item
                name={["items", item, "note"]}
                className="qc-note"
                dependencies={[["items", item, "result"]]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      getFieldValue(["items", item, "result"]) === "fail" && !value?.trim()
                        ? Promise.reject(
                            new Error(t("visits.refusal.failNeedsNote", { field: t(`visits.qc.items.${item}.title`) })),
                          )
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input
                  data-testid={`qc-${item}-note`}
                  placeholder={t("visits.qc.notePlaceholder")}
                  maxLength={500}
                  autoComplete="off"
                  size="small"
                />
              </Form.Item>
            </li>
          ))}
        </ol>
        <Form.Item
          name="parkingLocation"
          label={t("visits.fields.parkingLocation")}
          extra={t("visits.qc.parkingHint")}
          className="qc-parking"
        >
          <Input data-testid="qc-parking" placeholder={t("visits.qc.parkingPlaceholder")} maxLength={100} autoComplete="off" />
        </Form.Item>
        <Flex justify="end">
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="qc-submit">
            {t("visits.qc.submit")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

/**
 * Pass / fail / (road test only) not applicable, as buttons: each is a real
 * button a person or WebDriver clicks, `aria-checked` saying which is chosen.
 */
function ResultButtons({
  item,
  value,
  onChange,
  id,
}: {
  item: QcItem;
  value?: QcResult;
  onChange?: (value: QcResult) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact role="radiogroup" id={id} aria-label={t(`visits.qc.items.${item}.title`)}>
      {resultsFor(item).map((result) => {
        const chosen = value === result;
        return (
          <Button
            key={result}
            size="small"
            autoInsertSpace={false}
            role="radio"
            aria-checked={chosen}
            data-checked={chosen}
            type={chosen ? "primary" : "default"}
            danger={chosen && result === "fail"}
            className={`qc-result-${result}`}
            onClick={() => onChange?.(result)}
            data-testid={`qc-${item}-${RESULT_TEST_ID[result]}`}
          >
            {t(`visits.qc.results.${result}`)}
          </Button>
        );
      })}
    </Space.Compact>
  );
}

/** Every check of the visit: who, when, passed or failed with what, where parked. */
export function QcHistory({ checks, lang }: { checks: QcCheck[]; lang: Language }) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <section className="panel visit-section" data-testid="qc-history">
      <SectionTitle>{t("visits.qc.history")}</SectionTitle>
      <ul className="plain-list qc-history">
        {[...checks].reverse().map((check) => (
          <li key={check.id} data-testid={`qc-check-${check.id}`} data-passed={check.passed}>
            <div>
              <Flex gap={8} align="center" wrap>
                <Tag color={check.passed ? "green" : "red"}>
                  {check.passed ? t("visits.qc.passed") : t("visits.qc.failed")}
                </Tag>
                <Typography.Text>{check.inspector}</Typography.Text>
                <Typography.Text type="secondary" className="tabular">
                  {formatDateTime(check.at, lang)}
                </Typography.Text>
              </Flex>
              <FailedItems items={check.items} />
              {check.items
                .filter((i) => i.result !== "fail" && i.note)
                .map((i) => (
                  <div key={i.item} className="small muted">
                    {t("common.labelled", { field: t(`visits.qc.items.${i.item}.title`) })}
                    {i.note}
                  </div>
                ))}
            </div>
            {check.parkingLocation && (
              <Typography.Text type="secondary">
                {t("visits.qc.parkedAt", { location: check.parkingLocation })}
              </Typography.Text>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
