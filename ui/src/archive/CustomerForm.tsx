import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Tooltip,
  Typography,
} from "antd";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Customer, CustomerDetail, CustomerId, Language } from "../bindings";
import { api } from "../api";
import { useCan } from "../auth/session";
import { datePickerFormat, formatDate } from "../format";
import { FormDrawer, FormErrors, useFormIssues } from "../forms";
import { fieldPath } from "../errors";
import { ChangedNotice, useEditBase } from "../live/edit";
import {
  customerValues,
  emptyCustomer,
  emptyVehicle,
  toCustomerInput,
  toNewCustomer,
  type CustomerValues,
} from "./formValues";
import { CONTACT_TIMES, LEAD_GRADES, SOURCES } from "./options";
import { customerHistoryQueryOf, customerQueryOf } from "./queries";
import { VehicleFields } from "./VehicleFields";

export type CustomerFormMode = { kind: "new" } | { kind: "edit"; customer: Customer };

/** Indices of the vehicles whose VIN the backend found without a valid check digit. */
function checkDigitVehicles(issues: { kind: string; field?: string | null }[]): number[] {
  return issues
    .filter((issue) => issue.kind === "vin_check_digit" && issue.field)
    .map((issue) => fieldPath(issue.field ?? ""))
    .filter((path) => path[0] === "vehicles" && typeof path[1] === "number")
    .map((path) => path[1] as number);
}

function SectionTitle({ children }: { children: ReactNode }) {
  return <div className="form-section-title">{children}</div>;
}

/**
 * The new-customer / edit-customer drawer. Nothing is checked here: the
 * backend refuses, the form shows why and keeps what the user typed.
 */
export function CustomerForm({
  mode,
  ...props
}: BodyProps & {
  mode: CustomerFormMode | null;
}) {
  if (!mode) return null;
  return mode.kind === "new" ? (
    <CustomerFields customer={null} {...props} />
  ) : (
    <CustomerEdit key={mode.customer.id} customer={mode.customer} {...props} />
  );
}

type BodyProps = {
  lang: Language;
  onClose: () => void;
  onSaved: (detail: CustomerDetail) => void;
  onOpenCustomer: (id: CustomerId) => void;
};

/**
 * Editing a customer: the form works from the customer as the edit began and
 * saves against that version. When another desk changes the customer
 * meanwhile, a notice says who and when; Reload fills the form again from
 * the customer as it is now.
 */
function CustomerEdit({ customer, ...props }: BodyProps & { customer: Customer }) {
  const query = useQuery(customerQueryOf(customer.id));
  const current = query.data?.customer ?? customer;
  const { base, changed, reload } = useEditBase(current, true);
  return (
    <CustomerFields
      customer={base ?? customer}
      changedTo={changed ? current : null}
      onReload={reload}
      {...props}
    />
  );
}

/**
 * The drawer's form: a new customer (`customer` null, with vehicles) or the
 * customer edited; `changedTo` is the customer as another desk left it, while
 * the form still works from the older `customer`.
 */
