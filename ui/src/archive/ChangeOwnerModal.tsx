import { Alert, App, Button, DatePicker, Flex, Form, Modal, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, Language, Vehicle, VehicleDetail } from "../bindings";
import { api } from "../api";
import { datePickerFormat, toIsoDate } from "../format";
import { FormErrors, useFormIssues } from "../forms";
import { CustomerPicker } from "./CustomerPicker";
import { vehicleLabel } from "./formValues";
import { deskNow } from "../clock";

type OwnerValues = { newOwner?: CustomerId | null; date?: Dayjs | null };

/** Passes a vehicle to another customer of the archive on a given day. */
export function ChangeOwnerModal({
  vehicle,
  lang,
  onClose,
  onChanged,
  onOpenCustomer,
}: {
  vehicle: Vehicle | null;
  lang: Language;
  onClose: () => void;
  onChanged: (detail: VehicleDetail) => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={vehicle !== null}
      title={vehicle ? t("vehicle.changeOwnerTitle", { vehicle: vehicleLabel(vehicle) }) : ""}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {vehicle && (
        <ChangeOwnerBody
          vehicle={vehicle}
          lang={lang}
          onClose={onClose}
          onChanged={onChanged}
          onOpenCustomer={onOpenCustomer}
        />
      )}
    </Modal>
  );
}

function ChangeOwnerBody({
  vehicle,
  lang,
  onClose,
  onChanged,
  onOpenCustomer,
}: {
  vehicle: Vehicle;
  lang: Language;
  onClose: () => void;
  onChanged: (detail: VehicleDetail) => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OwnerValues>();
  const issues = useFormIssues(form);
  const [saving, setSaving] = useState(false);
  const newOwner = Form.useWatch("newOwner", form);

  const save = async () => {
    const values = form.getFieldsValue(true) as OwnerValues;
    setSaving(true);
    try {
      const detail = await api.changeOwner({
        vehicleId: vehicle.id,
        newOwner: values.newOwner ?? 0, // the button stays disabled until one is picked
        date: toIsoDate(values.date) ?? "",
      });
      issues.clear();
      const owner = detail.owners.find((o) => o.until === null) ?? detail.owners[0];
      message.success(t("vehicle.ownerChanged", { name: owner?.customerName ?? "" }));
      onChanged(detail);
    } catch (error) {
      issues.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<OwnerValues>
      form={form}
      layout="vertical"
      initialValues={{ newOwner: null, date: deskNow() }}
      onFinish={save}
      data-testid="change-owner-form"
    >
      <Alert type="info" showIcon title={t("vehicle.changeOwnerHint")} className="modal-hint" />
      <Form.Item name="newOwner" label={t("fields.newOwner")} required className="field-newOwner">
        <CustomerPicker exclude={vehicle.customerId} placeholder={t("vehicle.newOwnerPlaceholder")} />
      </Form.Item>
      <Form.Item name="date" label={t("vehicle.changeOwnerDate")} required className="field-date">
        <DatePicker format={datePickerFormat(lang)} style={{ width: 200 }} />
      </Form.Item>
      <FormErrors issues={issues.issues} onOpenCustomer={onOpenCustomer} />
      <Flex justify="end" className="modal-buttons">
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={saving}
            disabled={!newOwner}
            data-testid="change-owner-save"
          >
            {t("vehicle.changeOwnerOk")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
