import { SearchOutlined, UserOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, Row, Space, Spin, Typography } from "antd";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { SEARCH_DEBOUNCE_MS } from "../archive/ArchiveList";
import { vehicleLabel } from "../archive/formValues";
import { PlateTag } from "../archive/tags";
import { useSession } from "../auth/session";
import type {
  Category,
  Channel,
  Complaint,
  ComplaintInput,
  CustomerDetail,
  CustomerId,
  CustomerSummary,
  HardCase,
  Language,
  Severity,
  VehicleId,
  VisitId,
  VisitSummary,
} from "../bindings";
import { formatDate, formatMobile } from "../format";
import { useRequired } from "../forms";
import { useDebounced } from "../hooks";
import { ReadFailure } from "../live/ReadFailure";
import { PickSelect } from "../visits/ui";
import { CATEGORIES, CHANNELS, HARD_CASES, SEVERITIES } from "./model";
import { customerQueryOf, customerSearchQueryOf, customerVisitsQueryOf } from "./queries";
import { useComplaintRefusal } from "./ui";

export type RegisterPrefill = { customerId?: CustomerId; vehicleId?: VehicleId; visitId?: VisitId };

type Values = {
  vehicleId?: VehicleId | null;
  visitId?: VisitId | null;
  channel?: Channel;
  severity?: Severity;
  category?: Category;
  hardCase?: HardCase | null;
  description?: string;
  request?: string;
};

/** The fields a refusal is shown on; the customer has no input of its own, its refusal is said below the form. */
const FIELDS: Record<string, string> = {
  vehicleId: "vehicleId",
  visitId: "visitId",
  channel: "channel",
  severity: "severity",
  category: "category",
  hardCase: "hardCase",
  description: "description",
  request: "request",
};

/** The input the form's values make. */
export function toComplaintInput(customerId: CustomerId, v: Values): ComplaintInput | null {
  if (!v.channel || !v.severity || !v.category) return null;
  return {
    customerId,
    ...(v.vehicleId != null ? { vehicleId: v.vehicleId } : {}),
    ...(v.visitId != null ? { visitId: v.visitId } : {}),
    channel: v.channel,
    severity: v.severity,
    category: v.category,
    ...(v.hardCase ? { hardCase: v.hardCase } : {}),
    description: v.description ?? "",
    request: v.request ?? "",
  };
}

/** The car and the visit a picked customer starts with: those asked for, or the only car. */
function presetOf(
  detail: CustomerDetail,
  visits: VisitSummary[],
  vehicle?: VehicleId,
  visit?: VisitId,
): Pick<Values, "vehicleId" | "visitId"> {
  const fromVisit = visit !== undefined ? visits.find((v) => v.id === visit) : undefined;
  const usable = detail.vehicles.filter((v) => !v.archivedAt);
  const chosen = vehicle ?? fromVisit?.vehicleId ?? (usable.length === 1 ? usable[0].id : undefined);
  return { vehicleId: chosen ?? null, visitId: visit ?? null };
}

/** Registering a complaint (登记投诉): who, what, how serious; the receiver is its first-contact owner. */
export function RegisterDrawer({
  prefill,
  lang,
  onClose,
  onRegistered,
}: {
  /** null: closed. */
  prefill: RegisterPrefill | null;
  lang: Language;
  onClose: () => void;
  onRegistered: (complaint: Complaint) => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={prefill !== null}
      size={720}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      title={t("complaints.register.title")}
    >
      {prefill && (
        <RegisterForm
          key={JSON.stringify(prefill)}
          prefill={prefill}
          lang={lang}
          onClose={onClose}
          onRegistered={onRegistered}
        />
      )}
    </Drawer>
  );
}

