import { CheckCircleOutlined, CloudUploadOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Result, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useSession } from "../auth/session";
import type { MoveReport, MovedTable } from "../bindings";
import { formatNumber } from "../format";
import { ServerForm } from "./ServerForm";

/**
 * Moves this desk's database up to the dealership's server: the server form,
 * tested (the database there must be empty) before "move now"; then what was
 * copied, table by table, each verified. The desk now works on the server and
 * nobody is signed in any more: closing the report leads to the sign-in screen.
 */
export function MoveToServerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [report, setReport] = useState<MoveReport | null>(null);
  const [moving, setMoving] = useState(false);
  const lang = i18n.language === "en" ? "en" : "zh-CN";

  const close = () => {
    if (moving) return;
    if (report) session.end({ kind: "moved" });
    else onClose();
  };

  const columns: TableColumnsType<MovedTable> = [
    { key: "table", title: t("database.columns.table"), dataIndex: "table" },
    {
      key: "rows",
      title: t("database.columns.rows"),
      align: "right",
      render: (_, table) => <span className="tabular">{formatNumber(table.rows, lang)}</span>,
    },
    {
      key: "checksum",
      title: t("database.columns.checksum"),
      render: (_, table) => <Typography.Text code>{table.checksum}</Typography.Text>,
    },
    {
      key: "verified",
      title: t("database.columns.verified"),
      render: () => (
        <Tag color="success" icon={<CheckCircleOutlined />}>
          {t("database.verified")}
        </Tag>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={t("database.moveTitle")}
      onCancel={close}
      closable={!moving}
      maskClosable={false}
      footer={null}
      width={report ? 720 : 560}
      destroyOnHidden
    >
      {report ? (
        <div data-testid="move-report">
          <Result
            status="success"
            title={t("database.movedTitle")}
            subTitle={t("database.movedText", {
              rows: formatNumber(
                report.tables.reduce((sum, table) => sum + table.rows, 0),
                lang,
              ),
              server: report.server,
              tables: report.tables.length,
              file: report.file,
            })}
            extra={
              <Button type="primary" onClick={close} data-testid="move-sign-in-again">
                {t("database.signInAgain")}
              </Button>
            }
          />
          <Table<MovedTable>
            rowKey="table"
            size="small"
            columns={columns}
            dataSource={report.tables}
            pagination={false}
            scroll={{ y: 320 }}
            onRow={() => ({ "data-testid": "move-table" }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      ) : (
        <div data-testid="move-dialog">
          <Typography.Paragraph>{t("database.moveIntro")}</Typography.Paragraph>
          <Alert className="auth-notice" type="info" showIcon title={t("database.moveEmpty")} />
          <ServerForm
            test={(input) => api.testMoveTarget(input)}
            submitLabel={t("database.moveStart")}
            submitIcon={<CloudUploadOutlined />}
            busyText={t("database.moving")}
            onSubmit={async (input) => {
              setMoving(true);
              try {
                setReport(await api.moveToServer(input));
              } finally {
                setMoving(false);
              }
            }}
            testId="move-server-form"
          />
        </div>
      )}
    </Modal>
  );
}
