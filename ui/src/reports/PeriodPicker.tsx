import { DatePicker, Flex, Segmented, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import { deskNow } from "../clock";
import { formatDate, formatNumber, fromIsoDate } from "../format";
import { dateFormats } from "../visits/Order";
import { daysOf, PERIOD_MODES, periodOf, pickerValue, previousPeriod, switchMode, yearAgoPeriod, type Period, type PeriodMode } from "./period";

const PICKER: Record<Exclude<PeriodMode, "custom">, { picker: "month" | "quarter" | "year"; format: Record<Language, string> }> = {
  month: { picker: "month", format: { "zh-CN": "YYYY年M月", en: "MMM YYYY" } },
  quarter: { picker: "quarter", format: { "zh-CN": "YYYY年第Q季度", en: "[Q]Q YYYY" } },
  year: { picker: "year", format: { "zh-CN": "YYYY年", en: "YYYY" } },
};

/** A period that starts after today cannot be counted yet. */
const startsInFuture = (date: Dayjs) => date.isAfter(deskNow(), "day");

/**
 * The report's period: a month, a quarter, a year or a custom range, with the
 * dates it covers and the two periods it is compared with. A refusal of the
 * period (it ends before it starts, it starts in the future) is shown under it.
 */
export function PeriodPicker({
  period,
  onChange,
  lang,
  error,
}: {
  period: Period;
  onChange: (period: Period) => void;
  lang: Language;
  /** The backend's refusal of the period, naming the field. */
  error: string | null;
}) {
  const { t } = useTranslation();
  const previous = previousPeriod(period.from, period.to);
  const yearAgo = yearAgoPeriod(period.from, period.to);
  const range = (p: { from: string; to: string }) =>
    t("reports.range", { from: formatDate(p.from, lang), to: formatDate(p.to, lang) });
  const pickerLabel = { month: t("reports.pickMonth"), quarter: t("reports.pickQuarter"), year: t("reports.pickYear") };

  return (
    <div className="report-period" data-testid="report-period">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t("locale.report.period")}</Typography.Text>
        <Segmented<PeriodMode>
          value={period.mode}
          onChange={(mode) => onChange(switchMode(period, mode))}
          options={PERIOD_MODES.map((mode) => ({
            value: mode,
            label: <span data-testid={`report-mode-${mode}`}>{t(`reports.modes.${mode}`)}</span>,
          }))}
        />
        {period.mode === "custom" ? (
          <DatePicker.RangePicker
            data-testid="report-range"
            value={[fromIsoDate(period.from), fromIsoDate(period.to)]}
            format={dateFormats(lang)}
            allowClear={false}
            disabledDate={startsInFuture}
            status={error ? "error" : undefined}
            onChange={(dates) => {
              const [from, to] = dates ?? [];
              if (from && to) onChange({ mode: "custom", from: from.format("YYYY-MM-DD"), to: to.format("YYYY-MM-DD") });
            }}
          />
        ) : (
          <DatePicker
            key={period.mode}
            data-testid="report-picker"
            picker={PICKER[period.mode].picker}
            aria-label={pickerLabel[period.mode]}
            value={pickerValue(period)}
            format={PICKER[period.mode].format[lang]}
            allowClear={false}
            disabledDate={startsInFuture}
            status={error ? "error" : undefined}
            onChange={(date: Dayjs | null) => date && onChange(periodOf(period.mode, date))}
          />
        )}
      </Flex>
      <div className="report-period-dates">
        <Typography.Text data-testid="report-period-dates">
          {range(period)}
          <Typography.Text type="secondary">
            {" · "}
            {t("reports.days", { days: formatNumber(daysOf(period.from, period.to), lang) })}
          </Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="report-comparisons">
          {t("reports.comparedWith")} {t("locale.report.previous")} {range(previous)} · {t("locale.report.yearAgo")}{" "}
          {range(yearAgo)}
        </Typography.Text>
      </div>
      {error && (
        <Typography.Text type="danger" role="alert" data-testid="report-period-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
