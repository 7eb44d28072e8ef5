import { ExportOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import type { ButtonProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Exported } from "../bindings";
import { useCan } from "../auth/session";
import { errorText } from "../errors";

/**
 * "Export" for a list: shown only to whom may export data (managers and
 * administrators); runs the export — the backend asks where the workbook goes
 * and records it on the audit trail — and says how many rows went where.
 * Nothing is said when the save dialog was cancelled.
 */
export function ExportButton({
  run,
  label,
  done,
  testId,
  size,
}: {
  run: () => Promise<Exported | null>;
  label: string;
  /** The success message for what was written. */
  done: (exported: Exported) => string;
  testId: string;
  size?: ButtonProps["size"];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [exporting, setExporting] = useState(false);
  if (!can("export_data")) return null;

  const click = async () => {
    setExporting(true);
    try {
      const exported = await run();
      if (exported) message.success(done(exported));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button size={size} icon={<ExportOutlined />} loading={exporting} onClick={() => void click()} data-testid={testId}>
      {label}
    </Button>
  );
}
