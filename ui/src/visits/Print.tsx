import { CopyOutlined, FilePdfOutlined, FolderOpenOutlined, PrinterOutlined } from "@ant-design/icons";
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

/** "Saved to <path>" with an Open button and "Save a copy as…" (the native dialog). */
export function PrintedNotice({ printed, lang, onClose }: { printed: Printed; lang: Language; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [opening, setOpening] = useState(false);
  const [copying, setCopying] = useState(false);
  // The copy made of this paper (a notice reused for another paper shows none).
  const [copied, setCopied] = useState<{ of: string; copy: Printed } | null>(null);
  const copy = copied?.of === printed.path ? copied.copy : null;
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
  /** Copies the paper where the person chooses; a cancelled dialog does nothing. */
  const saveCopy = async () => {
    setCopying(true);
    try {
      const saved = await api.savePrintedCopy(printed.path);
      if (saved) {
        setCopied({ of: printed.path, copy: saved });
        message.success(t("visits.print.copySaved", { path: saved.path }));
      }
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setCopying(false);
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
      description={
        copy && (
          <span>
            {t("visits.print.copiedTo")}{" "}
            <Typography.Text code copyable={{ text: copy.path }} className="break-all">
              <span data-testid="printed-copy-path">{copy.path}</span>
            </Typography.Text>
          </span>
        )
      }
      action={
        <Space size={8}>
          <Button size="small" icon={<FolderOpenOutlined />} loading={opening} onClick={open} data-testid="printed-open">
            {t("visits.print.open")}
          </Button>
          <Button size="small" icon={<CopyOutlined />} loading={copying} onClick={saveCopy} data-testid="printed-save-copy">
            {t("visits.print.saveCopy")}
          </Button>
        </Space>
      }
    />
  );
}
