import { SearchOutlined, UserOutlined } from "@ant-design/icons";
import {
  App,
  AutoComplete,
  Button,
  Checkbox,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Segmented,
  Space,
  Spin,
  Switch,
  Typography,
} from "antd";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type {
  AppointmentInput,
  Booking,
  Colleague,
  CustomerDetail,
  CustomerId,
  CustomerSummary,
  Issue,
  Language,
  StaffId,
  VehicleId,
  Visit,
} from "../bindings";
import { SEARCH_DEBOUNCE_MS } from "../archive/ArchiveList";
import { emptyCustomer, emptyVehicle, toNewCustomer, vehicleLabel } from "../archive/formValues";
import { BRANDS, modelsFor, suggest } from "../archive/options";
import { PlateTag } from "../archive/tags";
import { type NamePath } from "../errors";
import { formatMobile } from "../format";
import { useDebounced } from "../hooks";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import {
  AdvisorSelect,
  AppointmentDatePicker,
  DurationSelect,
  OptionSelect,
  SlotSelect,
  useDayBoard,
  type Choice,
} from "./fields";
import { IssueSummary, useAppointmentIssues, type IssueContext } from "./issues";
import { atOf, atText, dayOf, isoDate } from "./model";
import { bookingSearchQueryOf, customerDetailQueryOf } from "./queries";

/** What the form opens with: a cell of the board, a customer's vehicle, or nothing. */
export type BookingPrefill = {
  advisorId?: StaffId;
  date?: string;
  slot?: string;
  customerId?: CustomerId;
  vehicleId?: VehicleId;
};

type Mode = "existing" | "new";

export type BookingValues = {
  customerId?: CustomerId | null;
  vehicleId?: VehicleId | null;
  name?: string;
  mobile?: string;
  plate?: string;
  vin?: string;
  vinCheckConfirmed?: boolean;
  brand?: string;
  model?: string;
  advisorId?: StaffId | null;
  date?: Dayjs | null;
  slot?: string | null;
  expectedMinutes?: number;
  requestedWork?: string;
  concerns?: string;
  replacementCar?: boolean;
};

const VEHICLE_FIELDS = ["plate", "vin", "vinCheckConfirmed", "brand", "model"];
const OWN_FIELDS = [
  "customerId",
  "vehicleId",
  "advisorId",
  "date",
  "slot",
  "expectedMinutes",
  "requestedWork",
  "concerns",
  "replacementCar",
  "name",
  "mobile",
];

/**
 * Where the backend's field lands on this form: `at` on the time, a new
 * customer's `name`/`mobile` and `vehicles.0.vin` on their inputs.
 */
export function bookingField(field: string): NamePath | null {
  const f = field.replace(/^(appointment|newCustomer|customer)\./, "").replace(/^customer\./, "");
  if (f === "at") return ["slot"];
  const vehicle = /^vehicles?\.(?:\d+\.)?(\w+)$/.exec(f);
  if (vehicle && VEHICLE_FIELDS.includes(vehicle[1])) return [vehicle[1]];
  if (OWN_FIELDS.includes(f)) return [f];
  return null;
}

/** The booking the form's values make, or the choices still to make. */
export function toBooking(mode: Mode, values: BookingValues): { booking: Booking } | { missing: Issue[] } {
  const missing: Issue[] = [];
  const need = (field: string) => missing.push({ kind: "required", field, message: `${field} is required` });
  if (mode === "existing") {
    if (values.customerId == null) need("customerId");
    else if (values.vehicleId == null) need("vehicleId");
  }
  if (values.advisorId == null) need("advisorId");
  if (!values.date) need("date");
  if (!values.slot) need("at");
  if (missing.length > 0 || !values.date || !values.slot || values.advisorId == null) return { missing };
  const appointment: AppointmentInput = {
    customerId: mode === "existing" ? (values.customerId ?? 0) : 0,
    vehicleId: mode === "existing" ? (values.vehicleId ?? 0) : 0,
    advisorId: values.advisorId,
    at: atOf(values.date, values.slot),
    expectedMinutes: values.expectedMinutes ?? 60,
    requestedWork: values.requestedWork ?? "",
    concerns: values.concerns ?? "",
    replacementCar: values.replacementCar ?? false,
  };
  if (mode === "existing") return { booking: { appointment } };
  const newCustomer = toNewCustomer({
    ...emptyCustomer(),
    name: values.name ?? "",
    mobile: values.mobile ?? "",
    vehicles: [
      {
        ...emptyVehicle(),
        plate: values.plate ?? "",
        vin: values.vin ?? "",
        vinCheckConfirmed: values.vinCheckConfirmed ?? false,
        brand: values.brand ?? "",
        model: values.model ?? "",
      },
    ],
  });
  return { booking: { appointment, newCustomer } };
}

