import { FileExcelOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import {
  Alert,
  App,
  Button,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Result,
  Segmented,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from "antd";
import type { ButtonProps, TableColumnsType } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type {
  Field,
  ImportProgress,
  ImportSummary,
  Language,
  Mapping,
  Opened,
  Planned,
  Preview,
  SheetView,
} from "../bindings";
import { ALL_FIELD } from "../bindings";
import { errorText } from "../errors";
import { formatNumber } from "../format";
import {
  duplicateText,
  failedReasons,
  fieldText,
  importErrorText,
  mappedTwice,
  plannedDetail,
  previewReasons,
  problemsOf,
} from "./model";

/** The event the backend sends as a commit goes on (`import::PROGRESS_EVENT`). */
export const PROGRESS_EVENT = "import-progress";

/** The saved mappings (kept with the settings, on every desk of the dealership). */
export const importTemplatesQuery = {
  queryKey: ["settings", "importTemplates"] as const,
  queryFn: () => api.importTemplates(),
};

type Step = "file" | "columns" | "preview" | "commit" | "result";
const STEPS: Step[] = ["file", "columns", "preview", "commit", "result"];
type OutcomeKind = Planned["outcome"]["kind"];
type Filter = "all" | "attention" | OutcomeKind;
type Columns = Partial<Record<number, Field>>;

const OUTCOME_COLOUR: Record<OutcomeKind, string> = {
  new: "green",
  update: "blue",
  skip: "default",
  conflict: "orange",
  invalid: "red",
};

function needsAttention(row: Planned): boolean {
  return row.outcome.kind === "update" || row.outcome.kind === "conflict" || row.outcome.kind === "invalid";
}

function mappingOf(view: SheetView, columns: Columns, name = ""): Mapping {
  const mapped: Record<number, Field> = {};
  for (const [column, field] of Object.entries(columns)) if (field) mapped[Number(column)] = field;
  return { name, sheet: view.sheet, headerRow: view.headerRow, columns: mapped };
}

/**
 * Bringing an old system's archive in: the file, its sheet and header row;
 * the columns' fields (or a saved template); the dry run, row by row; the
 * commit in batches with its progress and a stop button; the result, with
 * the rows not imported to save as a workbook, fix and import again.
 */
export function ImportWizard({ open, onClose, lang }: { open: boolean; onClose: () => void; lang: Language }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [step, setStep] = useState<Step>("file");
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [view, setView] = useState<SheetView | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [templateName, setTemplateName] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [filter, setFilter] = useState<Filter>("all");
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const templates = useQuery({ ...importTemplatesQuery, enabled: open });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      message.error(errorText(error, t, "import"));
    } finally {
      setBusy(false);
    }
  };

  const showSheet = (sheet: string | null, headerRow: number | null) =>
    run(async () => {
      const shown = await api.importSheet(sheet, headerRow);
      setView(shown);
      setColumns(shown.guess.columns);
    });

  const pick = () =>
    run(async () => {
      const picked = await api.importPickFile(lang);
      if (!picked) return;
      setOpened(picked);
      setView(null);
      setPreview(null);
      if (picked.outcome === "read") {
        const first = picked.sheets.find((s) => !s.blank) ?? picked.sheets[0];
        const shown = await api.importSheet(first?.name ?? null, null);
        setView(shown);
        setColumns(shown.guess.columns);
      }
    });

  const twice = mappedTwice(columns as Mapping["columns"]);
  const mappedCount = Object.values(columns).filter(Boolean).length;

  const makePreview = () =>
    run(async () => {
      if (!view) return;
      const planned = await api.importPreview(mappingOf(view, columns));
      setPreview(planned);
      const attention = planned.outcome === "planned" && planned.rows.some(needsAttention);
      setFilter(attention ? "attention" : "all");
      if (planned.outcome === "planned") setStep("preview");
    });

  const applyTemplate = (name: string) => {
    const template = templates.data?.find((m) => m.name === name);
    if (!template || !view) return;
    if (template.headerRow !== undefined && template.headerRow !== view.headerRow) {
      void run(async () => {
        const shown = await api.importSheet(view.sheet, template.headerRow ?? null);
        setView(shown);
        setColumns(template.columns);
      });
    } else {
      setColumns(template.columns);
    }
    setTemplateName(template.name);
    message.success(t("importer.columns.templateApplied", { name: template.name }));
  };

  const saveTemplate = () =>
    run(async () => {
      if (!view) return;
      const saved = await api.saveImportTemplate(mappingOf(view, columns, templateName));
      client.setQueryData(importTemplatesQuery.queryKey, saved);
      message.success(t("importer.columns.templateSaved", { name: templateName.trim() }));
    });

  const deleteTemplate = () =>
    run(async () => {
      const left = await api.deleteImportTemplate(templateName);
      client.setQueryData(importTemplatesQuery.queryKey, left);
      message.success(t("importer.columns.templateDeleted", { name: templateName }));
      setTemplateName("");
    });

  const commit = async () => {
    if (preview?.outcome !== "planned") return;
    setStep("commit");
    setCancelling(false);
    setProgress({ done: 0, total: preview.counts.total });
    let unlisten: UnlistenFn | null = null;
    try {
      unlisten = await listen<ImportProgress>(PROGRESS_EVENT, (event) => setProgress(event.payload));
    } catch {
      // No backend events (a screen rendered on its own): the bar moves at the end.
    }
    try {
      const done = await api.importCommit();
      setSummary(done);
      setStep("result");
    } catch (error) {
      message.error(errorText(error, t, "import"));
      setStep("preview");
    } finally {
      unlisten?.();
    }
  };

  const cancel = () => {
    setCancelling(true);
    void api.importCancel().catch((error: unknown) => message.error(errorText(error, t)));
  };

  const saveReport = (reasons: ReturnType<typeof failedReasons>) =>
    run(async () => {
      const saved = await api.importSaveFailed(reasons, lang);
      if (saved) message.success(t("importer.result.saved", { rows: formatNumber(saved.rows, lang), path: saved.path }));
    });

  const stepIndex = STEPS.indexOf(step);
  const running = step === "commit";

  return (
    <Modal
      open={open}
      title={t("importer.title")}
      width={1180}
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: false }}
      keyboard={!running}
      footer={null}
      destroyOnHidden
      data-testid="import-wizard"
    >
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={stepIndex}
          items={STEPS.map((s) => ({ title: t(`importer.steps.${s}`) }))}
        />
        {step === "file" && (
          <FileStep
            opened={opened}
            view={view}
            busy={busy}
            onPick={() => void pick()}
            onSheet={(sheet) => void showSheet(sheet, null)}
            onHeaderRow={(row) => view && void showSheet(view.sheet, row)}
            onNext={() => setStep("columns")}
          />
        )}
        {step === "columns" && view && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t("importer.columns.intro")}</Typography.Text>
            <Space wrap>
              <Select
                style={{ minWidth: 240 }}
                placeholder={t("importer.columns.templatePlaceholder")}
                value={templates.data?.some((m) => m.name === templateName) ? templateName : undefined}
                options={(templates.data ?? []).map((m) => ({ value: m.name, label: m.name }))}
                onChange={applyTemplate}
                data-testid="import-template-select"
              />
              <Input
                style={{ width: 260 }}
                placeholder={t("importer.columns.templateName")}
                value={templateName}
                maxLength={60}
                onChange={(e) => setTemplateName(e.target.value)}
                data-testid="import-template-name"
              />
              <Button
                onClick={() => void saveTemplate()}
                disabled={!templateName.trim() || twice.size > 0 || mappedCount === 0}
                loading={busy}
                data-testid="import-template-save"
              >
                {t("importer.columns.saveTemplate")}
              </Button>
              {templates.data?.some((m) => m.name === templateName) && (
                <Popconfirm title={t("importer.columns.deleteTemplate")} onConfirm={() => void deleteTemplate()}>
                  <Button danger data-testid="import-template-delete">
                    {t("importer.columns.deleteTemplate")}
                  </Button>
                </Popconfirm>
              )}
            </Space>
            <ColumnsTable view={view} columns={columns} twice={twice} onChange={setColumns} />
            {[...twice].map(([field, cols]) => (
              <Alert
                key={field}
                type="error"
                showIcon
                title={t("importer.columns.twice", {
                  field: fieldText(field, t),
                  columns: cols.map((c) => view.columns[c]?.letter ?? c + 1).join("、"),
                })}
                data-testid="import-mapped-twice"
              />
            ))}
            {mappedCount === 0 && <Alert type="warning" showIcon title={t("importer.columns.none")} />}
            {preview?.outcome === "refused" && (
              <Alert type="error" showIcon title={importErrorText(preview.error, t)} data-testid="import-refused" />
            )}
            <Flex justify="space-between">
              <Button onClick={() => setStep("file")}>{t("importer.back")}</Button>
              <Button
                type="primary"
                loading={busy}
                disabled={twice.size > 0 || mappedCount === 0}
                onClick={() => void makePreview()}
                data-testid="import-to-preview"
              >
                {t("importer.next")}
              </Button>
            </Flex>
          </Flex>
        )}
        {step === "preview" && preview?.outcome === "planned" && (
          <PreviewStep
            preview={preview}
            filter={filter}
            onFilter={setFilter}
            lang={lang}
            busy={busy}
            onBack={() => setStep("columns")}
            onCommit={() => void commit()}
            onSaveProblems={() => void saveReport(previewReasons(preview.rows, t, lang))}
          />
        )}
        {step === "commit" && progress && (
          <Flex vertical gap={12} align="center" data-testid="import-running">
            <Progress
              percent={progress.total === 0 ? 100 : Math.floor((progress.done * 100) / progress.total)}
              status="active"
              data-testid="import-progress"
            />
            <Typography.Text>
              {t("importer.commit.running", {
                done: formatNumber(progress.done, lang),
                total: formatNumber(progress.total, lang),
              })}
            </Typography.Text>
            <Button danger onClick={cancel} disabled={cancelling} data-testid="import-cancel">
              {cancelling ? t("importer.commit.cancelling") : t("importer.commit.cancel")}
            </Button>
          </Flex>
        )}
        {step === "result" && summary && (
          <ResultStep
            summary={summary}
            lang={lang}
            busy={busy}
            onSave={() => void saveReport(failedReasons(summary, t))}
            onClose={onClose}
          />
        )}
      </Flex>
    </Modal>
  );
}

