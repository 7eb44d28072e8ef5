import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Segmented, Tooltip, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useSession } from "../auth/session";
import type { Damage, Language, Panel, Reception, VehicleId, Visit, WalkIn } from "../bindings";
import { fieldPath } from "../errors";
import { useRequired, type Place } from "../forms";
import { formatNumber } from "../format";
import { customerQueryOf, vehicleQueryOf } from "../archive/queries";
import { PlateTag } from "../archive/tags";
import { useFieldIssues, type Refusal, type StepAction } from "./issues";
import { FUEL_LABELS, PANELS } from "./options";
import { serviceStaffQuery } from "./queries";
import { PickSelect, SectionTitle } from "./ui";
import { VisitAlerts } from "./VisitAlerts";

/** The walk-around as the form holds it. */
export type ReceptionValues = {
  mileageKm?: number | null;
  mileageReason?: string;
  fuelEighths?: number;
  damages?: { panel?: Panel; note?: string }[];
  valuables?: string;
  accessories?: string;
  concerns?: string;
};

export function emptyReception(concerns = ""): ReceptionValues {
  return { mileageKm: null, mileageReason: "", fuelEighths: 4, damages: [], valuables: "", accessories: "", concerns };
}

/** The walk-around as the backend receives it; the form made sure mileage and panels are given. */
export function toReception(values: ReceptionValues): Reception {
  const reason = values.mileageReason?.trim();
  return {
    mileageKm: values.mileageKm ?? 0,
    ...(reason ? { mileageReason: reason } : {}),
    fuelEighths: values.fuelEighths ?? 0,
    damages: (values.damages ?? []).map((d): Damage => ({ panel: d.panel as Panel, note: d.note ?? "" })),
    valuables: values.valuables ?? "",
    accessories: values.accessories ?? "",
    concerns: values.concerns ?? "",
  };
}

/** The reception's and the walk-in's backend fields, which sit on the form under the same names. */
const WALK_IN_FIELDS = new Set(["reception", "advisorId", "requestedWork", "expectedMinutes", "replacementCar"]);
const placeReception: Place = (field) => {
  const path = fieldPath(field);
  return typeof path[0] === "string" && WALK_IN_FIELDS.has(path[0]) ? path : null;
};

/** The vehicle's highest known mileage, to say what "lower" means; nothing when unknown (or not read). */
function useLastMileage(vehicleId: VehicleId): number | null {
  return useQuery(vehicleQueryOf(vehicleId)).data?.vehicle.mileageKm ?? null;
}

/**
 * The walk-around with the customer (DOMAIN.md §3.3): mileage, fuel, damage
 * found, valuables, accessories and the customer's concerns in their own words.
 * Sits in a form under `reception`.
 */
