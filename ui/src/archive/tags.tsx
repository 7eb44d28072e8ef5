import { Tag, Tooltip } from "antd";
import { CrownFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CustomerGrade, LeadGrade } from "../bindings";
import { daysUntil } from "../format";

/**
 * A plate drawn like the real one: blue for ordinary plates, green for the
 * eight-character new-energy plates, a dashed tag when not registered yet.
 */
export function PlateTag({ plate }: { plate: string | null | undefined }) {
  const { t } = useTranslation();
  if (!plate) {
    return (
      <Tag variant="outlined" className="plate plate-none">
        {t("vehicle.unregistered")}
      </Tag>
    );
  }
  const newEnergy = [...plate].length === 8;
  return <span className={newEnergy ? "plate plate-green" : "plate plate-blue"}>{plate}</span>;
}

export function GradeTag({ grade }: { grade: CustomerGrade }) {
  const { t } = useTranslation();
  if (grade !== "vip") return null;
  return (
    <Tag color="gold" icon={<CrownFilled />}>
      {t("options.grade.vip")}
    </Tag>
  );
}

const LEAD_COLOUR: Record<LeadGrade, string> = { A: "red", B: "volcano", C: "blue", D: "default" };

/** A sales lead's grade, with its meaning on hover. */
export function LeadGradeTag({ grade }: { grade: LeadGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return null;
  return (
    <Tooltip title={t(`options.leadGradeHelp.${grade}`)}>
      <Tag color={LEAD_COLOUR[grade]} className="lead-tag">
        {t(`options.leadGrade.${grade}`)}
      </Tag>
    </Tooltip>
  );
}

/**
 * A date that is due: red when past, orange within `warnDays`, nothing
 * otherwise. `pastText` overrides the red tag's text (warranty: "expired").
 */
export function DueTag({ date, warnDays = 30, pastText }: { date: string | null; warnDays?: number; pastText?: string }) {
  const { t } = useTranslation();
  if (!date) return null;
  const days = daysUntil(date);
  if (days < 0) return <Tag color="red">{pastText ?? t("vehicle.overdue")}</Tag>;
  if (warnDays > 0 && days <= warnDays) {
    return <Tag color="orange">{days === 0 ? t("vehicle.dueToday") : t("vehicle.dueInDays", { n: days })}</Tag>;
  }
  return null;
}
