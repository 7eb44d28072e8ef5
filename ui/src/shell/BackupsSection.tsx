import { useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Button, Flex, Form, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState, type HTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan, useSession } from "../auth/session";
import type { BackupFormat, BackupInfo, BackupKind, BackupOverview, Language } from "../bindings";
import { errorText } from "../errors";
import { formatBytes, formatDateTime, formatNumber } from "../format";
import { FormErrors, useFormIssues } from "../forms";
import { ReadFailure } from "../live/ReadFailure";
import { backupsQuery } from "./queries";

const KIND_COLOUR: Record<BackupKind, string> = { automatic: "default", manual: "blue", before_restore: "orange" };
const FORMAT_COLOUR: Record<BackupFormat, string> = { file: "default", server_dump: "geekblue" };

/**
 * The backup folder and its backups, newest first — a desk's file backups and,
 * in team mode, the server's (pg_dump), each marked; "back up now"; and, for
 * those who may restore, a restore per backup of this desk's kind of database
 * or from another file. A restore signs everyone out: the sign-in screen follows.
 */
export function BackupsSection({
  backups,
  lang,
}: {
  /** The read of the folder and its backups. */
  backups: UseQueryResult<BackupOverview>;
  lang: Language;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const overview = backups.data ?? null;
  const session = useSession();
  const canRestore = useCan()("restore");
  const [backingUp, setBackingUp] = useState(false);
  const [otherFile, setOtherFile] = useState(false);

  const backUp = async () => {
    setBackingUp(true);
    try {
      const taken = await api.backupNow();
      message.success(t("settings.backupDone", { customers: taken.customers, size: formatBytes(taken.bytes, lang) }));
      // A backup is a file, not a record: no desk is told of it, this one reads the folder again.
      void client.invalidateQueries({ queryKey: backupsQuery.queryKey });
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBackingUp(false);
    }
  };

  /** Restores `path`; on success the session has ended and the sign-in screen takes over. */
  const restore = async (path: string): Promise<unknown> => {
    try {
      const kept = await api.restoreBackup(path);
      session.end({ kind: "restored", backup: kept });
      return null;
    } catch (error) {
      return error;
    }
  };

  const columns: TableColumnsType<BackupInfo> = [
    {
      key: "takenAt",
      title: t("settings.backupColumns.takenAt"),
      render: (_, backup) => <span className="tabular">{formatDateTime(backup.takenAt, lang)}</span>,
    },
    {
      key: "kind",
      title: t("settings.backupColumns.kind"),
      render: (_, backup) => <Tag color={KIND_COLOUR[backup.kind]}>{t(`settings.backupKinds.${backup.kind}`)}</Tag>,
    },
    {
      key: "format",
      title: t("settings.backupColumns.format"),
      render: (_, backup) => (
        <Tag color={FORMAT_COLOUR[backup.format]} data-testid="backup-format">
          {t(`settings.backupFormats.${backup.format}`)}
        </Tag>
      ),
    },
    {
      key: "size",
      title: t("settings.backupColumns.size"),
      align: "right",
      render: (_, backup) => <span className="tabular">{formatBytes(backup.bytes, lang)}</span>,
    },
    {
      key: "customers",
      title: t("settings.backupColumns.customers"),
      align: "right",
      render: (_, backup) => <span className="tabular">{formatNumber(backup.customers, lang)}</span>,
    },
  ];
  if (canRestore) {
    columns.push({
      key: "actions",
      title: t("settings.backupColumns.actions"),
      width: 110,
      render: (_, backup) =>
        overview && backup.format !== overview.format ? (
          // The backend would refuse it: a backup of the other kind of database.
          <Tooltip title={t("settings.restoreOtherFormat")}>
            <Button size="small" icon={<UndoOutlined />} disabled data-testid="backup-restore">
              {t("settings.restore")}
            </Button>
          </Tooltip>
        ) : (
          <RestoreConfirm
            onConfirm={async () => {
              const error = await restore(backup.path);
              if (error) message.error(errorText(error, t));
            }}
          >
            <Button size="small" icon={<UndoOutlined />} data-testid="backup-restore">
              {t("settings.restore")}
            </Button>
          </RestoreConfirm>
        ),
    });
  }

  const onRow = (backup: BackupInfo): HTMLAttributes<HTMLElement> => {
    const attributes: HTMLAttributes<HTMLElement> & Record<`data-${string}`, string> = {
      "data-testid": "backup-row",
      "data-backup-path": backup.path,
      title: backup.path,
    };
    return attributes;
  };

  return (
    <Flex vertical gap={12} data-testid="settings-backups">
      <Flex justify="space-between" align="center" gap={16}>
        <div className="backup-folder">
          <FolderOpenOutlined className="muted-icon" />{" "}
          <Typography.Text type="secondary">{t("common.labelled", { field: t("settings.backupFolder") })}</Typography.Text>
          {overview ? (
            <Typography.Text code copyable={{ text: overview.folder }} className="break-all" data-testid="backup-folder">
              {overview.folder}
            </Typography.Text>
          ) : (
            "—"
          )}
        </div>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={backingUp}
          onClick={backUp}
          data-testid="settings-backup-now"
        >
          {t("settings.backupNow")}
        </Button>
      </Flex>
      {overview?.format === "server_dump" && (
        <Typography.Text type="secondary" data-testid="server-backups-hint">
          {t("settings.serverBackupsHint")}
        </Typography.Text>
      )}
      {backups.error && <ReadFailure query={backups} />}
      <Table<BackupInfo>
        rowKey="path"
        size="small"
        columns={columns}
        dataSource={overview?.backups ?? []}
        loading={overview === null && !backups.error}
        onRow={onRow}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false, size: "small" }}
        locale={{ emptyText: t("settings.noBackups") }}
      />
      {canRestore &&
        (otherFile ? (
          <RestoreFromFile restore={restore} />
        ) : (
          <div>
            <Button
              type="link"
              icon={<CloudDownloadOutlined />}
              onClick={() => setOtherFile(true)}
              data-testid="backup-restore-other"
              className="link-button"
            >
              {t("settings.restoreOther")}
            </Button>
          </div>
        ))}
    </Flex>
  );
}

