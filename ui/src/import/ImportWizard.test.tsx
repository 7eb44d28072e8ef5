import { screen, waitFor, within, fireEvent } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { ImportSummary, Mapping, Planned, Preview, SheetView } from "../bindings";
import { mockCommands } from "../test/fixtures";
import { renderIn, testSession } from "../test/render";
import { ImportWizard, PROGRESS_EVENT } from "./ImportWizard";
import { columnLetter, mappedTwice } from "./model";

const SHEET: SheetView = {
  sheet: "客户",
  headerRow: 1,
  firstRows: [["旧系统客户导出"], ["姓名", "手机", "车牌", "备注"], ["张伟", "13800138000", "京A12345", ""]],
  columns: [
    { column: 0, letter: "A", header: "姓名", samples: ["张伟"] },
    { column: 1, letter: "B", header: "手机", samples: ["13800138000"] },
    { column: 2, letter: "C", header: "车牌", samples: ["京A12345"] },
    { column: 3, letter: "D", header: "备注", samples: [] },
  ],
  guess: { name: "", sheet: "客户", headerRow: 1, columns: { 0: "customerName", 1: "mobile", 2: "plate", 3: "notes" } },
  dataRows: 3,
};

const customer = (name: string, mobile: string) => ({
  name,
  mobile,
  otherPhones: [],
  contactTime: null,
  address: "",
  grade: "ordinary" as const,
  leadGrade: null,
  source: null,
  birthday: null,
  marketingConsent: false,
  notes: "",
});

const ROWS: Planned[] = [
  { row: 2, customer: customer("张伟", "13800138000"), outcome: { kind: "new" } },
  {
    row: 3,
    customer: customer("李娜", "1380013"),
    outcome: {
      kind: "invalid",
      issues: [{ kind: "invalid_mobile", field: "mobile", message: "not a mobile number" }],
      cells: [],
    },
  },
  {
    row: 4,
    customer: customer("王芳", ""),
    outcome: {
      kind: "invalid",
      issues: [],
      cells: [{ column: 1, field: "mobile", kind: "lost_digits", message: "1.38001E+10 is a phone number Excel shortened" }],
    },
  },
];

const PREVIEW: Preview = {
  outcome: "planned",
  counts: { total: 3, new: 1, update: 0, skip: 0, conflict: 0, invalid: 2, visitsNew: 0, visitsKnown: 0 },
  rows: ROWS,
  duplicates: [],
  rowsNotShown: 0,
};

