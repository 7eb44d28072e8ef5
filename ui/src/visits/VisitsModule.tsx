import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Empty, Form, Modal, Radio, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { CustomerPicker } from "../archive/CustomerPicker";
import { PlateTag } from "../archive/tags";
import type { CustomerDetail, CustomerId, Language, VehicleId, Visit, VisitId } from "../bindings";
import type { Request } from "../shell/navigation";
import { WalkInReception } from "./Reception";
import { VisitPage } from "./VisitPage";
import { WorkshopBoard } from "./WorkshopBoard";
import "./visits.css";

type View =
  | { kind: "board" }
  | { kind: "visit"; id: VisitId; initial?: Visit }
  | { kind: "walkIn"; customerId: CustomerId; vehicleId: VehicleId };

function viewOf(request: Request | null): View {
  if (request?.module === "visits") {
    if (request.visitId !== undefined) return { kind: "visit", id: request.visitId };
    if (request.walkIn) return { kind: "walkIn", ...request.walkIn };
  }
  return { kind: "board" };
}

/**
 * Service reception and the workshop (维修接待 / 车间): the workshop board, a
 * visit's page through the service core process, and the walk-in reception.
 * Other screens send the user here with a `Request` (a visit, a walk-in).
 */
export function VisitsModule({ lang, request }: { lang: Language; request: Request | null }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(() => viewOf(request));
  const [choosingWalkIn, setChoosingWalkIn] = useState(false);

  // Another screen sent the user here (or the navigation was clicked: the board).
  useEffect(() => {
    setView(viewOf(request));
  }, [request]);

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => setView({ kind: "board" })}
      data-testid="visits-back"
      type="text"
      className="visits-back"
    >
      {t("visits.page.back")}
    </Button>
  );

  return (
    <div className="visits-module" data-lang={lang}>
      {view.kind === "board" && (
        <WorkshopBoard
          lang={lang}
          onOpenVisit={(id) => setView({ kind: "visit", id })}
          onWalkIn={() => setChoosingWalkIn(true)}
        />
      )}
      {view.kind === "visit" && (
        <>
          {back}
          <VisitPage key={view.id} visitId={view.id} initial={view.initial} lang={lang} />
        </>
      )}
      {view.kind === "walkIn" && (
        <>
          {back}
          <WalkInReception
            key={`${view.customerId}-${view.vehicleId}`}
            customerId={view.customerId}
            vehicleId={view.vehicleId}
            lang={lang}
            onDone={(visit) => setView({ kind: "visit", id: visit.id, initial: visit })}
          />
        </>
      )}
      <WalkInChooser
        open={choosingWalkIn}
        onClose={() => setChoosingWalkIn(false)}
        onChosen={(customerId, vehicleId) => {
          setChoosingWalkIn(false);
          setView({ kind: "walkIn", customerId, vehicleId });
        }}
      />
    </div>
  );
}

/** Who arrived without an appointment: a customer from the archive and one of their vehicles. */
function WalkInChooser({
  open,
  onClose,
  onChosen,
}: {
  open: boolean;
  onClose: () => void;
  onChosen: (customerId: CustomerId, vehicleId: VehicleId) => void;
}) {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<CustomerId | null>(null);
  const [detail, setDetail] = useState<CustomerDetail | null>(null);
  const [vehicleId, setVehicleId] = useState<VehicleId | null>(null);

  useEffect(() => {
    if (!open) {
      setCustomerId(null);
      setDetail(null);
      setVehicleId(null);
    }
  }, [open]);

  useEffect(() => {
    if (customerId === null) return;
    let current = true;
    api
      .getCustomer(customerId)
      .then((d) => {
        if (!current) return;
        setDetail(d);
        setVehicleId(d.vehicles.length === 1 ? d.vehicles[0].id : null);
      })
      .catch(() => current && setDetail(null));
    return () => {
      current = false;
    };
  }, [customerId]);

  const vehicles = detail?.customer.id === customerId ? detail.vehicles : [];

  return (
    <Modal
      open={open}
      title={t("visits.walkIn.chooseTitle")}
      onCancel={onClose}
      destroyOnHidden
      okText={t("visits.walkIn.chooseOk")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: customerId === null || vehicleId === null, "data-testid": "walkin-choose-ok" }}
      onOk={() => customerId !== null && vehicleId !== null && onChosen(customerId, vehicleId)}
    >
      <Form layout="vertical">
        <Form.Item label={t("visits.page.customer")}>
          <CustomerPicker value={customerId} onChange={setCustomerId} placeholder={t("visits.walkIn.customerPlaceholder")} />
        </Form.Item>
        {customerId !== null && (
          <Form.Item label={t("visits.page.vehicle")}>
            {vehicles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customer.noVehicles")} />
            ) : (
              <Radio.Group value={vehicleId} onChange={(e) => setVehicleId(e.target.value as VehicleId)}>
                {vehicles.map((v) => (
                  <Radio key={v.id} value={v.id} className="walkin-vehicle-option">
                    <PlateTag plate={v.plate} />{" "}
                    <Typography.Text>{[v.brand, v.model].filter(Boolean).join(" · ")}</Typography.Text>
                  </Radio>
                ))}
              </Radio.Group>
            )}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