export function ReceptionFields({ lang, lastMileage }: { lang: Language; lastMileage: number | null }) {
  const { t } = useTranslation();
  const required = useRequired();
  const panels = useMemo(() => PANELS.map((value) => ({ value, text: t(`visits.panels.${value}`) })), [t]);

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name={["reception", "mileageKm"]}
            label={t("visits.fields.mileageKm")}
            rules={[required(t("visits.fields.mileageKm"))]}
            extra={
              lastMileage !== null
                ? t("visits.reception.lastMileage", { km: formatNumber(lastMileage, lang) })
                : undefined
            }
          >
            <InputNumber
              data-testid="reception-mileage"
              min={0}
              max={4_000_000_000}
              precision={0}
              controls={false}
              style={{ width: "100%" }}
              suffix={t("form.mileageUnit")}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name={["reception", "mileageReason"]}
            label={t("visits.fields.mileageReason")}
            extra={t("visits.reception.mileageReasonHint")}
          >
            <Input data-testid="reception-mileage-reason" maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={["reception", "fuelEighths"]} label={t("visits.fields.fuelEighths")}>
        <Segmented<number>
          data-testid="reception-fuel"
          options={FUEL_LABELS.map((label, value) => ({
            value,
            label: <span data-testid={`reception-fuel-${value}`}>{label}</span>,
          }))}
        />
      </Form.Item>

      <Form.List name={["reception", "damages"]}>
        {(fields, { add, remove }) => (
          <Form.Item label={t("visits.reception.damages")} extra={t("visits.reception.damagesHint")}>
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" className="damage-row">
                  <Form.Item
                    name={[field.name, "panel"]}
                    rules={[required(t("visits.fields.panel"))]}
                    style={{ width: 200, marginBottom: 0 }}
                  >
                    <PickSelect<Panel>
                      testId={`reception-damage-${field.name}-panel`}
                      options={panels}
                      placeholder={t("visits.fields.panel")}
                      searchable
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "note"]} style={{ flex: 1, marginBottom: 0 }}>
                    <Input
                      data-testid={`reception-damage-${field.name}-note`}
                      placeholder={t("visits.reception.damageNotePlaceholder")}
                      maxLength={200}
                      autoComplete="off"
                    />
                  </Form.Item>
                  <Tooltip title={t("visits.reception.removeDamage")}>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t("visits.reception.removeDamage")}
                      data-testid={`reception-damage-${field.name}-remove`}
                      onClick={() => remove(field.name)}
                    />
                  </Tooltip>
                </Flex>
              ))}
              {fields.length === 0 && (
                <Typography.Text type="secondary">{t("visits.reception.noDamage")}</Typography.Text>
              )}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ note: "" })}
                data-testid="reception-add-damage"
                style={{ alignSelf: "flex-start" }}
              >
                {t("visits.reception.addDamage")}
              </Button>
            </Flex>
          </Form.Item>
        )}
      </Form.List>

      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={["reception", "valuables"]} label={t("visits.fields.valuables")}>
            <Input.TextArea
              data-testid="reception-valuables"
              placeholder={t("visits.reception.valuablesPlaceholder")}
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={500}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={["reception", "accessories"]} label={t("visits.fields.accessories")}>
            <Input.TextArea
              data-testid="reception-accessories"
              placeholder={t("visits.reception.accessoriesPlaceholder")}
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={500}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={["reception", "concerns"]}
        label={t("visits.fields.concerns")}
        extra={t("visits.reception.concernsHint")}
        required
      >
        <Input.TextArea data-testid="reception-concerns" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

type ReceptionForm = { reception: ReceptionValues };