const SUMMARY: ImportSummary = {
  imported: 1,
  updated: 0,
  skipped: 0,
  failed: 2,
  failedRows: [
    { row: 3, issues: [{ kind: "invalid_mobile", field: "mobile", message: "" }], cells: [] },
    { row: 4, issues: [], cells: ROWS[2].outcome.kind === "invalid" ? ROWS[2].outcome.cells : [] },
  ],
  cancelled: false,
  visitsImported: 0,
  visitsSkipped: 0,
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const manager = () => testSession("service_manager");

describe("the import wizard", () => {
  it("goes from the file to the result: the preview names each bad row and field, the report carries the reasons", async () => {
    const committed = deferred<ImportSummary>();
    const calls = mockCommands({
      import_templates: () => [],
      import_pick_file: () => ({ outcome: "read", name: "客户.xlsx", sheets: [{ name: "客户", rows: 5, columns: 4, blank: false }] }),
      import_sheet: () => SHEET,
      import_preview: () => PREVIEW,
      import_commit: () => committed.promise,
      import_save_failed: () => ({ path: "/tmp/客户 未导入的行.xlsx", rows: 2 }),
    });
    await renderIn("zh-CN", <ImportWizard open onClose={() => {}} lang="zh-CN" />, manager());

    await userEvent.click(await screen.findByTestId("import-pick"));
    expect(await screen.findByText("文件：客户.xlsx")).toBeTruthy();
    expect(screen.getByTestId("import-header-row").textContent).toContain("第 2 行");
    await userEvent.click(screen.getByTestId("import-to-columns"));

    // The guessed mapping is shown; the preview sends it as mapped.
    await userEvent.click(screen.getByTestId("import-to-preview"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_preview")).toBe(true));
    const mapping = calls.find((c) => c.cmd === "import_preview")!.args.mapping as Mapping;
    expect(mapping).toMatchObject({ sheet: "客户", headerRow: 1, columns: SHEET.guess.columns });

    const rows = await screen.findAllByTestId("import-preview-row");
    // Bad rows first ("needs attention"), each naming its row and field.
    expect(rows.map((r) => r.getAttribute("data-row"))).toEqual(["4", "5"]);
    expect(rows[0].textContent).toContain("手机号");
    expect(rows[1].textContent).toContain("手机号（B 列）的数字已被 Excel 四舍五入（1.38001E+10）");
    expect(screen.getByTestId("import-count-invalid").textContent).toContain("2");

    await userEvent.click(screen.getByTestId("import-commit"));
    await userEvent.click(await screen.findByTestId("import-commit-confirm"));
    expect(await screen.findByTestId("import-running")).toBeTruthy();
    await emit(PROGRESS_EVENT, { done: 2, total: 3 });
    await waitFor(() => expect(screen.getByTestId("import-running").textContent).toContain("正在导入：2 / 3 行"));
    committed.resolve(SUMMARY);

    const result = await screen.findByTestId("import-result");
    expect(within(result).getByTestId("import-result-imported").textContent).toContain("1");
    expect(within(result).getByTestId("import-result-failed").textContent).toContain("2");
    expect(within(result).getAllByTestId("import-failed-row")).toHaveLength(2);
    await userEvent.click(screen.getByTestId("import-save-failed"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_save_failed")).toBe(true));
    const saved = calls.find((c) => c.cmd === "import_save_failed")!.args;
    expect(saved.language).toBe("zh-CN");
    const reasons = saved.reasons as { row: number; reason: string }[];
    expect(reasons.map((r) => r.row)).toEqual([3, 4]);
    expect(reasons[0].reason).toContain("手机号");
    expect(reasons[1].reason).toContain("B 列");
  });

  it("stops a running import at the user's word and says what was kept", async () => {
    const committed = deferred<ImportSummary>();
    const calls = mockCommands({
      import_templates: () => [],
      import_pick_file: () => ({ outcome: "read", name: "a.xlsx", sheets: [{ name: "客户", rows: 5, columns: 4, blank: false }] }),
      import_sheet: () => SHEET,
      import_preview: () => PREVIEW,
      import_commit: () => committed.promise,
      import_cancel: () => null,
    });
    await renderIn("zh-CN", <ImportWizard open onClose={() => {}} lang="zh-CN" />, manager());
    await userEvent.click(await screen.findByTestId("import-pick"));
    await userEvent.click(await screen.findByTestId("import-to-columns"));
    await userEvent.click(screen.getByTestId("import-to-preview"));
    await userEvent.click(await screen.findByTestId("import-commit"));
    await userEvent.click(await screen.findByTestId("import-commit-confirm"));
    await userEvent.click(await screen.findByTestId("import-cancel"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_cancel")).toBe(true));
    expect(screen.getByTestId("import-cancel").textContent).toContain("正在停止");
    committed.resolve({ ...SUMMARY, imported: 0, failed: 0, failedRows: [], cancelled: true });
    expect((await screen.findByTestId("import-result")).textContent).toContain("导入已停止");
  });

  it("says in English why a file cannot be imported", async () => {
    mockCommands({
      import_templates: () => [],
      import_pick_file: () => ({
        outcome: "refused",
        name: "locked.xlsx",
        error: { kind: "encrypted", message: "the workbook is protected by a password" },
      }),
    });
    await renderIn("en", <ImportWizard open onClose={() => {}} lang="en" />, manager());
    await userEvent.click(await screen.findByTestId("import-pick"));
    expect((await screen.findByTestId("import-refused")).textContent).toContain("protected by a password");
  });

  it("refuses a field mapped to two columns and saves a mapping as a template", async () => {
    const calls = mockCommands({
      import_templates: () => [],
      import_pick_file: () => ({ outcome: "read", name: "a.csv", sheets: [{ name: "a", rows: 5, columns: 4, blank: false }] }),
      import_sheet: () => SHEET,
      save_import_template: ({ template }) => [template],
    });
    await renderIn("en", <ImportWizard open onClose={() => {}} lang="en" />, manager());
    await userEvent.click(await screen.findByTestId("import-pick"));
    await userEvent.click(await screen.findByTestId("import-to-columns"));

    // Column D mapped to "Mobile" as well as column B.
    const select = within(screen.getByTestId("import-field-3")).getByRole("combobox");
    fireEvent.mouseDown(select);
    const options = await screen.findAllByTitle("Mobile");
    await userEvent.click(options[options.length - 1]);
    expect((await screen.findByTestId("import-mapped-twice")).textContent).toContain("“Mobile” is mapped to columns B、D");
    expect(screen.getByTestId("import-to-preview")).toHaveProperty("disabled", true);

    fireEvent.mouseDown(select);
    const skip = await screen.findAllByTitle("Not imported");
    await userEvent.click(skip[skip.length - 1]);
    await waitFor(() => expect(screen.queryByTestId("import-mapped-twice")).toBeNull());

    await userEvent.type(screen.getByTestId("import-template-name"), "Old DMS");
    await userEvent.click(screen.getByTestId("import-template-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_import_template")).toBe(true));
    const template = calls.find((c) => c.cmd === "save_import_template")!.args.template as Mapping;
    expect(template).toEqual({
      name: "Old DMS",
      sheet: "客户",
      headerRow: 1,
      columns: { 0: "customerName", 1: "mobile", 2: "plate" },
    });
  });
});

describe("the wizard's helpers", () => {
  it("letters columns as a spreadsheet does and finds fields mapped twice", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect([...mappedTwice({ 0: "mobile", 1: "plate", 4: "mobile" })]).toEqual([["mobile", [0, 4]]]);
  });
});

describe("the import button", () => {
  it("is there for a manager and an administrator, not for an advisor", async () => {
    const { ImportButton } = await import("./ImportButton");
    mockCommands({ import_templates: () => [] });
    const { unmount } = await renderIn("zh-CN", <ImportButton lang="zh-CN" />, manager());
    await userEvent.click(await screen.findByTestId("archive-import"));
    expect(await screen.findByTestId("import-pick")).toBeTruthy();
    unmount();
    await renderIn("zh-CN", <ImportButton lang="zh-CN" />, testSession("service_advisor"));
    expect(screen.queryByTestId("archive-import")).toBeNull();
  });
});