/** The confirmation every restore asks for: what happens to the current database and to everyone's session. */
function RestoreConfirm({ onConfirm, children }: { onConfirm: () => Promise<void>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={t("settings.restoreTitle")}
      description={<div className="popconfirm-text">{t("settings.restoreText")}</div>}
      okText={t("settings.restoreOk")}
      okButtonProps={{ danger: true, "data-testid": "backup-restore-confirm" }}
      cancelText={t("common.cancel")}
      onConfirm={onConfirm}
    >
      {children}
    </Popconfirm>
  );
}

type FileValues = { path?: string };

/** A backup kept elsewhere (a USB stick, another computer's folder), by its full path. */
function RestoreFromFile({ restore }: { restore: (path: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FileValues>();
  const issues = useFormIssues(form);
  const path = Form.useWatch("path", form) ?? "";
  const [choosing, setChoosing] = useState(false);

  /** The native file picker fills the path (which can still be typed); cancelling it changes nothing. */
  const chooseFile = async () => {
    setChoosing(true);
    try {
      const chosen = await api.chooseBackupFile();
      if (chosen !== null) form.setFieldValue("path", chosen);
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setChoosing(false);
    }
  };

  return (
    <Form<FileValues> form={form} layout="vertical" data-testid="restore-file-form">
      <Form.Item label={t("fields.path")} className="field-path">
        <Space.Compact block>
          <Form.Item name="path" noStyle>
            <Input
              placeholder={t("settings.restorePathPlaceholder")}
              spellCheck={false}
              className="mono"
              autoFocus
              data-testid="backup-restore-path"
            />
          </Form.Item>
          <Button icon={<FolderOpenOutlined />} loading={choosing} onClick={chooseFile} data-testid="restore-choose-file">
            {t("settings.chooseFile")}
          </Button>
        </Space.Compact>
      </Form.Item>
      <FormErrors issues={issues.issues.filter((issue) => issue.field !== "path")} />
      <RestoreConfirm
        onConfirm={async () => {
          issues.clear();
          const error = await restore(path.trim());
          if (error) issues.show(error);
        }}
      >
        <Button danger icon={<UndoOutlined />} disabled={path.trim() === ""} data-testid="backup-restore-file">
          {t("settings.restoreFile")}
        </Button>
      </RestoreConfirm>
    </Form>
  );
}
