import { App, Button, Flex, Form, Modal, Space } from "antd";
import { useState } from "react";
import { ChangedNotice } from "../live/edit";
import { vehicleHistoryQueryOf } from "./queries";
import { useTranslation } from "react-i18next";
import type { CustomerDetail, CustomerId, Language, Vehicle } from "../bindings";
import { api } from "../api";
import { FormErrors, useFormIssues } from "../forms";
import { emptyVehicle, toVehicleInput, vehicleLabel, vehicleValues, type VehicleValues } from "./formValues";
import { VehicleFields } from "./VehicleFields";

export type VehicleFormMode =
  | { kind: "add"; customerId: CustomerId; customerName: string }
  | { kind: "edit"; vehicle: Vehicle };

/** Adds a vehicle to a customer or edits one (same fields as in the new-customer form). */
export function VehicleFormModal({
  mode,
  current,
  lang,
  onClose,
  onSaved,
  onOpenCustomer,
}: {
  mode: VehicleFormMode | null;
  /** The vehicle being edited as the customer's page now shows it: it follows every desk's changes. */
  current?: Vehicle;
  lang: Language;
  onClose: () => void;
  onSaved: (detail: CustomerDetail) => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  const title =
    mode?.kind === "add"
      ? t("vehicle.addTitle", { customer: mode.customerName })
      : mode?.kind === "edit"
        ? t("vehicle.editTitle", { vehicle: vehicleLabel(mode.vehicle) })
        : "";
  return (
    <Modal
      open={mode !== null}
      title={title}
      width={920}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {mode && (
        <VehicleFormBody
          mode={mode}
          current={current}
          lang={lang}
          onClose={onClose}
          onSaved={onSaved}
          onOpenCustomer={onOpenCustomer}
        />
      )}
    </Modal>
  );
}

function VehicleFormBody({
  mode,
  current,
  lang,
  onClose,
  onSaved,
  onOpenCustomer,
}: {
  mode: VehicleFormMode;
  current?: Vehicle;
  lang: Language;
  onClose: () => void;
  onSaved: (detail: CustomerDetail) => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VehicleValues>();
  const issues = useFormIssues(form);
  const [saving, setSaving] = useState(false);
  const [showVinConfirm, setShowVinConfirm] = useState(false);
  // The vehicle the form was filled from: saved against its version, so a save
  // over another desk's change is refused as stale; Reload fills it from the new one.
  const [base, setBase] = useState<Vehicle | null>(mode.kind === "edit" ? mode.vehicle : null);
  const changed = !!base && !!current && current.id === base.id && current.updatedAt !== base.updatedAt;

  const reload = () => {
    if (!current) return;
    setBase(current);
    issues.clear();
    form.setFieldsValue(vehicleValues(current));
  };

  const save = async () => {
    const input = {
      ...toVehicleInput(form.getFieldsValue(true) as VehicleValues),
      ...(base ? { version: base.updatedAt } : {}),
    };
    setSaving(true);
    try {
      const detail =
        mode.kind === "add"
          ? await api.addVehicle(mode.customerId, input)
          : await api.updateVehicle(mode.vehicle.id, input);
      issues.clear();
      message.success(mode.kind === "add" ? t("vehicle.added") : t("vehicle.updated"));
      onSaved(detail);
    } catch (error) {
      const found = issues.show(error);
      if (found.some((issue) => issue.kind === "vin_check_digit")) setShowVinConfirm(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<VehicleValues>
      form={form}
      layout="vertical"
      initialValues={mode.kind === "edit" ? vehicleValues(mode.vehicle) : emptyVehicle()}
      onFinish={save}
      data-testid="vehicle-form"
      className="vehicle-form"
    >
      {changed && current && (
        <div className="modal-hint">
          <ChangedNotice
            at={current.updatedAt}
            history={vehicleHistoryQueryOf(current.id)}
            lang={lang}
            onReload={reload}
          />
        </div>
      )}
      <VehicleFields name={[]} path={[]} index={0} showVinConfirm={showVinConfirm} lang={lang} />
      <FormErrors issues={issues.issues} onOpenCustomer={onOpenCustomer} />
      <Flex justify="end" className="modal-buttons">
        <Space>
          <Button onClick={onClose} data-testid="vehicle-cancel">
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="vehicle-save">
            {t("common.save")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
