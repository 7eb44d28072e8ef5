// Small pieces the follow-up screens share: the status and due tags, the one-key answer box,
// a refusal in the follow-up screens' words.

import { Input, Tag } from "antd";
import type { FormInstance, InputRef } from "antd";
import { forwardRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CallStatus, Due, FollowUpCall, Issue, Language, Questionnaire } from "../bindings";
import { useRefusal, type Place } from "../forms";
import { DUE_COLOUR, STATUS_COLOUR, followUpIssueText } from "./model";

/** The call's status; while open, where it stands today (due, overdue in red). */
export function CallStatusTag({ call, testId }: { call: Pick<FollowUpCall, "status" | "due">; testId?: string }) {
  if (call.status !== "open") return <StatusTag status={call.status} testId={testId} />;
  return <DueTag due={call.due} testId={testId} />;
}

export function StatusTag({ status, testId }: { status: CallStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid={testId} data-status={status}>
      {t(`followup.status.${status}`)}
    </Tag>
  );
}

export function DueTag({ due, testId }: { due: Due; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={DUE_COLOUR[due]} data-testid={testId} data-due={due} className={due === "overdue" ? "due-overdue" : undefined}>
      {t(`followup.due.${due}`)}
    </Tag>
  );
}

type DigitBoxProps = {
  value?: string;
  onChange?: (value: string) => void;
  /** The keys the box takes; any other key is not accepted. */
  keys: readonly string[];
  testId: string;
  id?: string;
  disabled?: boolean;
  "aria-label"?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
};

/**
 * A box for one key, as on the paper sheet: a legal key replaces what is in
 * it and stays there (the caller moves on with Tab — the box never jumps
 * ahead by itself); any other printable key is swallowed. Backspace empties it.
 */
export const DigitBox = forwardRef<InputRef, DigitBoxProps>(function DigitBox(
  { value, onChange, keys, testId, ...rest },
  ref,
) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // Tab, Enter, Backspace, the arrows: what they always do.
    if (e.key.length !== 1) return;
    e.preventDefault();
    if (keys.includes(e.key)) onChange?.(e.key);
  };
  return (
    <Input
      {...rest}
      ref={ref}
      data-testid={testId}
      value={value ?? ""}
      maxLength={1}
      inputMode="numeric"
      autoComplete="off"
      className="digit-box"
      onKeyDown={onKeyDown}
      onChange={(e) => {
        // A paste or an input method: keep the last legal key, if any.
        const text = e.target.value;
        if (text === "") {
          onChange?.("");
          return;
        }
        const legal = [...text].reverse().find((c) => keys.includes(c));
        if (legal) onChange?.(legal);
      }}
    />
  );
});

/** The questionnaire a refusal's `answers.<key>` and `questions.<i>` fields are named from. */
type Asked = Pick<Questionnaire, "questions">;

/**
 * A follow-up form's refusal (see `useRefusal`): each issue where `place`
 * puts it, in the follow-up screens' words, its questions named from the
 * questionnaire `show` was given (or `questionnaire`); `problems` says those
 * without a field, for the alert below the form.
 */
export function useFollowUpRefusal(form: FormInstance, place: Place, lang: Language, questionnaire?: Asked) {
  const { t } = useTranslation();
  const text = (issue: Issue, asked: Asked | undefined) => followUpIssueText(issue, t, lang, asked ?? questionnaire);
  const refusal = useRefusal<Asked>(form, text, place);
  const problems = refusal.issues
    .filter((issue) => !issue.field || !place(issue.field, issue))
    .map((issue) => text(issue, refusal.context));
  return { ...refusal, problems };
}
