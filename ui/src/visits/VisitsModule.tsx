import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Form, Modal, Radio, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomerPicker } from "../archive/CustomerPicker";
import { customerQueryOf } from "../archive/queries";
import { PlateTag } from "../archive/tags";
import type { CustomerId, Language, VehicleId, Visit, VisitId } from "../bindings";
import { useChanged } from "../live";
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
  const changed = useChanged();
  const [view, setView] = useState<View>(() => viewOf(request));
  const [choosingWalkIn, setChoosingWalkIn] = useState(false);
  // Another screen sent the user here (or the navigation was clicked: the
  // board): followed while rendering, as the request changes (each carries a new serial).
  const [followed, setFollowed] = useState(request);
  if (request !== followed) {
    setFollowed(request);
    setView(viewOf(request));
  }

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
            onDone={(visit) => {
              // The board and the customer's lists show the new visit.
              changed("visit");
              setView({ kind: "visit", id: visit.id, initial: visit });
            }}
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
  const [picked, setPicked] = useState<VehicleId | null>(null);
  const detail = useQuery({ ...customerQueryOf(customerId ?? 0), enabled: customerId !== null }).data;
  const vehicles = customerId !== null && detail?.customer.id === customerId ? detail.vehicles : [];
  // The vehicle picked; for a customer with one vehicle, that one.
  const vehicleId =
    picked !== null && vehicles.some((v) => v.id === picked) ? picked : vehicles.length === 1 ? vehicles[0].id : null;

  // The next time it opens, the chooser starts empty.
  const clear = () => {
    setCustomerId(null);
    setPicked(null);
  };
  const chooseCustomer = (id: CustomerId | null) => {
    setCustomerId(id);
    setPicked(null);
  };

  return (
    <Modal
      open={open}
      title={t("visits.walkIn.chooseTitle")}
      onCancel={() => {
        clear();
        onClose();
      }}
      destroyOnHidden
      okText={t("visits.walkIn.chooseOk")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: customerId === null || vehicleId === null, "data-testid": "walkin-choose-ok" }}
      onOk={() => {
        if (customerId === null || vehicleId === null) return;
        clear();
        onChosen(customerId, vehicleId);
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t("visits.page.customer")}>
          <CustomerPicker value={customerId} onChange={chooseCustomer} placeholder={t("visits.walkIn.customerPlaceholder")} />
        </Form.Item>
        {customerId !== null && (
          <Form.Item label={t("visits.page.vehicle")}>
            {vehicles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customer.noVehicles")} />
            ) : (
              <Radio.Group value={vehicleId} onChange={(e) => setPicked(e.target.value as VehicleId)}>
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
