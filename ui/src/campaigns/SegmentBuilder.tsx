import { SaveOutlined, SendOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Col, DatePicker, Flex, Form, InputNumber, Row, Spin, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { GradeTag, PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { Campaign, CareKind, Language, Segment, SegmentMember } from "../bindings";
import { toIssues } from "../errors";
import { formatMobile, formatNumber } from "../format";
import { useRefusal } from "../forms";
import { useDebounced } from "../hooks";
import { dateFormats } from "../visits/Order";
import { SectionTitle } from "../visits/ui";
import {
  GRADE_CHOICES,
  LEAD_GRADE_CHOICES,
  type SegmentValues,
  campaignIssueText,
  placeOnSegment,
  segmentKey,
  segmentSummary,
  segmentValues,
  takesInvitations,
  toSegment,
} from "./model";
import { segmentCountQueryOf, segmentPreviewQueryOf, vehicleModelsQuery } from "./queries";
import { PickMany } from "./ui";

/** How long the filters must stay still before the count is read again. */
export const COUNT_DEBOUNCE_MS = 300;

/**
 * The target segment (目标客户) over the archive: every filter set must hold.
 * The count is read again whenever a filter changes (debounced), with the
 * customers left out for want of marketing consent shown prominently, and the
 * first customers previewed. The manager saves the segment with the campaign
 * and then invites it.
 */
export function SegmentBuilder({
  campaign,
  initial,
  prefilledFrom,
  lang,
  onChange,
  onSaved,
}: {
  /** The saved campaign; null while a new one's plan is not saved yet. */
  campaign: Campaign | null;
  /** The filters to start from: a care list's, or the saved ones. */
  initial: Segment;
  /** The care list the filters were taken from, when they were. */
  prefilledFrom?: CareKind;
  lang: Language;
  /** The filters as they stand, for the page to keep. */
  onChange?: (segment: Segment) => void;
  /** Saved (or invited): the campaign as the backend returns it, and the one it was written over. */
  onSaved: (campaign: Campaign, before: Campaign) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const plan = can("plan_campaigns");
  const [form] = Form.useForm();
  const [segment, setSegment] = useState<Segment>(() => toSegment(segmentValues(initial)));
  // Why the last save was refused, until the filters change or a save goes through.
  const [saveRefusal, setSaveRefusal] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [inviting, setInviting] = useState(false);

  // Counted once the filters have stayed still; the count on screen stays until the new one comes.
  const settled = useDebounced(JSON.stringify(segment), COUNT_DEBOUNCE_MS);
  const settledSegment = JSON.parse(settled) as Segment;
  const counted = useQuery({ ...segmentCountQueryOf(settledSegment), placeholderData: keepPreviousData });
  const previewed = useQuery({ ...segmentPreviewQueryOf(settledSegment), placeholderData: keepPreviousData });
  const models = useQuery(vehicleModelsQuery).data;
  const readRefusal = counted.error ?? previewed.error;
  const count = readRefusal ? null : (counted.data ?? null);
  const preview = readRefusal ? null : (previewed.data ?? null);
  const counting = counted.isFetching || previewed.isFetching;

  // The backend's refusal of the filters (a save's, else the count's): on the fields it names, the rest below.
  const refused = saveRefusal ?? readRefusal ?? null;
  const refusal = useRefusal(form, (issue) => campaignIssueText(issue, t, "segment"), placeOnSegment);
  const { show, clear } = refusal;
  useEffect(() => {
    if (refused === null) {
      clear();
      return;
    }
    const typing = document.activeElement;
    show(refused);
    // The count's refusal comes while a filter is being typed: the typing stays where it is.
    if (refused !== saveRefusal && typing instanceof HTMLElement) typing.focus({ preventScroll: true });
  }, [refused, saveRefusal, show, clear, t]);
  const problems = refusal.issues
    .filter((issue) => !issue.field || !placeOnSegment(issue.field))
    .map((issue) => campaignIssueText(issue, t, "segment"));

  const changed = (_: unknown, all: SegmentValues) => {
    const next = toSegment(all);
    setSegment(next);
    setSaveRefusal(null);
    onChange?.(next);
  };

  const saved = campaign ? segmentKey(campaign.segment) : null;
  const unsaved = saved !== null && saved !== segmentKey(segment);

  // The save in flight, so an Invite clicked meanwhile waits for it.
  const pending = useRef<Promise<Campaign | null> | null>(null);

  /** Saves the filters shown; the saved campaign, or null when refused (the fields say why). */
  const persist = (from: Campaign, filters: Segment): Promise<Campaign | null> => {
    setSaving(true);
    const run = api
      .saveCampaignSegment(from.id, filters)
      .then((next) => {
        setSaveRefusal(null);
        onSaved(next, from);
        return next;
      })
      .catch((error: unknown) => {
        setSaveRefusal(error);
        return null;
      })
      .finally(() => {
        setSaving(false);
        if (pending.current === run) pending.current = null;
      });
    pending.current = run;
    return run;
  };

  const save = async () => {
    if (!campaign) return;
    if (await persist(campaign, segment)) message.success(t("campaigns.segment.saved"));
  };

  /** Invites the filters shown: saved first when they changed since the last save. */
  const invite = async () => {
    if (!campaign) return;
    const shown = segment;
    setInviting(true);
    try {
      let base: Campaign | null = pending.current ? await pending.current : campaign;
      if (base && segmentKey(base.segment) !== segmentKey(shown)) base = await persist(base, shown);
      if (!base) return;
      const next = await api.inviteSegment(base.id);
      message.success(
        t("campaigns.segment.invitedNow", {
          n: Math.max(0, next.turnout.invited - base.turnout.invited),
          total: next.turnout.invited,
        }),
      );
      onSaved(next, base);
    } catch (error) {
      message.error(toIssues(error).map((i) => campaignIssueText(i, t, "invite")).join("；"));
    } finally {
      setInviting(false);
    }
  };

  const modelOptions = useMemo(() => {
    const all = [...(models ?? [])];
    for (const m of segment.models ?? []) if (!all.includes(m)) all.push(m);
    return all.map((m) => ({ value: m, text: m }));
  }, [models, segment.models]);

  const days = t("campaigns.plan.days");
  const numberBox = (testId: string, suffix?: string, width = 150) => (
    <InputNumber data-testid={testId} min={0} precision={0} controls={false} suffix={suffix} style={{ width }} />
  );

  const inviteBlocked = !campaign
    ? t("campaigns.segment.savePlanFirst")
    : !takesInvitations(campaign.status)
      ? t("campaigns.refusal.inviteStatus")
      : null;

  return (
    <div className="campaign-segment" data-testid="campaign-segment">
      {prefilledFrom && (
        <Alert
          type="info"
          showIcon
          className="campaign-segment-prefill"
          data-testid="segment-prefilled"
          title={t("campaigns.segment.prefilled", { list: t(`campaigns.care.kinds.${prefilledFrom}`) })}
          description={campaign ? t("campaigns.segment.prefilledSave") : t("campaigns.segment.prefilledPlan")}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <section className="panel campaign-section">
            <SectionTitle>{t("campaigns.segment.filters")}</SectionTitle>
            <Form
              form={form}
              layout="vertical"
              initialValues={segmentValues(initial)}
              onValuesChange={changed}
              disabled={!plan}
              className="campaign-segment-form"
            >
              <Row gutter={16}>
                <Col span={24}>
                  <Form.Item name="models" label={t("campaigns.segment.fields.models")} extra={t("campaigns.segment.modelsHint")}>
                    <PickMany<string>
                      testId="segment-models"
                      options={modelOptions}
                      placeholder={t("campaigns.segment.anyModel")}
                      allowClear
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="modelYearFrom" label={t("campaigns.segment.fields.modelYearFrom")}>
                    {numberBox("segment-year-from", undefined, 120)}
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="modelYearTo" label={t("campaigns.segment.fields.modelYearTo")}>
                    {numberBox("segment-year-to", undefined, 120)}
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="purchasedFrom" label={t("campaigns.segment.fields.purchasedFrom")}>
                    <DatePicker data-testid="segment-purchased-from" format={dateFormats(lang)} style={{ width: "100%" }} placeholder={t("form.datePlaceholder")} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="purchasedTo" label={t("campaigns.segment.fields.purchasedTo")}>
                    <DatePicker data-testid="segment-purchased-to" format={dateFormats(lang)} style={{ width: "100%" }} placeholder={t("form.datePlaceholder")} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="lastVisitMonths" label={t("campaigns.segment.fields.lastVisitMonths")}>
                    {numberBox("segment-last-visit-months", t("campaigns.segment.months"))}
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="serviceDueDays" label={t("campaigns.segment.fields.serviceDueDays")}>
                    {numberBox("segment-service-due-days", days)}
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="warrantyDays" label={t("campaigns.segment.fields.warrantyDays")}>
                    {numberBox("segment-warranty-days", days)}
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="insuranceDays" label={t("campaigns.segment.fields.insuranceDays")}>
                    {numberBox("segment-insurance-days", days)}
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="inspectionDays" label={t("campaigns.segment.fields.inspectionDays")}>
                    {numberBox("segment-inspection-days", days)}
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label=" " colon={false}>
                    <Flex vertical gap={4}>
                      <Form.Item name="declinedWork" valuePropName="checked" noStyle>
                        <Checkbox data-testid="segment-declined">{t("campaigns.segment.declined")}</Checkbox>
                      </Form.Item>
                      <Form.Item name="birthdayThisMonth" valuePropName="checked" noStyle>
                        <Checkbox data-testid="segment-birthday">{t("campaigns.segment.birthday")}</Checkbox>
                      </Form.Item>
                    </Flex>
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="grades" label={t("campaigns.segment.fields.grades")}>
                    <PickMany
                      testId="segment-grades"
                      options={GRADE_CHOICES.map((g) => ({ value: g, text: t(`options.grade.${g}`) }))}
                      placeholder={t("campaigns.segment.anyGrade")}
                      allowClear
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="leadGrades" label={t("campaigns.segment.fields.leadGrades")} extra={t("campaigns.segment.leadsHint")}>
                    <PickMany
                      testId="segment-lead-grades"
                      options={LEAD_GRADE_CHOICES.map((g) => ({ value: g, text: t(`options.leadGrade.${g}`) }))}
                      placeholder={t("campaigns.segment.noLeads")}
                      allowClear
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} className="campaign-problems" />}
            <Flex justify="space-between" align="center" gap={12} wrap className="campaign-segment-actions">
              <div className="small muted" data-testid="segment-saved-summary">
                {campaign && (
                  <>
                    {t("campaigns.segment.savedAs", { summary: segmentSummary(campaign.segment, t, lang) })}
                    {unsaved && (
                      <Tag color="gold" className="campaign-unsaved-tag" data-testid="segment-unsaved">
                        {t("campaigns.segment.unsaved")}
                      </Tag>
                    )}
                  </>
                )}
              </div>
              {plan && (
                <Flex gap={8}>
                  <Tooltip title={campaign ? undefined : t("campaigns.segment.savePlanFirst")}>
                    <Button icon={<SaveOutlined />} onClick={save} loading={saving} disabled={!campaign} data-testid="segment-save">
                      {t("campaigns.segment.save")}
                    </Button>
                  </Tooltip>
                  <Tooltip title={inviteBlocked ?? (unsaved ? t("campaigns.segment.saveAndInvite") : undefined)}>
                    <Button
                      type="primary"
                      icon={<SendOutlined />}
                      onClick={invite}
                      loading={inviting}
                      disabled={inviteBlocked !== null}
                      data-testid="segment-invite"
                    >
                      {t("campaigns.segment.invite")}
                    </Button>
                  </Tooltip>
                </Flex>
              )}
            </Flex>
          </section>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <section className="panel campaign-count" aria-live="polite">
              <Flex align="baseline" gap={8} wrap>
                <span className="campaign-count-value tabular" data-testid="segment-count" data-value={count?.customers ?? ""}>
                  {count ? formatNumber(count.customers, lang) : "—"}
                </span>
                <span>{t("campaigns.segment.customers")}</span>
                {counting && <Spin size="small" />}
              </Flex>
              <div
                className={count && count.excludedNoConsent > 0 ? "campaign-excluded campaign-excluded-some" : "campaign-excluded"}
                data-testid="segment-excluded"
                data-value={count?.excludedNoConsent ?? ""}
              >
                {t("campaigns.segment.excluded", { n: count ? formatNumber(count.excludedNoConsent, lang) : "—" })}
              </div>
              <div className="small muted">{t("campaigns.segment.excludedHint")}</div>
            </section>
            <section className="panel campaign-section">
              <SectionTitle>{t("campaigns.segment.preview")}</SectionTitle>
              <Table<SegmentMember>
                data-testid="segment-preview"
                size="small"
                rowKey="customerId"
                pagination={false}
                scroll={{ x: "max-content", y: 420 }}
                loading={preview === null && counting}
                dataSource={preview ?? []}
                locale={{ emptyText: t("campaigns.segment.previewEmpty") }}
                columns={[
                  { key: "name", title: t("campaigns.guests.customer"), render: (_, m) => m.name },
                  { key: "mobile", title: t("campaigns.guests.phone"), render: (_, m) => <span className="tabular nowrap">{formatMobile(m.mobile)}</span> },
                  { key: "plate", title: t("campaigns.guests.plate"), render: (_, m) => (m.vehicleId !== undefined ? <PlateTag plate={m.plate} /> : "—") },
                  { key: "model", title: t("campaigns.guests.model"), render: (_, m) => <span className="small">{m.vehicleLabel ?? "—"}</span> },
                  {
                    key: "grade",
                    title: t("campaigns.segment.grade"),
                    render: (_, m) => (
                      <Flex gap={4} wrap>
                        <GradeTag grade={m.grade} />
                        {m.grade !== "vip" && <span className="small">{t(`options.grade.${m.grade}`)}</span>}
                        {m.leadGrade && <Tag color="cyan">{t(`options.leadGrade.${m.leadGrade}`)}</Tag>}
                      </Flex>
                    ),
                  },
                ]}
              />
              {preview && count && count.customers > preview.length && (
                <Typography.Text type="secondary" className="small">
                  {t("campaigns.segment.previewFirst", { n: preview.length, total: formatNumber(count.customers, lang) })}
                </Typography.Text>
              )}
            </section>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
