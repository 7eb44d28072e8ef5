import { Alert, Modal, Spin, Timeline, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, Language, Vehicle, VehicleDetail } from "../bindings";
import { api } from "../api";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { vehicleLabel } from "./formValues";

/** The vehicle's owners, newest first, each with the period they had it. */
export function OwnersModal({
  vehicle,
  lang,
  onClose,
  onOpenCustomer,
}: {
  vehicle: Vehicle | null;
  lang: Language;
  onClose: () => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<VehicleDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setFailure(null);
    if (!vehicle) return;
    let current = true;
    api
      .getVehicle(vehicle.id)
      .then((d) => current && setDetail(d))
      .catch((e: unknown) => current && setFailure(errorText(e, t)));
    return () => {
      current = false;
    };
    // Read once per vehicle shown.
  }, [vehicle]);

  return (
    <Modal
      open={vehicle !== null}
      title={vehicle ? t("vehicle.ownersTitle", { vehicle: vehicleLabel(vehicle) }) : ""}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} />}
      {!detail && !failure && <Spin />}
      {detail && (
        <Timeline
          className="owners-timeline"
          items={detail.owners.map((owner, i) => ({
            key: `${owner.customerId}-${owner.from}`,
            color: owner.until === null ? "green" : "gray",
            title: (
              <span className="tabular">
                {t("customer.ownedFromUntil", {
                  from: formatDate(owner.from, lang),
                  until: owner.until ? formatDate(owner.until, lang) : t("vehicle.current"),
                })}
              </span>
            ),
            content: (
              <div data-testid="owner-entry">
                <Typography.Link
                  onClick={() => {
                    onClose();
                    onOpenCustomer(owner.customerId);
                  }}
                >
                  {owner.customerName}
                </Typography.Link>
                {i === 0 && owner.until === null && (
                  <Typography.Text type="secondary"> · {t("vehicle.currentOwner")}</Typography.Text>
                )}
                {owner.vehicleLabel && (
                  <div>
                    <Typography.Text type="secondary" className="small">
                      {owner.vehicleLabel}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
