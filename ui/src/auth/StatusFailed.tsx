import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../errors";

/** The sign-in state could not be read: why, and a retry. Its own chunk (antd's Result is heavy), as it is seldom shown. */
export function StatusFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="app-loading">
      <Result
        status="warning"
        title={t("auth.statusFailed")}
        subTitle={errorText(error, t)}
        extra={<Button onClick={onRetry}>{t("common.retry")}</Button>}
      />
    </div>
  );
}