function RegisterForm({
  prefill,
  lang,
  onClose,
  onRegistered,
}: {
  prefill: RegisterPrefill;
  lang: Language;
  onClose: () => void;
  onRegistered: (complaint: Complaint) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const [picked, setPicked] = useState<CustomerId | null>(prefill.customerId ?? null);
  const [saving, setSaving] = useState(false);
  const required = useRequired();
  const refusal = useComplaintRefusal(form, FIELDS);
  // Register asked for before a customer was picked.
  const [noCustomer, setNoCustomer] = useState(false);
  const problems = noCustomer ? [t("complaints.register.pickCustomer")] : refusal.problems;
  const latestPick = useRef(0);
  const hardCase = Form.useWatch<HardCase | null | undefined>("hardCase", form);
  const severity = Form.useWatch<Severity | undefined>("severity", form);
  const vehicleId = Form.useWatch<VehicleId | null | undefined>("vehicleId", form);
  // The picked customer and their visits, kept live (a car added on another desk shows here).
  const customerRead = useQuery({ ...customerQueryOf(picked ?? 0), enabled: picked !== null });
  const visitsRead = useQuery({ ...customerVisitsQueryOf(picked ?? 0), enabled: picked !== null });
  const customer = picked !== null ? (customerRead.data ?? null) : null;
  const visits = picked !== null ? (visitsRead.data ?? []) : [];
  const loadingCustomer = picked !== null && customerRead.isPending;

  // Once a customer is picked: the car and the visit the request named, or the only car.
  // Read through the cache the screen shows them from; never again on a later change.
  const choose = useCallback(
    async (id: CustomerId, vehicle?: VehicleId, visit?: VisitId) => {
      const request = ++latestPick.current;
      const [detail, list] = await Promise.all([
        client.fetchQuery(customerQueryOf(id)),
        client.fetchQuery(customerVisitsQueryOf(id)).catch((): VisitSummary[] => []),
      ]);
      if (request !== latestPick.current) return;
      form.setFieldsValue(presetOf(detail, list, vehicle, visit));
    },
    [client, form],
  );

  const pick = (id: CustomerId) => {
    setNoCustomer(false);
    refusal.clear();
    setPicked(id);
    form.setFieldsValue({ vehicleId: null, visitId: null });
    // A failed read shows where the customer would be, with its Retry.
    void choose(id).catch(() => {});
  };

  useEffect(() => {
    if (prefill.customerId === undefined) return;
    void choose(prefill.customerId, prefill.vehicleId, prefill.visitId).catch(() => {});
  }, [prefill, choose]);

  const submit = async () => {
    if (!customer) {
      setNoCustomer(true);
      return;
    }
    setNoCustomer(false);
    try {
      await form.validateFields(["channel", "severity", "category"]);
    } catch {
      return;
    }
    const input = toComplaintInput(customer.customer.id, form.getFieldsValue(true) as Values);
    if (!input) return;
    setSaving(true);
    try {
      const complaint = await api.registerComplaint(input);
      message.success(t("complaints.register.registered", { number: complaint.number }));
      onRegistered(complaint);
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  const vehicles = customer?.vehicles.filter((v) => !v.archivedAt) ?? [];
  const shownVisits = vehicleId != null ? visits.filter((v) => v.vehicleId === vehicleId) : visits;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ vehicleId: null, visitId: null, hardCase: null, description: "", request: "" }}
      data-testid="complaint-register-form"
      className="complaint-register-form"
    >
      <Alert
        type="info"
        showIcon
        className="complaint-principle"
        data-testid="complaint-principle"
        title={<strong>{t("complaints.register.principle")}</strong>}
        description={
          <div>
            <div>{t("complaints.register.principleText")}</div>
            <div className="small">
              <WarningOutlined /> {t("complaints.register.never")} {t("complaints.register.neverList")}
            </div>
          </div>
        }
      />
      <Form.Item label={t("complaints.register.customer")} required className="field-customerId">
        {loadingCustomer ? (
          <Spin size="small" />
        ) : picked !== null && customerRead.error ? (
          <Flex vertical gap={8}>
            <ReadFailure query={customerRead} />
            <CustomerSearch onPick={(c) => pick(c.id)} />
          </Flex>
        ) : customer ? (
          <Flex align="center" gap={12} data-testid="complaint-customer-chosen">
            <UserOutlined />
            <Typography.Text strong>{customer.customer.name}</Typography.Text>
            <Typography.Text type="secondary" className="tabular">
              {formatMobile(customer.customer.mobile)}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => {
                latestPick.current += 1;
                setPicked(null);
                form.setFieldsValue({ vehicleId: null, visitId: null });
              }}
              data-testid="complaint-customer-change"
            >
              {t("complaints.register.change")}
            </Button>
          </Flex>
        ) : (
          <CustomerSearch onPick={(c) => pick(c.id)} />
        )}
      </Form.Item>
      {customer && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="vehicleId" label={t("complaints.register.vehicle")}>
              <PickSelect<VehicleId>
                testId="complaint-vehicle"
                allowClear
                placeholder={t("complaints.register.none")}
                options={vehicles.map((v) => ({ value: v.id, text: vehicleLabel(v) }))}
                onChange={() => form.setFieldsValue({ visitId: null })}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="visitId" label={t("complaints.register.visit")}>
              <PickSelect<VisitId>
                testId="complaint-visit"
                allowClear
                placeholder={t("complaints.register.none")}
                options={shownVisits.map((v) => ({
                  value: v.id,
                  text: `${v.number} · ${v.plate ?? v.vehicleLabel}${v.appointmentAt ? ` · ${formatDate(v.appointmentAt, lang)}` : ""}`,
                }))}
                onChange={(id) => {
                  const visit = visits.find((v) => v.id === id);
                  if (visit) form.setFieldsValue({ vehicleId: visit.vehicleId });
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="channel" label={t("complaints.register.channel")} rules={[required(t("complaints.register.channel"))]}>
            <PickSelect<Channel>
              testId="complaint-channel"
              placeholder={t("form.selectPlaceholder")}
              options={CHANNELS.map((value) => ({ value, text: t(`complaints.channels.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="severity"
            label={t("complaints.register.severity")}
            rules={[required(t("complaints.register.severity"))]}
            extra={severity ? t(`complaints.severityHint.${severity}`) : undefined}
          >
            <PickSelect<Severity>
              testId="complaint-severity"
              placeholder={t("form.selectPlaceholder")}
              options={SEVERITIES.map((value) => ({
                value,
                text: t(`complaints.severity.${value}`),
                extra: <div className="small muted option-hint">{t(`complaints.severityHint.${value}`)}</div>,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={t("complaints.register.category")} rules={[required(t("complaints.register.category"))]}>
            <PickSelect<Category>
              testId="complaint-category"
              placeholder={t("form.selectPlaceholder")}
              options={CATEGORIES.map((value) => ({ value, text: t(`complaints.categories.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="hardCase" label={t("complaints.register.hardCase")}>
            <PickSelect<HardCase>
              testId="complaint-hard-case"
              allowClear
              placeholder={t("complaints.register.hardCaseNone")}
              options={HARD_CASES.map((value) => ({ value, text: t(`complaints.hardCases.${value}`) }))}
            />
          </Form.Item>
          {hardCase && (
            <Alert
              type={hardCase === "socially_influential" ? "error" : "warning"}
              showIcon
              className="complaint-advice"
              data-testid="complaint-hard-case-advice"
              title={t(`complaints.hardCaseAdvice.${hardCase}`)}
            />
          )}
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t("complaints.register.description")} required>
            <Input.TextArea
              data-testid="complaint-description"
              placeholder={t("complaints.register.descriptionPlaceholder")}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={4000}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="request" label={t("complaints.register.request")} required>
            <Input.TextArea
              data-testid="complaint-request"
              placeholder={t("complaints.register.requestPlaceholder")}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" data-testid="complaint-owner">
        {t("complaints.register.owner")}: {session.info.staff.name}
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon data-testid="complaint-register-issues" title={problems.join("；")} />
      )}
      <Flex justify="end" className="drawer-actions">
        <Space>
          <Button onClick={onClose} data-testid="complaint-cancel">
            {t("complaints.register.cancel")}
          </Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="complaint-submit">
            {t("complaints.register.submit")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}

/** Finds a customer in the archive as the user types; each result is a button, Enter takes the first. */
function CustomerSearch({ onPick }: { onPick: (customer: CustomerSummary) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const text = useDebounced(typed, SEARCH_DEBOUNCE_MS).trim();
  const search = useQuery({
    ...customerSearchQueryOf({ text, includeArchived: false, leadsOnly: false, limit: 10 }),
    enabled: text !== "",
    // The last results stay while the next are read.
    placeholderData: keepPreviousData,
  });
  const found = text === "" ? [] : (search.data ?? []);
  const searching = text !== "" && search.isFetching;

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (found[0]) onPick(found[0]);
    }
  };

  return (
    <div className="booking-search">
      <Input
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={onKey}
        prefix={<SearchOutlined />}
        placeholder={t("complaints.register.search")}
        allowClear
        autoComplete="off"
        autoFocus
        data-testid="complaint-customer-search"
      />
      <div className="booking-results" aria-live="polite">
        {searching && found.length === 0 && (
          <Typography.Text type="secondary" className="small">
            {t("complaints.register.searching")}
          </Typography.Text>
        )}
        {!searching && text !== "" && found.length === 0 && (
          <Typography.Text type="secondary" className="small">
            {t("complaints.register.noResults")}
          </Typography.Text>
        )}
        {found.map((c) => (
          <button
            key={c.id}
            type="button"
            className="booking-result"
            data-testid={`complaint-customer-option-${c.id}`}
            onClick={() => onPick(c)}
          >
            <span className="booking-result-name">{c.name}</span>
            <span className="booking-result-mobile tabular">{formatMobile(c.mobile)}</span>
            <span className="booking-result-plates">
              {c.vehicles.map((v) => (
                <PlateTag key={v.id} plate={v.plate} />
              ))}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