/** The booking drawer: an archive customer's vehicle, or a new customer, and the slot. */
export function BookingForm({
  prefill,
  lang,
  advisors,
  slots,
  onClose,
  onBooked,
}: {
  /** null: closed. */
  prefill: BookingPrefill | null;
  lang: Language;
  /** Who may receive customers (advisors and managers). */
  advisors: Colleague[];
  /** The slots of the board shown, until the chosen day's are read. */
  slots: string[];
  onClose: () => void;
  onBooked: (visit: Visit) => void;
}) {
  return (
    <Drawer
      open={prefill !== null}
      size={760}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      keyboard={false}
      title={null}
      closable={false}
      styles={{ body: { padding: 0 } }}
    >
      {prefill && (
        <BookingFormBody
          // Another prefill (a second request while open) starts a fresh form.
          key={JSON.stringify(prefill)}
          prefill={prefill}
          lang={lang}
          advisors={advisors}
          slots={slots}
          onClose={onClose}
          onBooked={onBooked}
        />
      )}
    </Drawer>
  );
}

function SectionTitle({ children }: { children: ReactNode }) {
  return <div className="form-section-title">{children}</div>;
}

const upper = (value: string | undefined) => (typeof value === "string" ? value.toUpperCase() : value);

function BookingFormBody({
  prefill,
  lang,
  advisors,
  slots,
  onClose,
  onBooked,
}: {
  prefill: BookingPrefill;
  lang: Language;
  advisors: Colleague[];
  slots: string[];
  onClose: () => void;
  onBooked: (visit: Visit) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const markChanged = useChanged();
  const [form] = Form.useForm<BookingValues>();
  const issues = useAppointmentIssues(form, bookingField);
  const [mode, setMode] = useState<Mode>("existing");
  // The archive customer chosen; their vehicles are read, and kept current.
  const [customerId, setCustomerId] = useState<CustomerId | null>(prefill.customerId ?? null);
  const customerQuery = useQuery({ ...customerDetailQueryOf(customerId ?? 0), enabled: customerId !== null });
  const customer = customerId === null ? null : (customerQuery.data ?? null);
  const loadingCustomer = customerId !== null && customerQuery.isPending;
  const [saving, setSaving] = useState(false);
  const [vinConfirm, setVinConfirm] = useState(false);
  const latestPick = useRef(0);

  const initialValues = useMemo<BookingValues>(
    () => ({
      customerId: prefill.customerId ?? null,
      // Chosen once the customer's vehicles are read.
      vehicleId: null,
      name: "",
      mobile: "",
      plate: "",
      vin: "",
      vinCheckConfirmed: false,
      brand: "",
      model: "",
      advisorId: prefill.advisorId ?? null,
      date: prefill.date ? dayOf(prefill.date) : null,
      slot: prefill.slot ?? null,
      expectedMinutes: 60,
      requestedWork: "",
      concerns: "",
      replacementCar: false,
    }),
    [prefill],
  );

  const date = Form.useWatch<Dayjs | null | undefined>("date", form);
  const advisorId = Form.useWatch<StaffId | null | undefined>("advisorId", form);
  const replacementCar = Form.useWatch<boolean | undefined>("replacementCar", form);
  const brand = Form.useWatch<string | undefined>("brand", form);
  const model = Form.useWatch<string | undefined>("model", form);
  const dateText = date && date.isValid() ? isoDate(date) : null;
  const dayBoard = useDayBoard(dateText);

  /**
   * Once customer `id`'s vehicles are read, chooses one: the one `vehicle`
   * names, else the only one. A later choice of customer overrides it.
   */
  const chooseVehicle = useCallback(
    async (id: CustomerId, vehicle?: (detail: CustomerDetail) => VehicleId | undefined) => {
      const request = ++latestPick.current;
      try {
        const detail = await client.fetchQuery(customerDetailQueryOf(id));
        if (request !== latestPick.current) return;
        const usable = detail.vehicles.filter((v) => !v.archivedAt);
        const chosen = vehicle?.(detail) ?? (usable.length === 1 ? usable[0].id : undefined);
        if (chosen !== undefined) form.setFieldsValue({ vehicleId: chosen });
      } catch {
        // The customer's read shows why, with Retry.
      }
    },
    [client, form],
  );

  /** Chooses a customer from the archive; the vehicle too when it is clear which. */
  const pickCustomer = (id: CustomerId, vehicle?: (detail: CustomerDetail) => VehicleId | undefined) => {
    form.setFieldsValue({ customerId: id, vehicleId: null });
    setCustomerId(id);
    void chooseVehicle(id, vehicle);
  };

  // Opened from a customer's page: that customer (chosen from the start) and vehicle.
  useEffect(() => {
    if (prefill.customerId !== undefined) {
      const wanted = prefill.vehicleId;
      void chooseVehicle(prefill.customerId, (d) => d.vehicles.find((v) => v.id === wanted)?.id);
    }
  }, [prefill, chooseVehicle]);

  const clearCustomer = () => {
    latestPick.current += 1;
    setCustomerId(null);
    form.setFieldsValue({ customerId: null, vehicleId: null });
  };

  const advisorName = (id: StaffId | null | undefined) => advisors.find((a) => a.id === id)?.name;

  const save = async () => {
    const values = form.getFieldsValue(true) as BookingValues;
    const ctx: IssueContext = {
      lang,
      advisorName: advisorName(values.advisorId),
      at: values.date && values.slot ? atOf(values.date, values.slot) : undefined,
    };
    const made = toBooking(mode, values);
    if ("missing" in made) {
      issues.show(made.missing, ctx);
      return;
    }
    setSaving(true);
    try {
      const visit = await api.bookAppointment(made.booking);
      issues.clear();
      // The board shows the booking at once; a new customer is in the archive too.
      if (made.booking.newCustomer) markChanged("visit", "customer", "vehicle");
      else markChanged("visit");
      message.success(
        t("appointments.booking.booked", {
          customer: visit.customerName,
          time: visit.appointmentAt ? atText(visit.appointmentAt, lang) : "",
          advisor: visit.advisorName,
        }),
      );
      onBooked(visit);
    } catch (error) {
      const found = issues.show(error, ctx);
      if (found.some((i) => i.kind === "vin_check_digit")) setVinConfirm(true);
    } finally {
      setSaving(false);
    }
  };

  // Closing by accident must not lose what was typed.
  const cancel = () => {
    if (!form.isFieldsTouched() && customerId === null) {
      onClose();
      return;
    }
    modal.confirm({
      title: t("form.discardTitle"),
      content: t("form.discardText"),
      okText: t("form.discardOk"),
      okButtonProps: { danger: true, "data-testid": "booking-discard" },
      cancelText: t("form.keepEditing"),
      onOk: onClose,
    });
  };

  // A new customer's phone, plate or VIN already in the archive: book for that customer instead.
  const bookForConflict = (issue: Issue) => {
    const conflict = issue.conflict;
    if (mode !== "new" || !conflict || issue.field === undefined) return null;
    const key = bookingField(issue.field)?.[0];
    if (key !== "mobile" && key !== "plate" && key !== "vin" && key !== "name") return null;
    const values = form.getFieldsValue(true) as BookingValues;
    return (
      <Typography.Link
        data-testid="booking-use-existing"
        onClick={() => {
          setMode("existing");
          issues.clear();
          pickCustomer(conflict.customerId, (d) =>
            d.vehicles.find(
              (v) =>
                (values.plate && v.plate === values.plate.trim().toUpperCase()) ||
                (values.vin && v.vin === values.vin.trim().toUpperCase()),
            )?.id,
          );
        }}
      >
        {t("appointments.booking.bookFor", { label: conflict.label })}
      </Typography.Link>
    );
  };

  const vehicles = customer?.vehicles.filter((v) => !v.archivedAt) ?? [];
  const vehicleChoices: Choice<VehicleId>[] = vehicles.map((v) => ({ value: v.id, text: vehicleLabel(v) }));

  return (
    <Form<BookingValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      data-testid="booking-form"
      className="customer-form booking-form"
      requiredMark
    >
      <div className="drawer-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("appointments.booking.title")}
        </Typography.Title>
      </div>
      <div className="drawer-body">
        <SectionTitle>{t("appointments.booking.sections.customer")}</SectionTitle>
        <Segmented<Mode>
          value={mode}
          onChange={(m) => {
            setMode(m);
            issues.clear();
          }}
          className="booking-mode"
          options={[
            {
              value: "existing",
              label: <span data-testid="booking-existing">{t("appointments.booking.existing")}</span>,
            },
            { value: "new", label: <span data-testid="booking-new">{t("appointments.booking.new")}</span> },
          ]}
        />
        {mode === "existing" ? (
          <div className="booking-customer">
            <Form.Item name="customerId" label={t("appointments.fields.customerId")} required className="field-customerId">
              <CustomerChooser
                customer={customer}
                loading={loadingCustomer}
                onPick={(summary, text) => {
                  const typed = text.trim().toUpperCase();
                  pickCustomer(summary.id, (d) =>
                    typed.length >= 2
                      ? d.vehicles.find(
                          (v) => !v.archivedAt && ((v.plate ?? "").includes(typed) || v.vin.includes(typed)),
                        )?.id
                      : undefined,
                  );
                }}
                onClear={clearCustomer}
              />
            </Form.Item>
            {customerId !== null && !customer && customerQuery.error && (
              <ReadFailure query={customerQuery} testId="booking-customer-failed" />
            )}
            {customer && (
              <Form.Item
                name="vehicleId"
                label={t("appointments.booking.vehicle")}
                required
                className="field-vehicleId"
                extra={vehicles.length === 0 ? t("appointments.booking.noVehicles") : undefined}
              >
                <OptionSelect<VehicleId>
                  choices={vehicleChoices}
                  placeholder={t("appointments.booking.vehiclePlaceholder")}
                  testId="booking-vehicle"
                />
              </Form.Item>
            )}
          </div>
        ) : (
          <div className="booking-new-customer">
            <Typography.Paragraph type="secondary" className="small booking-hint">
              {t("appointments.booking.newHint")}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="name" label={t("fields.name")} required className="field-name">
                  <Input
                    data-testid="booking-new-name"
                    placeholder={t("form.namePlaceholder")}
                    maxLength={60}
                    autoComplete="off"
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="mobile" label={t("fields.mobile")} required className="field-mobile">
                  <Input
                    data-testid="booking-new-mobile"
                    placeholder={t("form.mobilePlaceholder")}
                    inputMode="tel"
                    maxLength={20}
                    autoComplete="off"
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="plate"
                  label={t("fields.plate")}
                  className="field-plate"
                  extra={t("form.plateHint")}
                  normalize={upper}
                >
                  <Input
                    data-testid="booking-new-plate"
                    placeholder={t("form.platePlaceholder")}
                    maxLength={10}
                    autoComplete="off"
                    className="plate-input"
                  />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="vin" label={t("fields.vin")} required className="field-vin" normalize={upper}>
                  <Input
                    data-testid="booking-new-vin"
                    placeholder={t("form.vinPlaceholder")}
                    className="mono"
                    maxLength={20}
                    autoComplete="off"
                    spellCheck={false}
                    showCount={{ formatter: ({ count }) => `${count}/17` }}
                  />
                </Form.Item>
              </Col>
              {vinConfirm && (
                <Col span={24}>
                  <Form.Item name="vinCheckConfirmed" valuePropName="checked" className="field-vinCheckConfirmed vin-confirm">
                    <Checkbox data-testid="booking-new-vin-confirm">{t("form.vinConfirm")}</Checkbox>
                  </Form.Item>
                </Col>
              )}
              <Col span={12}>
                <Form.Item name="brand" label={t("fields.brand")} required className="field-brand">
                  <AutoComplete
                    options={suggest(
                      BRANDS.map((b) => b.brand),
                      brand,
                    )}
                    popupMatchSelectWidth={260}
                  >
                    <Input data-testid="booking-new-brand" placeholder={t("form.brandPlaceholder")} autoComplete="off" />
                  </AutoComplete>
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="model" label={t("fields.model")} required className="field-model">
                  <AutoComplete options={suggest(modelsFor(brand), model)} popupMatchSelectWidth={220}>
                    <Input data-testid="booking-new-model" placeholder={t("form.modelPlaceholder")} autoComplete="off" />
                  </AutoComplete>
                </Form.Item>
              </Col>
            </Row>
          </div>
        )}

        <SectionTitle>{t("appointments.booking.sections.appointment")}</SectionTitle>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="advisorId" label={t("appointments.booking.advisor")} required className="field-advisorId">
              <AdvisorSelect advisors={advisors} testId="booking-advisor" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={t("appointments.booking.date")} required className="field-date">
              <AppointmentDatePicker lang={lang} testId="booking-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="slot" label={t("appointments.booking.slot")} required className="field-at">
              <SlotSelect
                board={dayBoard}
                fallbackSlots={slots}
                advisorId={advisorId}
                date={dateText}
                testId="booking-slot"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expectedMinutes" label={t("appointments.booking.duration")} className="field-expectedMinutes">
              <DurationSelect />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="requestedWork"
              label={t("appointments.booking.requestedWork")}
              required
              className="field-requestedWork"
            >
              <Input
                data-testid="booking-requested-work"
                placeholder={t("appointments.booking.requestedWorkPlaceholder")}
                maxLength={500}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="concerns" label={t("appointments.booking.concerns")} className="field-concerns">
              <Input.TextArea
                data-testid="booking-concerns"
                placeholder={t("appointments.booking.concernsPlaceholder")}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t("appointments.booking.replacementCar")} className="field-replacementCar">
              <Flex gap={8} align="center">
                <Form.Item name="replacementCar" valuePropName="checked" noStyle>
                  <Switch data-testid="booking-replacement-car" aria-label={t("appointments.booking.replacementCar")} />
                </Form.Item>
                <Typography.Text type={replacementCar ? undefined : "secondary"} className="small">
                  {replacementCar
                    ? t("appointments.booking.replacementCarOn")
                    : t("appointments.booking.replacementCarOff")}
                </Typography.Text>
              </Flex>
            </Form.Item>
          </Col>
        </Row>
      </div>
      <div className="drawer-footer">
        <IssueSummary shown={issues} action={bookForConflict} />
        <Flex justify="end">
          <Space>
            <Button onClick={cancel} data-testid="booking-cancel">
              {t("common.cancel")}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="booking-submit">
              {t("appointments.booking.submit")}
            </Button>
          </Space>
        </Flex>
      </div>
    </Form>
  );
}

