import { AutoComplete, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import { datePickerFormat } from "../format";
import type { NamePath } from "../errors";
import { BRANDS, modelsFor, suggest } from "./options";

const upper = (value: string | undefined) => (typeof value === "string" ? value.toUpperCase() : value);

/**
 * The fields of one vehicle, shared by the new-customer form (inside its
 * `vehicles` list) and the vehicle modal (at the top level).
 *
 * `name` is the path relative to the enclosing Form.List (or the form), and
 * `path` the full one: it names the `field-…` classes and what useWatch reads.
 */
export function VehicleFields({
  name,
  path,
  index,
  showVinConfirm,
  lang,
}: {
  name: NamePath;
  path: NamePath;
  index: number;
  showVinConfirm: boolean;
  lang: Language;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const brand = Form.useWatch<string | undefined>([...path, "brand"], form);
  const model = Form.useWatch<string | undefined>([...path, "model"], form);
  const confirmed = Form.useWatch<boolean | undefined>([...path, "vinCheckConfirmed"], form);
  const suffix = index > 0 ? `-${index}` : "";
  const fieldClass = (field: string) => `field-${[...path, field].join("-")}`;
  const dateFormat = datePickerFormat(lang);
  const brandOptions = suggest(
    BRANDS.map((b) => b.brand),
    brand,
  );
  const modelOptions = suggest(modelsFor(brand), model);

  const date = (field: "purchaseDate" | "warrantyEnd" | "insuranceExpiry" | "annualInspectionDue") => (
    <Col xs={12} md={6}>
      <Form.Item name={[...name, field]} label={t(`fields.${field}`)} className={fieldClass(field)}>
        <DatePicker
          format={dateFormat}
          placeholder={t("form.datePlaceholder")}
          style={{ width: "100%" }}
          data-testid={`vehicle-${field}${suffix}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item
            name={[...name, "plate"]}
            label={t("fields.plate")}
            className={fieldClass("plate")}
            extra={t("form.plateHint")}
            normalize={upper}
          >
            <Input
              data-testid={`vehicle-plate${suffix}`}
              placeholder={t("form.platePlaceholder")}
              maxLength={10}
              autoComplete="off"
              className="plate-input"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, "vin"]}
            label={t("fields.vin")}
            required
            className={fieldClass("vin")}
            normalize={upper}
          >
            <Input
              data-testid={`vehicle-vin${suffix}`}
              placeholder={t("form.vinPlaceholder")}
              className="mono"
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              showCount={{ formatter: ({ count }) => `${count}/17` }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[...name, "modelYear"]} label={t("fields.modelYear")} className={fieldClass("modelYear")}>
            <InputNumber
              data-testid={`vehicle-model-year${suffix}`}
              style={{ width: "100%" }}
              controls={false}
              precision={0}
              placeholder="2024"
            />
          </Form.Item>
        </Col>
      </Row>
      {(showVinConfirm || confirmed) && (
        <Form.Item
          name={[...name, "vinCheckConfirmed"]}
          valuePropName="checked"
          className={`${fieldClass("vinCheckConfirmed")} vin-confirm`}
        >
          <Checkbox data-testid={`vehicle-vin-confirm${suffix}`}>{t("form.vinConfirm")}</Checkbox>
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name={[...name, "brand"]} label={t("fields.brand")} required className={fieldClass("brand")}>
            <AutoComplete options={brandOptions} popupMatchSelectWidth={260}>
              <Input data-testid={`vehicle-brand${suffix}`} placeholder={t("form.brandPlaceholder")} autoComplete="off" />
            </AutoComplete>
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[...name, "model"]} label={t("fields.model")} required className={fieldClass("model")}>
            <AutoComplete options={modelOptions} popupMatchSelectWidth={220}>
              <Input data-testid={`vehicle-model${suffix}`} placeholder={t("form.modelPlaceholder")} autoComplete="off" />
            </AutoComplete>
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[...name, "colour"]} label={t("fields.colour")} className={fieldClass("colour")}>
            <Input data-testid={`vehicle-colour${suffix}`} maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[...name, "mileageKm"]} label={t("fields.mileageKm")} className={fieldClass("mileageKm")}>
            <InputNumber
              data-testid={`vehicle-mileage${suffix}`}
              style={{ width: "100%" }}
              controls={false}
              precision={0}
              suffix={t("form.mileageUnit")}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        {date("purchaseDate")}
        {date("warrantyEnd")}
        {date("insuranceExpiry")}
        {date("annualInspectionDue")}
      </Row>
    </>
  );
}
