import type { FormRule } from "antd";

/**
 * The one check the UI makes itself: the repeated password is the same as
 * `field`. It is a typing aid, not a rule — the backend judges the password.
 */
export function confirmRule(field: string, mismatch: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) =>
      (value ?? "") === ((getFieldValue(field) as string | undefined) ?? "")
        ? Promise.resolve()
        : Promise.reject(new Error(mismatch)),
  });
}
