// Small pieces the campaign screens share: the status and answer tags, a
// multiple choice the end-to-end tests can drive, a figure with its raw value.

import { Select, Tag } from "antd";
import type { SelectProps } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Arrival, CampaignStatus, CareCall, Rsvp } from "../bindings";
import { DUE_COLOUR, STATUS_COLOUR as CALL_STATUS_COLOUR } from "../followup/model";
import type { PickOption } from "../visits/ui";
import { RSVP_COLOUR, STATUS_COLOUR } from "./model";

export function CampaignStatusTag({ status, testId }: { status: CampaignStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid={testId} data-status={status} className="campaign-status-tag">
      {t(`campaigns.status.${status}`)}
    </Tag>
  );
}

export function RsvpTag({ rsvp, testId }: { rsvp: Rsvp; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={RSVP_COLOUR[rsvp]} data-testid={testId} data-rsvp={rsvp}>
      {t(`campaigns.rsvp.${rsvp}`)}
    </Tag>
  );
}

/** A care call's status; while open, where it stands today (due, overdue in red). */
export function CareStatusTag({ call, testId }: { call: Pick<CareCall, "status" | "due">; testId?: string }) {
  const { t } = useTranslation();
  if (call.status !== "open") {
    return (
      <Tag color={CALL_STATUS_COLOUR[call.status]} data-testid={testId} data-status={call.status}>
        {t(`campaigns.care.statuses.${call.status}`)}
      </Tag>
    );
  }
  return (
    <Tag color={DUE_COLOUR[call.due]} data-testid={testId} data-due={call.due} className={call.due === "overdue" ? "due-overdue" : undefined}>
      {t(`campaigns.care.dues.${call.due}`)}
    </Tag>
  );
}

export function ArrivalTag({ arrival }: { arrival: Arrival }) {
  const { t } = useTranslation();
  return <Tag color={arrival === "walk_in" ? "orange" : undefined}>{t(`campaigns.arrival.${arrival}`)}</Tag>;
}

/**
 * A multiple choice whose options carry `data-testid="option-<value>"` and
 * exist only while the list is open (like `PickSelect`); the list closes after
 * each pick, so a test (or WebDriver) picks one value as it would in a single choice.
 */
export function PickMany<V extends string>({
  options,
  testId,
  value,
  onChange,
  ...rest
}: Omit<SelectProps<V[]>, "options" | "mode" | "popupRender" | "onChange" | "value"> & {
  options: PickOption<V>[];
  testId: string;
  value?: V[];
  onChange?: (value: V[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const textOf = new Map<string, string>(options.map((o) => [o.value, o.text]));
  return (
    <Select<V[]>
      {...rest}
      mode="multiple"
      data-testid={testId}
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      open={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      virtual={false}
      showSearch={{ optionFilterProp: "text" }}
      options={options.map((o) => ({
        value: o.value,
        text: o.text,
        label: (
          <span data-testid={`option-${o.value}`} className="pick-option">
            {o.text}
            {o.extra}
          </span>
        ),
      }))}
      labelRender={({ value: v, label }) => textOf.get(String(v)) ?? label}
      popupRender={(menu) => (open ? menu : <></>)}
    />
  );
}

/** A figure with its raw value in `data-value` (money in fen) for the tests. */
export function Figure({
  label,
  value,
  shown,
  testId,
  sub,
  big,
}: {
  label: ReactNode;
  /** The raw number; undefined when there is none (shown as "—"). */
  value: number | undefined;
  shown?: ReactNode;
  testId: string;
  sub?: ReactNode;
  big?: boolean;
}) {
  return (
    <div className={big ? "panel campaign-figure campaign-figure-big" : "panel campaign-figure"}>
      <div className="small muted">{label}</div>
      <div className="campaign-figure-value tabular" data-testid={testId} data-value={value ?? ""}>
        {value === undefined ? "—" : (shown ?? value)}
      </div>
      {sub && <div className="small muted">{sub}</div>}
    </div>
  );
}