function FileStep({
  opened,
  view,
  busy,
  onPick,
  onSheet,
  onHeaderRow,
  onNext,
}: {
  opened: Opened | null;
  view: SheetView | null;
  busy: boolean;
  onPick: () => void;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const width = Math.max(0, ...(view?.firstRows ?? []).map((r) => r.length));
  const rows = (view?.firstRows ?? []).map((cells, index) => ({ key: index, index, cells }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      title: t("importer.file.rowN"),
      dataIndex: "index",
      width: 64,
      render: (index: number) => index + 1,
    },
    ...Array.from({ length: Math.min(width, 12) }, (_, c) => ({
      title: String.fromCharCode(65 + c),
      key: String(c),
      ellipsis: true,
      render: (_: unknown, row: (typeof rows)[number]) => row.cells[c] ?? "",
    })),
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t("importer.file.intro")}</Typography.Text>
      <Space wrap>
        <Button
          type={opened ? "default" : "primary"}
          icon={<FileExcelOutlined />}
          onClick={onPick}
          loading={busy}
          data-testid="import-pick"
        >
          {opened ? t("importer.file.pickAnother") : t("importer.file.pick")}
        </Button>
        {opened && <Typography.Text strong>{t("importer.file.picked", { name: opened.name })}</Typography.Text>}
      </Space>
      {opened?.outcome === "refused" && (
        <Alert type="error" showIcon title={importErrorText(opened.error, t)} data-testid="import-refused" />
      )}
      {opened?.outcome === "read" && view && (
        <>
          <Space wrap>
            <Typography.Text>{t("importer.file.sheet")}</Typography.Text>
            <Select
              style={{ minWidth: 240 }}
              value={view.sheet}
              onChange={onSheet}
              options={opened.sheets.map((s) => ({
                value: s.name,
                disabled: s.blank,
                label: s.blank
                  ? t("importer.file.sheetBlank", { name: s.name })
                  : t("importer.file.sheetRows", { name: s.name, rows: s.rows }),
              }))}
              data-testid="import-sheet"
            />
            {view.headerRow !== undefined && (
              <Tag color="blue" data-testid="import-header-row">
                {t("importer.file.headerRow")}: {t("importer.file.headerRowN", { n: view.headerRow + 1 })}
              </Tag>
            )}
            {view.headerRow !== undefined && (
              <Typography.Text type="secondary">{t("importer.file.dataRows", { n: view.dataRows })}</Typography.Text>
            )}
          </Space>
          {view.error && (
            <Alert type="warning" showIcon title={importErrorText(view.error, t)} data-testid="import-sheet-error" />
          )}
          <Typography.Text type="secondary">{t("importer.file.headerRowHint")}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            columns={columns}
            dataSource={rows}
            scroll={{ x: true }}
            rowClassName={(row) => (row.index === view.headerRow ? "ant-table-row-selected" : "")}
            onRow={(row) => ({
              onClick: () => onHeaderRow(row.index),
              style: { cursor: "pointer" },
              "data-testid": `import-first-row-${row.index}`,
            })}
          />
          <Flex justify="end">
            <Button
              type="primary"
              disabled={view.headerRow === undefined}
              onClick={onNext}
              data-testid="import-to-columns"
            >
              {t("importer.next")}
            </Button>
          </Flex>
        </>
      )}
    </Flex>
  );
}