/** Receiving an appointment's vehicle: the walk-around, then `receiveVehicle`. */
export function ReceptionSection({
  visit,
  version,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  /** The appointment's `updatedAt` the walk-around was recorded on: a change made meanwhile refuses it as stale. */
  version: string;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: (action: StepAction, error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReceptionForm>();
  const [saving, setSaving] = useState(false);
  const lastMileage = useLastMileage(visit.vehicleId);
  const issues = useFieldIssues(form, placeReception, "receive", { lang });

  const submit = async () => {
    const values = form.getFieldsValue(true) as ReceptionForm;
    setSaving(true);
    try {
      const next = await api.receiveVehicle(visit.id, toReception(values.reception), version);
      issues.clear();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("receive", error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel visit-section" data-testid="reception-section">
      <SectionTitle>{t("visits.reception.title")}</SectionTitle>
      <Typography.Paragraph type="secondary" className="visit-section-intro">
        {t("visits.reception.intro")}
      </Typography.Paragraph>
      <Form<ReceptionForm>
        form={form}
        layout="vertical"
        initialValues={{ reception: emptyReception(visit.concerns) }}
        onFinish={submit}
        scrollToFirstError
        data-testid="reception-form"
      >
        <ReceptionFields lang={lang} lastMileage={lastMileage} />
        <Flex justify="end">
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="reception-submit">
            {t("visits.reception.submit")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

type WalkInValues = ReceptionForm & {
  advisorId?: number;
  requestedWork?: string;
  expectedMinutes?: number | null;
  replacementCar?: boolean;
};

const ADVISOR_ROLES = new Set(["service_advisor", "service_manager"]);

/**
 * A vehicle that arrives without an appointment (非预约进店): who receives it,
 * what the customer asks for, then the same walk-around; `receiveWalkIn`
 * opens the visit at "received".
 */
export function WalkInReception({
  customerId,
  vehicleId,
  lang,
  onDone,
}: {
  customerId: number;
  vehicleId: VehicleId;
  lang: Language;
  onDone: (visit: Visit) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [form] = Form.useForm<WalkInValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const lastMileage = useLastMileage(vehicleId);
  const issues = useFieldIssues(form, placeReception, "walkIn", { lang });
  const required = useRequired();
  const alertRef = useRef<HTMLDivElement>(null);

  // Who and what arrived, and who may receive it: without them (not read
  // yet, or the read failed) the form still works.
  const detail = useQuery(customerQueryOf(customerId)).data ?? null;
  const staff = useQuery(serviceStaffQuery).data ?? [];

  const me = session.info.staff;
  const advisors = staff.filter((c) => ADVISOR_ROLES.has(c.role)).map((a) => ({ value: a.id, text: a.name }));
  // The signed-in advisor is offered even before the staff list has arrived.
  if (ADVISOR_ROLES.has(me.role) && !advisors.some((a) => a.value === me.id)) {
    advisors.unshift({ value: me.id, text: me.name });
  }
  const vehicle = detail?.vehicles.find((v) => v.id === vehicleId);

  const submit = async () => {
    const values = form.getFieldsValue(true) as WalkInValues;
    setSaving(true);
    try {
      const walkIn: WalkIn = {
        customerId,
        vehicleId,
        advisorId: values.advisorId ?? 0,
        requestedWork: values.requestedWork ?? "",
        expectedMinutes: Math.max(0, Math.round(values.expectedMinutes ?? 0)),
        replacementCar: values.replacementCar === true,
        reception: toReception(values.reception),
      };
      const visit = await api.receiveWalkIn(walkIn);
      issues.clear();
      setRefusal(null);
      onDone(visit);
    } catch (error) {
      const found = issues.show(error);
      setRefusal({ action: "walkIn", issues: found });
      if (found.every((i) => !i.field || !placeReception(i.field, i))) {
        alertRef.current?.scrollIntoView?.({ block: "center" });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel visit-section" data-testid="walkin-section">
      <SectionTitle>{t("visits.walkIn.title")}</SectionTitle>
      <Flex gap={10} align="center" wrap className="walkin-vehicle">
        <Typography.Text strong>{detail?.customer.name ?? "…"}</Typography.Text>
        <PlateTag plate={vehicle?.plate} />
        <Typography.Text type="secondary">
          {vehicle ? [vehicle.brand, vehicle.model].filter(Boolean).join(" · ") : ""}
        </Typography.Text>
        {vehicle && <Typography.Text className="mono small">{vehicle.vin}</Typography.Text>}
      </Flex>
      <VisitAlerts refusal={refusal} lang={lang} ref={alertRef} />
      <Form<WalkInValues>
        form={form}
        layout="vertical"
        initialValues={{
          advisorId: ADVISOR_ROLES.has(me.role) ? me.id : undefined,
          requestedWork: "",
          expectedMinutes: 60,
          replacementCar: false,
          reception: emptyReception(),
        }}
        onFinish={submit}
        scrollToFirstError
        data-testid="walkin-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="advisorId"
              label={t("visits.fields.advisorId")}
              rules={[required(t("visits.fields.advisorId"))]}
            >
              <PickSelect<number> testId="walkin-advisor" options={advisors} placeholder={t("form.selectPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="expectedMinutes" label={t("visits.fields.expectedMinutes")}>
              <InputNumber
                data-testid="walkin-duration"
                min={0}
                max={100_000}
                precision={0}
                step={15}
                style={{ width: "100%" }}
                suffix={t("visits.walkIn.minutes")}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="replacementCar" valuePropName="checked" label={t("visits.fields.replacementCar")}>
              <Checkbox data-testid="walkin-replacement-car">{t("visits.walkIn.replacementCar")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requestedWork" label={t("visits.fields.requestedWork")} required>
          <Input.TextArea
            data-testid="walkin-requested-work"
            placeholder={t("visits.walkIn.requestedWorkPlaceholder")}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
          />
        </Form.Item>
        <div className="form-section-title">{t("visits.reception.title")}</div>
        <ReceptionFields lang={lang} lastMileage={lastMileage} />
        <Flex justify="end">
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="reception-submit">
            {t("visits.walkIn.submit")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
