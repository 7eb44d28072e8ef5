import { Alert, Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../errors";

/** What a failed read needs from its query: the error and how to read again. */
export type FailedRead = { error: unknown; refetch: () => unknown };

/**
 * A read that failed, said once for every screen: why, in the user's
 * language, and a Retry that reads again.
 * - `page`: the screen has nothing else to show (a whole page or board);
 * - `alert`: rows already shown stay, the failure sits above them.
 */
export function ReadFailure({
  query,
  variant = "alert",
  testId,
}: {
  query: FailedRead;
  variant?: "page" | "alert";
  testId?: string;
}) {
  const { t } = useTranslation();
  const retry = (
    <Button onClick={() => void query.refetch()} data-testid="read-retry">
      {t("common.retry")}
    </Button>
  );
  const why = errorText(query.error, t);
  if (variant === "page") {
    return <Result status="warning" title={t("common.loadFailed")} subTitle={why} extra={retry} data-testid={testId} />;
  }
  return (
    <Alert type="error" showIcon title={t("common.loadFailed")} description={why} action={retry} data-testid={testId} />
  );
}
