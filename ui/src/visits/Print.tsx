import { FilePdfOutlined, FolderOpenOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, App, Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Language, Paper, Printed, Visit } from "../bindings";
import { errorText } from "../errors";
import { formatBytes } from "../format";

/** The papers a visit has so far: the repair order, the QC sheet once checked, the handover summary once handed over. */
export function papersOf(visit: Visit): Paper[] {
  const papers: Paper[] = [];
  if (visit.order.lines.length > 0 || visit.reception) papers.push("repair_order");
  if (visit.qcChecks.length > 0) papers.push("quality_check");
  if (visit.handover) papers.push("handover");
  return papers;
}

/** Print buttons; the PDF is saved, its path shown, and opened only when asked. */
export function PrintButtons({ visit, lang, onPrinted }: { visit: Visit; lang: Language; onPrinted: (p: Printed) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Paper | null>(null);
  const papers = papersOf(visit);
  if (papers.length === 0) return null;

  const print = async (paper: Paper) => {
    setBusy(paper);
    try {
      onPrinted(await api.printVisit(visit.id, paper, lang));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap size={8}>
      {papers.map((paper) => (
        <Button
          key={paper}
          icon={<PrinterOutlined />}
          loading={busy === paper}
          disabled={busy !== null && busy !== paper}
          onClick={() => print(paper)}
          data-testid={`print-${paper}`}
        >
          {t(`visits.print.${paper}`)}
        </Button>
      ))}
    </Space>
  );
}

/** "Saved to <path>" with an Open button. */
export function PrintedNotice({ printed, lang, onClose }: { printed: Printed; lang: Language; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [opening, setOpening] = useState(false);
  const open = async () => {
    setOpening(true);
    try {
      await api.openPrinted(printed.path);
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setOpening(false);
    }
  };
  return (
    <Alert
      type="success"
      showIcon
      icon={<FilePdfOutlined />}
      closable={{ onClose }}
      className="printed-notice"
      title={
        <span>
          {t("visits.print.savedTo")}{" "}
          <Typography.Text code copyable={{ text: printed.path }} className="break-all">
            <span data-testid="printed-path">{printed.path}</span>
          </Typography.Text>{" "}
          <Typography.Text type="secondary" className="small">
            ({formatBytes(printed.bytes, lang)})
          </Typography.Text>
        </span>
      }
      action={
        <Button size="small" icon={<FolderOpenOutlined />} loading={opening} onClick={open} data-testid="printed-open">
          {t("visits.print.open")}
        </Button>
      }
    />
  );
}
