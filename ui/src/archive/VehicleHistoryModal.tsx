import { Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { Language, Vehicle } from "../bindings";
import { AuditHistory } from "../history/AuditHistory";
import { vehicleLabel } from "./formValues";
import { vehicleHistoryQueryOf } from "./queries";

/** Every recorded change of one vehicle, across all its owners. */
export function VehicleHistoryModal({
  vehicle,
  lang,
  onClose,
}: {
  vehicle: Vehicle | null;
  lang: Language;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={vehicle !== null}
      title={vehicle ? t("history.vehicleTitle", { vehicle: vehicleLabel(vehicle) }) : ""}
      onCancel={onClose}
      footer={null}
      width={680}
      destroyOnHidden
    >
      {vehicle && (
        <div data-testid="vehicle-history-modal" className="history-modal">
          <AuditHistory query={vehicleHistoryQueryOf(vehicle.id)} lang={lang} />
        </div>
      )}
    </Modal>
  );
}
