// Small pieces the visit screens share: a select the end-to-end tests can
// drive, the state tag, labelled facts.

import { Select, Tag, Typography } from "antd";
import type { SelectProps } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { VisitState } from "../bindings";
import { STATE_COLOUR } from "./options";

export type PickOption<V extends string | number> = { value: V; text: string; extra?: ReactNode };

/**
 * A Select whose options carry `data-testid="option-<value>"` and exist only
 * while the list is open, so a test (or WebDriver) clicks the select, then the
 * one visible option of that value. The chosen value shows as plain text.
 */
export function PickSelect<V extends string | number>({
  options,
  testId,
  searchable,
  ...rest
}: Omit<SelectProps<V>, "options" | "labelRender" | "popupRender" | "showSearch"> & {
  options: PickOption<V>[];
  testId: string;
  /** Typing filters the options by their text. */
  searchable?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const textOf = new Map(options.map((o) => [o.value, o.text]));
  return (
    <Select<V>
      {...rest}
      data-testid={testId}
      open={open}
      onOpenChange={setOpen}
      virtual={false}
      showSearch={searchable ? { optionFilterProp: "text" } : false}
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
      labelRender={({ value, label }) => textOf.get(value as V) ?? label}
      popupRender={(menu) => (open ? menu : <></>)}
    />
  );
}

/** The visit's state, its raw value in `data-state` for the tests. */
export function StateTag({ state, testId }: { state: VisitState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOUR[state]} data-testid={testId} data-state={state} className="visit-state-tag">
      {t(`visits.states.${state}`)}
    </Tag>
  );
}

/** A label over its value, for the facts of a section. */
export function Fact({
  label,
  children,
  testId,
  wide,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  /** Takes two columns of the facts' grid. */
  wide?: boolean;
}) {
  return (
    <div className={wide ? "visit-fact visit-fact-wide" : "visit-fact"} data-testid={testId}>
      <div className="visit-fact-label">{label}</div>
      <div className="visit-fact-value">{children}</div>
    </div>
  );
}

/** "Not recorded" in the secondary colour, for an empty fact. */
export function NotSet() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t("common.notSet")}</Typography.Text>;
}

export function SectionTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="visit-section-head">
      <Typography.Title level={5} className="visit-section-title">
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