/**
 * Finds a customer in the archive as the user types; each result is a button
 * (Enter in the search takes the first). Once chosen, shows who it is.
 */
function CustomerChooser({
  customer,
  loading,
  onPick,
  onClear,
  id,
}: {
  customer: CustomerDetail | null;
  loading: boolean;
  onPick: (customer: CustomerSummary, text: string) => void;
  onClear: () => void;
  id?: string;
  value?: CustomerId | null;
  onChange?: (value: CustomerId | null) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const results = useRef<HTMLDivElement>(null);
  const text = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const asked = text.trim() !== "";
  // The results of the last text stay until the new text's are read; a failed search finds nothing.
  const search = useQuery({ ...bookingSearchQueryOf(text), enabled: asked, placeholderData: keepPreviousData });
  const found: CustomerSummary[] = (asked && !search.isError ? search.data : undefined) ?? [];
  const searching = asked && search.isFetching;

  if (loading) return <Spin size="small" />;

  if (customer) {
    return (
      <Flex className="booking-chosen" align="center" gap={12} data-testid="booking-customer-chosen">
        <UserOutlined className="muted-icon" />
        <div className="booking-chosen-text">
          <Typography.Text strong>{customer.customer.name}</Typography.Text>
          <Typography.Text type="secondary" className="tabular">
            {formatMobile(customer.customer.mobile)}
          </Typography.Text>
        </div>
        <Button size="small" onClick={onClear} data-testid="booking-customer-change">
          {t("appointments.booking.change")}
        </Button>
      </Flex>
    );
  }

  const focusResult = (index: number) => {
    const buttons = results.current?.querySelectorAll<HTMLButtonElement>("button.booking-result");
    buttons?.[index]?.focus();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      // Enter takes the first result; it never submits the booking.
      e.preventDefault();
      if (found[0]) onPick(found[0], typed);
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      focusResult(0);
    }
  };

  const onResultKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      focusResult(index + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (index === 0) results.current?.parentElement?.querySelector<HTMLInputElement>("input")?.focus();
      else focusResult(index - 1);
    }
  };

  return (
    <div className="booking-search">
      <Input
        id={id}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={onSearchKey}
        prefix={<SearchOutlined className="search-icon" />}
        placeholder={t("appointments.booking.searchPlaceholder")}
        allowClear
        autoComplete="off"
        autoFocus
        data-testid="booking-customer-search"
      />
      <div className="booking-results" ref={results} aria-live="polite">
        {searching && found.length === 0 && (
          <Typography.Text type="secondary" className="small">
            {t("appointments.booking.searching")}
          </Typography.Text>
        )}
        {!searching && text.trim() !== "" && found.length === 0 && (
          <Typography.Text type="secondary" className="small" data-testid="booking-no-results">
            {t("appointments.booking.noResults")}
          </Typography.Text>
        )}
        {found.map((c, index) => (
          <button
            key={c.id}
            type="button"
            className="booking-result"
            data-testid={`booking-customer-option-${c.id}`}
            onClick={() => onPick(c, typed)}
            onKeyDown={(e) => onResultKey(e, index)}
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
