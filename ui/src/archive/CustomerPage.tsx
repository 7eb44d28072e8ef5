import {
  ArrowLeftOutlined,
  CarOutlined,
  EditOutlined,
  FieldTimeOutlined,
  HistoryOutlined,
  InboxOutlined,
  MessageOutlined,
  PlusOutlined,
  RollbackOutlined,
  SwapOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { DescriptionsProps } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import { useNavigate } from "../shell/navigation";
import type { AuditEntry, Customer, CustomerId, Language, Vehicle } from "../bindings";
import { errorText } from "../errors";
import { formatDate, formatDateTime, formatMobile, formatNumber } from "../format";
import { AuditHistory } from "../history/AuditHistory";
import { useChanged, wrote } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { ChangeOwnerModal } from "./ChangeOwnerModal";
import { vehicleLabel } from "./formValues";
import { OwnersModal } from "./OwnersModal";
import { customerHistoryQueryOf, customerQueryOf } from "./queries";
import { DueTag, GradeTag, LeadGradeTag, PlateTag } from "./tags";
import { VehicleFormModal, type VehicleFormMode } from "./VehicleFormModal";
import { VehicleHistoryModal } from "./VehicleHistoryModal";
import { CustomerVisits, VehicleService } from "../visits/CustomerVisits";

/**
 * A customer's file: contact details, vehicles (with their next service,
 * declined work, booking and walk-in reception), the service visits, former
 * vehicles and the change history. What the member's role may not do is not
 * offered.
 */
export function CustomerPage({
  customerId,
  lang,
  onBack,
  onEdit,
  onOpenCustomer,
}: {
  customerId: CustomerId;
  lang: Language;
  onBack: () => void;
  onEdit: (customer: Customer) => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const changed = useChanged();
  const can = useCan();
  const canEdit = can("edit_archive");
  const canArchive = can("archive_customer");
  const navigate = useNavigate();
  const [archiving, setArchiving] = useState(false);
  const [vehicleForm, setVehicleForm] = useState<VehicleFormMode | null>(null);
  const [ownersOf, setOwnersOf] = useState<Vehicle | null>(null);
  const [changingOwner, setChangingOwner] = useState<Vehicle | null>(null);
  const [historyOf, setHistoryOf] = useState<Vehicle | null>(null);
  const [tab, setTab] = useState("overview");
  // Read again when the customer or one of their vehicles changes on any desk;
  // another customer's page starts from a skeleton, not from the previous one.
  const query = useQuery(customerQueryOf(customerId));
  const shown = query.data ?? null;
  const detailKey = customerQueryOf(customerId).queryKey;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="customer-back" type="text">
      {t("common.back")}
    </Button>
  );

  if (query.error && !shown) {
    return (
      <div data-testid="customer-page" className="customer-page">
        {back}
        <ReadFailure query={query} variant="page" />
      </div>
    );
  }

  if (!shown) {
    return (
      <div data-testid="customer-page" className="customer-page" aria-busy="true">
        {back}
        <div className="panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      </div>
    );
  }

  const { customer, vehicles, formerVehicles } = shown;
  const archived = customer.archivedAt !== null;

  const setArchived = async (value: boolean) => {
    setArchiving(true);
    try {
      const d = await api.setCustomerArchived(customer.id, value);
      wrote(client, detailKey, d, "customer");
      message.success(value ? t("customer.archivedDone") : t("customer.restoredDone"));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setArchiving(false);
    }
  };

  const notSet = <Typography.Text type="secondary">{t("common.notSet")}</Typography.Text>;
  const orNotSet = (value: ReactNode) => (value === "" || value === null || value === undefined ? notSet : value);

  const contactItems: DescriptionsProps["items"] = [
    {
      key: "mobile",
      label: t("fields.mobile"),
      children: (
        <Typography.Text copyable={{ text: customer.mobile }} className="tabular">
          {formatMobile(customer.mobile)}
        </Typography.Text>
      ),
    },
    {
      key: "otherPhones",
      label: t("fields.otherPhones"),
      children:
        customer.otherPhones.length === 0 ? (
          notSet
        ) : (
          <Flex vertical>
            {customer.otherPhones.map((p) => (
              <span key={p} className="tabular">
                {formatMobile(p)}
              </span>
            ))}
          </Flex>
        ),
    },
    {
      key: "contactTime",
      label: t("fields.contactTime"),
      children: orNotSet(customer.contactTime && t(`options.contactTime.${customer.contactTime}`)),
    },
    { key: "address", label: t("fields.address"), span: 2, children: orNotSet(customer.address) },
    { key: "birthday", label: t("fields.birthday"), children: orNotSet(formatDate(customer.birthday, lang)) },
    {
      key: "source",
      label: t("fields.source"),
      children: orNotSet(customer.source && t(`options.source.${customer.source}`)),
    },
    {
      key: "marketingConsent",
      label: t("fields.marketingConsent"),
      children: (() => {
        const state = customer.marketingConsent ? t("form.consentOn") : t("form.consentOff");
        const text = customer.marketingConsentChanged
          ? t("customer.consentSince", { state, date: formatDate(customer.marketingConsentChanged, lang) })
          : state;
        return customer.marketingConsent ? (
          <Typography.Text>{text}</Typography.Text>
        ) : (
          <Typography.Text type="warning">{text}</Typography.Text>
        );
      })(),
    },
    {
      key: "leadGrade",
      label: t("fields.leadGrade"),
      children: customer.leadGrade ? t(`options.leadGradeHelp.${customer.leadGrade}`) : t("options.leadGrade.none"),
    },
    {
      key: "notes",
      label: t("fields.notes"),
      span: "filled",
      children: customer.notes ? <span className="pre-wrap">{customer.notes}</span> : notSet,
    },
    {
      key: "createdAt",
      label: t("fields.createdAt"),
      children: <span className="tabular">{formatDateTime(customer.createdAt, lang)}</span>,
    },
    {
      key: "updatedAt",
      label: t("fields.updatedAt"),
      children: <span className="tabular">{formatDateTime(customer.updatedAt, lang)}</span>,
    },
  ];

  const overview = (
    <Flex vertical gap={16}>
      <section className="panel">
        <Typography.Title level={5} className="section-title">
          {t("customer.sections.contact")}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={contactItems} />
      </section>

      <section className="panel">
        <Flex justify="space-between" align="center" className="section-head">
          <Typography.Title level={5} className="section-title">
            <CarOutlined /> {t("customer.sections.vehicles")}
            <Tag className="count-tag">{vehicles.length}</Tag>
          </Typography.Title>
          {canEdit && (
            <Button
              icon={<PlusOutlined />}
              disabled={archived}
              onClick={() => setVehicleForm({ kind: "add", customerId: customer.id, customerName: customer.name })}
              data-testid="customer-add-vehicle"
            >
              {t("customer.addVehicle")}
            </Button>
          )}
        </Flex>
        {vehicles.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customer.noVehicles")} />
        ) : (
          <Row gutter={[16, 16]}>
            {vehicles.map((vehicle) => (
              <Col key={vehicle.id} xs={24} xl={12}>
                <VehicleCard
                  vehicle={vehicle}
                  lang={lang}
                  canEdit={canEdit}
                  readOnly={archived}
                  onEdit={() => setVehicleForm({ kind: "edit", vehicle })}
                  onOwners={() => setOwnersOf(vehicle)}
                  onChangeOwner={() => setChangingOwner(vehicle)}
                  onHistory={() => setHistoryOf(vehicle)}
                />
              </Col>
            ))}
          </Row>
        )}
      </section>

      <CustomerVisits customerId={customer.id} lang={lang} />

      <section className="panel">
        <Typography.Title level={5} className="section-title">
          <RollbackOutlined /> {t("customer.sections.formerVehicles")}
        </Typography.Title>
        {formerVehicles.length === 0 ? (
          <Typography.Text type="secondary">{t("customer.noFormerVehicles")}</Typography.Text>
        ) : (
          <ul className="plain-list">
            {formerVehicles.map((o) => (
              <li key={`${o.vehicleId}-${o.from}`} data-testid="former-vehicle">
                <Typography.Text>{o.vehicleLabel}</Typography.Text>
                <Typography.Text type="secondary" className="tabular">
                  {t("customer.ownedFromUntil", {
                    from: formatDate(o.from, lang),
                    until: o.until ? formatDate(o.until, lang) : t("vehicle.current"),
                  })}
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Flex>
  );

  const history = (
    <CustomerVisits
      customerId={customer.id}
      lang={lang}
      variant="history"
      empty={
        <div className="panel">
          <Result
            icon={<HistoryOutlined className="muted-icon" />}
            title={t("customer.historyEmpty")}
            subTitle={t("customer.historyEmptyText")}
          />
        </div>
      }
    />
  );

  const labels = new Map<number, string>([
    ...formerVehicles.map((o): [number, string] => [o.vehicleId, o.vehicleLabel]),
    ...vehicles.map((v): [number, string] => [v.id, vehicleLabel(v)]),
  ]);
  const labelOf = (entry: AuditEntry) => {
    const known = entry.entityId === null ? undefined : labels.get(entry.entityId);
    if (known) return known;
    // A vehicle no longer on either list: its entry may still name it.
    const plate = entry.changes.find((c) => c.field === "plate" && typeof c.after === "string" && c.after);
    return typeof plate?.after === "string" ? plate.after : t("history.vehicleN", { id: entry.entityId ?? "?" });
  };
  const changes = (
    <div className="panel" data-testid="customer-history">
      <AuditHistory query={customerHistoryQueryOf(customer.id)} lang={lang} vehicleLabel={labelOf} />
    </div>
  );

  return (
    <div data-testid="customer-page" className="customer-page">
      {back}
      <div className="customer-head panel">
        <Flex justify="space-between" align="start" gap={16} wrap>
          <div>
            <Space size={10} align="center" wrap>
              <Typography.Title level={3} data-testid="customer-page-name" className="customer-title">
                {customer.name}
              </Typography.Title>
              <GradeTag grade={customer.grade} />
              <LeadGradeTag grade={customer.leadGrade} />
              {archived && <Tag>{t("archive.archived")}</Tag>}
            </Space>
            <div className="customer-sub">
              <Typography.Text className="tabular customer-mobile">{formatMobile(customer.mobile)}</Typography.Text>
              <Typography.Text type="secondary">
                {" · "}
                {t("customer.customerSince", { date: formatDate(customer.createdAt, lang) })}
              </Typography.Text>
            </div>
          </div>
          <Space wrap>
            {can("register_complaint") && (
              <Button
                icon={<MessageOutlined />}
                onClick={() => navigate({ module: "complaints", register: { customerId: customer.id } })}
                data-testid="customer-register-complaint"
              >
                {t("complaints.list.register")}
              </Button>
            )}
            {canEdit && (
              <Tooltip title={archived ? t("customer.archivedBannerText") : undefined}>
                <Button
                  icon={<EditOutlined />}
                  disabled={archived}
                  onClick={() => onEdit(customer)}
                  data-testid="customer-edit"
                >
                  {t("customer.edit")}
                </Button>
              </Tooltip>
            )}
            {canArchive && (
              <Popconfirm
                title={archived ? t("customer.restoreConfirmTitle") : t("customer.archiveConfirmTitle")}
                description={
                  <div className="popconfirm-text">
                    {archived ? t("customer.restoreConfirmText") : t("customer.archiveConfirmText")}
                  </div>
                }
                okText={archived ? t("customer.restore") : t("customer.archive")}
                cancelText={t("common.cancel")}
                okButtonProps={{ "data-testid": "customer-archive-confirm" }}
                onConfirm={() => setArchived(!archived)}
              >
                <Button
                  icon={archived ? <UndoOutlined /> : <InboxOutlined />}
                  loading={archiving}
                  data-testid="customer-archive"
                >
                  {archived ? t("customer.restore") : t("customer.archive")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Flex>
        {archived && (
          <div data-testid="customer-archived-banner" className="archived-banner">
            <Alert
              type="warning"
              showIcon
              title={t("customer.archivedBanner", { date: formatDate(customer.archivedAt, lang) })}
              description={t("customer.archivedBannerText")}
            />
          </div>
        )}
      </div>

      <Tabs
        className="customer-tabs"
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "overview", label: t("customer.tabs.overview"), children: overview },
          { key: "history", label: t("customer.tabs.history"), children: history },
          {
            key: "changes",
            label: <span data-testid="customer-history-tab">{t("customer.tabs.changes")}</span>,
            children: changes,
          },
        ]}
      />

      <VehicleFormModal
        mode={vehicleForm}
        current={vehicleForm?.kind === "edit" ? shown?.vehicles.find((v) => v.id === vehicleForm.vehicle.id) : undefined}
        lang={lang}
        onClose={() => setVehicleForm(null)}
        onSaved={(d) => {
          setVehicleForm(null);
          wrote(client, detailKey, d, "customer", "vehicle");
        }}
        onOpenCustomer={(id) => {
          setVehicleForm(null);
          onOpenCustomer(id);
        }}
      />
      <OwnersModal vehicle={ownersOf} lang={lang} onClose={() => setOwnersOf(null)} onOpenCustomer={onOpenCustomer} />
      <VehicleHistoryModal vehicle={historyOf} lang={lang} onClose={() => setHistoryOf(null)} />
      <ChangeOwnerModal
        vehicle={changingOwner}
        lang={lang}
        onClose={() => setChangingOwner(null)}
        onChanged={() => {
          setChangingOwner(null);
          // The vehicle leaves this customer's file for the new owner's.
          changed("vehicle");
        }}
        onOpenCustomer={(id) => {
          setChangingOwner(null);
          onOpenCustomer(id);
        }}
      />
    </div>
  );
}

function VehicleCard({
  vehicle,
  lang,
  canEdit,
  readOnly,
  onEdit,
  onOwners,
  onChangeOwner,
  onHistory,
}: {
  vehicle: Vehicle;
  lang: Language;
  /** The role may edit vehicles (else edit and change of owner are not offered). */
  canEdit: boolean;
  /** The customer is archived: edits are offered, but disabled. */
  readOnly: boolean;
  onEdit: () => void;
  onOwners: () => void;
  onChangeOwner: () => void;
  onHistory: () => void;
}) {
  const { t } = useTranslation();
  const notSet = <Typography.Text type="secondary">{t("common.notSet")}</Typography.Text>;
  const dated = (value: string | null, tag: ReactNode) =>
    value ? (
      <Space size={6}>
        <span className="tabular">{formatDate(value, lang)}</span>
        {tag}
      </Space>
    ) : (
      notSet
    );

  const items: DescriptionsProps["items"] = [
    {
      key: "vin",
      label: t("fields.vin"),
      span: "filled",
      children: (
        <Space size={6}>
          <Typography.Text copyable className="mono">
            {vehicle.vin}
          </Typography.Text>
          {vehicle.vinCheckConfirmed && <Tag color="blue">{t("vehicle.vinConfirmed")}</Tag>}
        </Space>
      ),
    },
    { key: "colour", label: t("fields.colour"), children: vehicle.colour || notSet },
    {
      key: "mileageKm",
      label: t("fields.mileageKm"),
      children:
        vehicle.mileageKm === null ? notSet : t("common.km", { value: formatNumber(vehicle.mileageKm, lang) }),
    },
    { key: "purchaseDate", label: t("fields.purchaseDate"), children: dated(vehicle.purchaseDate, null) },
    {
      key: "warrantyEnd",
      label: t("fields.warrantyEnd"),
      children: dated(
        vehicle.warrantyEnd,
        <DueTag date={vehicle.warrantyEnd} warnDays={0} pastText={t("vehicle.warrantyExpired")} />,
      ),
    },
    {
      key: "insuranceExpiry",
      label: t("fields.insuranceExpiry"),
      children: dated(vehicle.insuranceExpiry, <DueTag date={vehicle.insuranceExpiry} />),
    },
    {
      key: "annualInspectionDue",
      label: t("fields.annualInspectionDue"),
      children: dated(vehicle.annualInspectionDue, <DueTag date={vehicle.annualInspectionDue} />),
    },
  ];

  const title = (
    <Space size={10} align="center">
      <PlateTag plate={vehicle.plate} />
      <span className="vehicle-title">
        {[vehicle.brand, vehicle.model].filter(Boolean).join(" · ")}
        {vehicle.modelYear !== null && <span className="vehicle-year"> {vehicle.modelYear}</span>}
      </span>
    </Space>
  );

  return (
    <div data-testid="vehicle-card" data-vehicle-vin={vehicle.vin}>
    <Card
      size="small"
      title={title}
      className="vehicle-card"
      actions={[
        canEdit && (
          <Button
            key="edit"
            type="link"
            size="small"
            icon={<EditOutlined />}
            disabled={readOnly}
            onClick={onEdit}
            data-testid="vehicle-edit"
          >
            {t("common.edit")}
          </Button>
        ),
        <Button key="owners" type="link" size="small" icon={<HistoryOutlined />} onClick={onOwners} data-testid="vehicle-owners">
          {t("vehicle.owners")}
        </Button>,
        canEdit && (
          <Button
            key="change"
            type="link"
            size="small"
            icon={<SwapOutlined />}
            disabled={readOnly}
            onClick={onChangeOwner}
            data-testid="vehicle-change-owner"
          >
            {t("vehicle.changeOwner")}
          </Button>
        ),
        <Button
          key="history"
          type="link"
          size="small"
          icon={<FieldTimeOutlined />}
          onClick={onHistory}
          data-testid="vehicle-history"
        >
          {t("vehicle.history")}
        </Button>,
      ].filter(Boolean)}
    >
      <Descriptions size="small" column={2} items={items} />
      <VehicleService vehicle={vehicle} lang={lang} readOnly={readOnly} />
    </Card>
    </div>
  );
}