function ColumnsTable({
  view,
  columns,
  twice,
  onChange,
}: {
  view: SheetView;
  columns: Columns;
  twice: Map<Field, number[]>;
  onChange: (columns: Columns) => void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: "", label: t("importer.columns.skip") },
    ...ALL_FIELD.map((field) => ({ value: field, label: fieldText(field, t) })),
  ];
  const table: TableColumnsType<SheetView["columns"][number]> = [
    { title: t("importer.columns.column"), dataIndex: "letter", width: 64 },
    { title: t("importer.columns.header"), dataIndex: "header", width: 180 },
    {
      title: t("importer.columns.samples"),
      dataIndex: "samples",
      ellipsis: true,
      render: (samples: string[]) => samples.join(" · "),
    },
    {
      title: t("importer.columns.field"),
      width: 220,
      render: (_, column) => {
        const field = columns[column.column];
        return (
          <Select
            style={{ width: "100%" }}
            value={field ?? ""}
            status={field && twice.has(field) ? "error" : undefined}
            options={options}
            showSearch={{ optionFilterProp: "label" }}
            onChange={(value: string) =>
              onChange({ ...columns, [column.column]: value === "" ? undefined : (value as Field) })
            }
            data-testid={`import-field-${column.column}`}
          />
        );
      },
    },
  ];
  return (
    <Table
      size="small"
      rowKey="column"
      pagination={false}
      scroll={{ y: 420 }}
      columns={table}
      dataSource={view.columns}
      data-testid="import-columns"
    />
  );
}

