import { useQuery } from "@tanstack/react-query";
import { Modal, Spin, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerId, Language, Vehicle } from "../bindings";
import { formatDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { vehicleLabel } from "./formValues";
import { vehicleQueryOf } from "./queries";

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
  return (
    <Modal
      open={vehicle !== null}
      title={vehicle ? t("vehicle.ownersTitle", { vehicle: vehicleLabel(vehicle) }) : ""}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {vehicle && <Owners vehicle={vehicle} lang={lang} onClose={onClose} onOpenCustomer={onOpenCustomer} />}
    </Modal>
  );
}

function Owners({
  vehicle,
  lang,
  onClose,
  onOpenCustomer,
}: {
  vehicle: Vehicle;
  lang: Language;
  onClose: () => void;
  onOpenCustomer: (id: CustomerId) => void;
}) {
  const { t } = useTranslation();
  // Read again when the vehicle changes hands (or an owner's name changes) on any desk.
  const query = useQuery(vehicleQueryOf(vehicle.id));
  const detail = query.data ?? null;

  return (
    <>
      {query.error && <ReadFailure query={query} />}
      {!detail && !query.error && <Spin />}
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
    </>
  );
}