function CustomerFields({
  customer,
  changedTo,
  onReload,
  lang,
  onClose,
  onSaved,
  onOpenCustomer,
}: BodyProps & { customer: Customer | null; changedTo?: Customer | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomerValues>();
  const issues = useFormIssues(form);
  const [saving, setSaving] = useState(false);
  const [vinConfirm, setVinConfirm] = useState<ReadonlySet<number>>(new Set());
  const isNew = customer === null;
  const initialValues = customer === null ? emptyCustomer() : customerValues(customer);
  const dateFormat = datePickerFormat(lang);

  /** Works from the customer as another desk left it: the form filled afresh from it. */
  const reload = (next: Customer) => {
    onReload?.();
    issues.clear();
    form.resetFields();
    form.setFieldsValue(customerValues(next));
  };

  const save = async () => {
    // Every value the form holds, mounted or not.
    const values = form.getFieldsValue(true) as CustomerValues;
    setSaving(true);
    try {
      const detail =
        customer === null
          ? await api.createCustomer(toNewCustomer(values))
          : // The version the form was filled from: a change made meanwhile on another desk refuses this save as stale.
            await api.updateCustomer(customer.id, { ...toCustomerInput(values), version: customer.updatedAt });
      issues.clear();
      message.success(customer === null ? t("form.created", { name: detail.customer.name }) : t("form.updated"));
      onSaved(detail);
    } catch (error) {
      const found = issues.show(error);
      const unconfirmed = checkDigitVehicles(found);
      if (unconfirmed.length > 0) setVinConfirm((prev) => new Set([...prev, ...unconfirmed]));
    } finally {
      setSaving(false);
    }
  };

  const removeVehicle = (index: number, remove: (index: number) => void) => {
    remove(index);
    // The vehicles after the removed one move up by one.
    setVinConfirm((prev) => new Set([...prev].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i))));
  };

  const title = customer === null ? t("form.newTitle") : t("form.editTitle", { name: customer.name });

  return (
    <FormDrawer<CustomerValues>
      open
      size={960}
      title={title}
      form={form}
      formProps={{
        initialValues,
        onFinish: save,
        className: "customer-form",
        ...({ "data-testid": "customer-form" } as Record<string, string>),
      }}
      testId="customer"
      saving={saving}
      summary={<FormErrors issues={issues.issues} onOpenCustomer={onOpenCustomer} />}
      notice={
        changedTo && (
          <ChangedNotice
            at={changedTo.updatedAt}
            history={customerHistoryQueryOf(changedTo.id)}
            lang={lang}
            onReload={() => reload(changedTo)}
          />
        )
      }
      onClose={onClose}
    >
      <SectionTitle>{t("form.sections.basics")}</SectionTitle>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="name" label={t("fields.name")} required className="field-name">
            <Input
              data-testid="customer-name"
              placeholder={t("form.namePlaceholder")}
              maxLength={60}
              autoComplete="off"
              autoFocus
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="mobile" label={t("fields.mobile")} required className="field-mobile">
            <Input
              data-testid="customer-mobile"
              placeholder={t("form.mobilePlaceholder")}
              inputMode="tel"
              maxLength={20}
              autoComplete="off"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="grade" label={t("fields.grade")} className="field-grade">
            <Radio.Group
              optionType="button"
              options={[
                { value: "ordinary", label: t("options.grade.ordinary") },
                { value: "vip", label: t("options.grade.vip") },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t("form.sections.contact")}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.List name="otherPhones">
            {(fields, { add, remove }) => (
              <Form.Item label={t("fields.otherPhones")} className="field-otherPhones">
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="start">
                      <Form.Item
                        name={field.name}
                        className={`field-otherPhones-${field.name}`}
                        style={{ flex: 1, marginBottom: 0 }}
                      >
                        <Input
                          data-testid={`customer-other-phone-${field.name}`}
                          placeholder={t("form.phonePlaceholder")}
                          inputMode="tel"
                          maxLength={24}
                          autoComplete="off"
                        />
                      </Form.Item>
                      <Tooltip title={t("form.removePhone")}>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t("form.removePhone")}
                          onClick={() => remove(field.name)}
                        />
                      </Tooltip>
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add("")}
                    data-testid="customer-add-phone"
                    style={{ alignSelf: "flex-start" }}
                  >
                    {t("form.addPhone")}
                  </Button>
                </Flex>
              </Form.Item>
            )}
          </Form.List>
        </Col>
        <Col span={6}>
          <Form.Item name="contactTime" label={t("fields.contactTime")} className="field-contactTime">
            <Select
              allowClear
              placeholder={t("form.selectPlaceholder")}
              options={CONTACT_TIMES.map((value) => ({ value, label: t(`options.contactTime.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="birthday" label={t("fields.birthday")} className="field-birthday">
            <DatePicker format={dateFormat} placeholder={t("form.datePlaceholder")} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t("fields.address")} className="field-address">
            <Input
              data-testid="customer-address"
              placeholder={t("form.addressPlaceholder")}
              maxLength={220}
              autoComplete="off"
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t("form.sections.profile")}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="leadGrade"
            label={t("fields.leadGrade")}
            className="field-leadGrade"
            extra={t("form.leadGradeExtra")}
          >
            <Radio.Group optionType="button">
              <Radio.Button value="">{t("options.leadGrade.none")}</Radio.Button>
              {LEAD_GRADES.map((grade) => (
                <Tooltip key={grade} title={t(`options.leadGradeHelp.${grade}`)}>
                  <Radio.Button value={grade}>{grade}</Radio.Button>
                </Tooltip>
              ))}
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="source" label={t("fields.source")} className="field-source">
            <Select
              allowClear
              placeholder={t("form.selectPlaceholder")}
              options={SOURCES.map((value) => ({ value, label: t(`options.source.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <ConsentField customer={customer} lang={lang} />
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t("fields.notes")} className="field-notes">
            <Input.TextArea
              data-testid="customer-notes"
              placeholder={t("form.notesPlaceholder")}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
            />
          </Form.Item>
        </Col>
      </Row>

      {isNew && (
        <>
          <SectionTitle>{t("form.sections.vehicles")}</SectionTitle>
          <Form.List name="vehicles">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.length === 0 && (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("form.noVehiclesHint")} />
                )}
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    className="vehicle-form-card"
                    title={t("form.vehicleN", { n: index + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => removeVehicle(field.name, remove)}
                        data-testid={`vehicle-remove${index > 0 ? `-${index}` : ""}`}
                      >
                        {t("form.removeVehicle")}
                      </Button>
                    }
                  >
                    <VehicleFields
                      name={[field.name]}
                      path={["vehicles", field.name]}
                      index={index}
                      showVinConfirm={vinConfirm.has(index)}
                      lang={lang}
                    />
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add(emptyVehicle())}
                  data-testid="vehicle-add"
                  block
                >
                  {fields.length === 0 ? t("form.addFirstVehicle") : t("form.addVehicle")}
                </Button>
              </Flex>
            )}
          </Form.List>
        </>
      )}
    </FormDrawer>
  );
}

/** Marketing consent, with the date it last changed when editing. */
function ConsentField({ customer, lang }: { customer: Customer | null; lang: Language }) {
  const { t } = useTranslation();
  const consent = Form.useWatch<boolean | undefined>("marketingConsent");
  const changed = customer?.marketingConsentChanged;
  // Advisors keep the file up to date, but consent is the manager's to record.
  const mayChange = useCan()("change_consent");
  return (
    <Form.Item
      label={t("fields.marketingConsent")}
      className="field-marketingConsent"
      extra={changed ? t("form.consentChanged", { date: formatDate(changed, lang) }) : undefined}
    >
      <Flex gap={8} align="center">
        <Tooltip title={mayChange ? undefined : t("access.consentLocked")}>
          <span className="consent-switch">
            <Form.Item name="marketingConsent" valuePropName="checked" noStyle>
              <Switch disabled={!mayChange} data-testid="customer-marketing-consent" />
            </Form.Item>
          </span>
        </Tooltip>
        <Typography.Text type={consent ? undefined : "secondary"} className="consent-text">
          {consent ? t("form.consentOn") : t("form.consentOff")}
        </Typography.Text>
      </Flex>
    </Form.Item>
  );
}