function PreviewStep({
  preview,
  filter,
  onFilter,
  lang,
  busy,
  onBack,
  onCommit,
  onSaveProblems,
}: {
  preview: Extract<Preview, { outcome: "planned" }>;
  filter: Filter;
  onFilter: (filter: Filter) => void;
  lang: Language;
  busy: boolean;
  onBack: () => void;
  onCommit: () => void;
  onSaveProblems: () => void;
}) {
  const { t } = useTranslation();
  const { counts } = preview;
  const bad = counts.conflict + counts.invalid;
  const toWrite = counts.new + counts.update + counts.visitsNew;
  const rows = preview.rows.filter(
    (row) => filter === "all" || (filter === "attention" ? needsAttention(row) : row.outcome.kind === filter),
  );
  const kinds: OutcomeKind[] = ["new", "update", "skip", "conflict", "invalid"];
  const table: TableColumnsType<Planned> = [
    { title: t("importer.preview.row"), dataIndex: "row", width: 72, render: (row: number) => row + 1 },
    {
      title: t("importer.preview.outcome"),
      width: 130,
      render: (_, row) => (
        <Tag color={OUTCOME_COLOUR[row.outcome.kind]}>{t(`importer.preview.counts.${row.outcome.kind}`)}</Tag>
      ),
    },
    {
      title: t("importer.preview.customer"),
      width: 170,
      render: (_, row) => [row.customer.name, row.customer.mobile].filter(Boolean).join(" "),
    },
    {
      title: t("importer.preview.vehicle"),
      width: 200,
      render: (_, row) => [row.vehicle?.plate, row.vehicle?.vin].filter(Boolean).join(" "),
    },
    { title: t("importer.preview.detail"), render: (_, row) => plannedDetail(row, t, lang) },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t("importer.preview.intro")}</Typography.Text>
      <Flex gap={32} wrap data-testid="import-counts">
        <Statistic title={t("importer.preview.filter.all")} value={counts.total} data-testid="import-count-total" />
        {kinds.map((kind) => (
          <Statistic
            key={kind}
            title={t(`importer.preview.counts.${kind}`)}
            value={counts[kind]}
            styles={{ content: (kind === "invalid" || kind === "conflict") && counts[kind] ? { color: "#cf1322" } : {} }}
            data-testid={`import-count-${kind}`}
          />
        ))}
        {counts.visitsNew + counts.visitsKnown > 0 && (
          <Statistic
            title={t("importer.preview.counts.visitsNew")}
            value={counts.visitsNew}
            data-testid="import-count-visits"
          />
        )}
      </Flex>
      {preview.duplicates.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t("importer.preview.duplicates")}
          description={
            <ul className="import-duplicates">
              {preview.duplicates.slice(0, 20).map((d) => (
                <li key={`${d.key}-${d.value}`}>{duplicateText(d, t)}</li>
              ))}
            </ul>
          }
          data-testid="import-duplicates"
        />
      )}
      <Segmented<Filter>
        value={filter}
        onChange={onFilter}
        options={[
          { value: "all", label: t("importer.preview.filter.all") },
          { value: "attention", label: t("importer.preview.filter.attention") },
          ...kinds.map((kind) => ({ value: kind, label: t(`importer.preview.counts.${kind}`) })),
        ]}
        data-testid="import-filter"
      />
      <Table
        size="small"
        rowKey="row"
        columns={table}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ y: 380 }}
        onRow={(row) =>
          ({ "data-testid": "import-preview-row", "data-row": row.row + 1, "data-outcome": row.outcome.kind }) as
            HTMLAttributes<HTMLElement>
        }
        data-testid="import-preview"
      />
      {preview.rowsNotShown > 0 && (
        <Typography.Text type="secondary">{t("importer.preview.notShown", { n: preview.rowsNotShown })}</Typography.Text>
      )}
      <Flex justify="space-between" gap={8}>
        <Button onClick={onBack}>{t("importer.back")}</Button>
        <Space>
          {bad > 0 && (
            <Button onClick={onSaveProblems} loading={busy} data-testid="import-save-problems">
              {t("importer.preview.saveProblems")}
            </Button>
          )}
          <Popconfirm
            title={t("importer.preview.commitConfirm", { new: counts.new, update: counts.update, visits: counts.visitsNew, bad })}
            onConfirm={onCommit}
            disabled={toWrite === 0}
            okButtonProps={{ "data-testid": "import-commit-confirm" } as ButtonProps}
          >
            <Button type="primary" disabled={toWrite === 0} data-testid="import-commit">
              {toWrite === 0 ? t("importer.preview.nothingToDo") : t("importer.preview.commit")}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
    </Flex>
  );
}

