import { CarOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { PreparationItem, VisitState } from "../bindings";

/** The colour of each state, shared by the cards, the drawer and the lists. */
export const STATE_COLOUR: Record<VisitState, string> = {
  booked: "blue",
  prepared: "cyan",
  received: "geekblue",
  in_repair: "orange",
  quality_check: "purple",
  ready: "lime",
  handed_over: "green",
  followed_up: "default",
  no_show: "red",
  cancelled: "default",
};

export function StateTag({ state, testId }: { state: VisitState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOUR[state]} className={`state-tag state-${state}`} data-testid={testId} data-state={state}>
      {t(`appointments.states.${state}`)}
    </Tag>
  );
}

/** The promised replacement car, as an icon with its meaning. */
export function ReplacementCarIcon() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("appointments.board.replacementCar")}>
      <CarOutlined className="replacement-car" aria-label={t("appointments.board.replacementCar")} role="img" />
    </Tooltip>
  );
}

/** The compact warning on a card: "待准备：备件、预填工单". */
export function UnpreparedTag({ items }: { items: PreparationItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const names = items.map((item) => t(`appointments.prep.short.${item}`)).join(t("appointments.board.listSeparator"));
  return (
    <Tag color="warning" className="unprepared-tag" data-testid="unprepared">
      {t("appointments.board.unprepared", { items: names })}
    </Tag>
  );
}

/** One red tag per missing item; green "all ready" when nothing is missing. */
export function ReadinessTags({ items }: { items: PreparationItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Tag color="success" data-testid="ready">
        {t("appointments.tomorrow.allReady")}
      </Tag>
    );
  }
  return (
    <>
      {items.map((item) => (
        <Tag key={item} color="error" data-testid={`missing-${item}`}>
          {t(`appointments.prep.missing.${item}`)}
        </Tag>
      ))}
    </>
  );
}