function ResultStep({
  summary,
  lang,
  busy,
  onSave,
  onClose,
}: {
  summary: ImportSummary;
  lang: Language;
  busy: boolean;
  onSave: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const failedColumns: TableColumnsType<ImportSummary["failedRows"][number]> = [
    { title: t("importer.preview.row"), dataIndex: "row", width: 72, render: (row: number) => row + 1 },
    {
      title: t("importer.preview.detail"),
      render: (_, failed) => problemsOf(failed.issues, failed.cells, t).join("；"),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="import-result">
      <Result
        status={summary.cancelled ? "warning" : summary.failed > 0 ? "info" : "success"}
        title={summary.cancelled ? t("importer.result.cancelled") : t("importer.result.done")}
        style={{ padding: 16 }}
      />
      <Flex gap={32} justify="center" wrap>
        {(["imported", "updated", "skipped", "failed", "visitsImported"] as const).map((key) => (
          <Statistic
            key={key}
            title={t(`importer.result.${key}`)}
            value={formatNumber(summary[key], lang)}
            data-testid={`import-result-${key}`}
          />
        ))}
      </Flex>
      {summary.failedRows.length > 0 && (
        <>
          <Typography.Title level={5}>{t("importer.result.failedRows")}</Typography.Title>
          <Table
            size="small"
            rowKey="row"
            columns={failedColumns}
            dataSource={summary.failedRows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            onRow={() => ({ "data-testid": "import-failed-row" }) as HTMLAttributes<HTMLElement>}
          />
        </>
      )}
      <Flex justify="end" gap={8}>
        {summary.failedRows.length > 0 && (
          <Button onClick={onSave} loading={busy} data-testid="import-save-failed">
            {t("importer.result.saveFailed")}
          </Button>
        )}
        <Button type="primary" onClick={onClose} data-testid="import-close">
          {t("importer.result.close")}
        </Button>
      </Flex>
    </Flex>
  );
}
