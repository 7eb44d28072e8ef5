import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { CustomerQuery, CustomerSummary } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, stats, summary } from "../test/fixtures";
import { renderIn, testSession } from "../test/render";
import { ArchiveModule } from "./ArchiveModule";

/** Clicks once the element takes pointer events (a table that is still loading blurs its rows). */
async function clickWhenReady(element: HTMLElement) {
  await waitFor(() => expect(element.closest(".ant-spin-blur")).toBeNull());
  await userEvent.click(element);
}

const ZHANG = summary();
const LI = summary({
  id: 2,
  name: "李娜",
  mobile: "13800001111",
  grade: "vip",
  leadGrade: "B",
  vehicles: [],
});

/** A promise resolved from outside, to answer a search when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const queries = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === "search_customers").map((c) => c.args.query as CustomerQuery);

describe("the customer archive list", () => {
  it("searches as the user types and shows the matching customers", async () => {
    const calls = mockCommands({
      archive_stats: () => stats(),
      search_customers: ({ query }) => ((query as CustomerQuery).text === "" ? [ZHANG, LI] : [LI]),
    });
    await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />);

    const search = screen.getByTestId("archive-search");
    expect(search.tagName).toBe("INPUT");
    expect(search).toHaveProperty("placeholder", "姓名、电话、车牌号或车架号");
    await waitFor(() => expect(document.activeElement).toBe(search));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(2);
    expect(screen.getByTestId("archive-stats").textContent).toContain("在档客户");

    await userEvent.type(search, "李娜");
    await waitFor(() => expect(queries(calls).map((q) => q.text)).toContain("李娜"));
    // Debounced: one request for the settled text, not one per keystroke.
    expect(queries(calls).map((q) => q.text)).toEqual(["", "李娜"]);
    expect(queries(calls)[1]).toEqual({ text: "李娜", leadsOnly: false, includeArchived: false, limit: 200 });

    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(1));
    const row = screen.getByTestId("customer-row");
    expect(row.tagName).toBe("TR");
    expect(row.getAttribute("data-customer-name")).toBe("李娜");
    expect(within(row).getByText("VIP")).toBeTruthy();
    expect(within(row).getByText("B 级")).toBeTruthy();
    expect(within(row).getByText("138 0000 1111")).toBeTruthy();
  });

  it("passes the toggles to the search", async () => {
    const calls = mockCommands({ archive_stats: () => stats(), search_customers: () => [ZHANG] });
    await renderIn("en", <ArchiveModule lang="en" />);
    await screen.findByTestId("customer-row");

    await userEvent.click(screen.getByText("Leads only"));
    await waitFor(() => expect(queries(calls).at(-1)?.leadsOnly).toBe(true));
    await userEvent.click(screen.getByText("Show archived"));
    await waitFor(() => expect(queries(calls).at(-1)).toMatchObject({ leadsOnly: true, includeArchived: true }));
  });

  it("ignores an answer that arrives after the answer to a newer search", async () => {
    const slow = deferred<CustomerSummary[]>();
    const calls = mockCommands({
      archive_stats: () => stats(),
      search_customers: ({ query }) => {
        const text = (query as CustomerQuery).text;
        if (text === "张") return slow.promise; // the older query answers last
        if (text === "张伟") return [ZHANG];
        return [];
      },
    });
    await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />);
    const search = screen.getByTestId("archive-search");

    await userEvent.type(search, "张");
    await waitFor(() => expect(queries(calls).map((q) => q.text)).toContain("张"));
    await userEvent.type(search, "伟");
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(1));

    // The stale answer arrives; act() lets React process everything it causes.
    await act(async () => {
      slow.resolve([ZHANG, LI]);
      await slow.promise;
    });
    const rows = screen.getAllByTestId("customer-row");
    expect(rows.map((r) => r.getAttribute("data-customer-name"))).toEqual(["张伟"]);
  });

  it("opens the customer's page from a row, and back keeps the search", async () => {
    mockCommands({
      archive_stats: () => stats(),
      search_customers: () => [ZHANG],
      get_customer: () => ({
        customer: {
          id: 1,
          name: "张伟",
          mobile: "13912345678",
          otherPhones: [],
          contactTime: null,
          address: "",
          grade: "ordinary",
          leadGrade: null,
          source: null,
          birthday: null,
          marketingConsent: false,
          marketingConsentChanged: null,
          notes: "",
          archivedAt: null,
          createdAt: "2025-03-02T02:15:00Z",
          updatedAt: "2025-03-02T02:15:00Z",
        },
        vehicles: [],
        formerVehicles: [],
      }),
    });
    await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />);
    await userEvent.type(screen.getByTestId("archive-search"), "京A");
    await clickWhenReady(await screen.findByTestId("customer-row"));

    expect((await screen.findByTestId("customer-page-name")).textContent).toBe("张伟");
    await userEvent.click(screen.getByTestId("customer-back"));
    expect((await screen.findByTestId("archive-search")).getAttribute("value")).toBe("京A");
  });

  it("offers demo data when the archive is empty, and shows it once loaded", async () => {
    let loaded = false;
    const calls = mockCommands({
      archive_stats: () => (loaded ? stats({ customers: 12, leads: 3, vehicles: 15 }) : stats({ customers: 0, leads: 0, vehicles: 0 })),
      search_customers: () => (loaded ? [ZHANG, LI] : []),
      load_demo_data: () => {
        loaded = true;
        return stats({ customers: 12, leads: 3, vehicles: 15 });
      },
    });
    await renderIn("en", <ArchiveModule lang="en" />);

    expect(await screen.findByText("The customer archive is empty")).toBeTruthy();
    expect(screen.queryByTestId("customer-row")).toBeNull();
    await userEvent.click(screen.getByTestId("archive-load-demo"));

    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "load_demo_data")).toHaveLength(1);
    expect(screen.getByTestId("archive-stats").textContent).toContain("12");
    expect(screen.queryByTestId("archive-load-demo")).toBeNull();
  });

  it("exports the whole archive for a manager, and offers no export to an advisor", async () => {
    const calls = mockCommands({
      archive_stats: () => stats(),
      search_customers: () => [ZHANG, LI],
      export_archive: () => ({ path: "/home/chen/客户档案 2026-12-05.xlsx", rows: 1234 }),
    });
    const view = await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />, testSession("service_manager"));
    await userEvent.click(await screen.findByTestId("archive-export"));
    expect(await screen.findByText("已导出 1,234 行（客户、车辆、来店记录）到 /home/chen/客户档案 2026-12-05.xlsx")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "export_archive").map((c) => c.args)).toEqual([{ language: "zh-CN" }]);
    view.unmount();

    mockCommands({ archive_stats: () => stats(), search_customers: () => [ZHANG, LI] });
    await renderIn("en", <ArchiveModule lang="en" />, testSession("service_advisor"));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(2);
    expect(screen.queryByTestId("archive-export")).toBeNull();
  });

  it("says nothing when the save dialog is cancelled", async () => {
    const calls = mockCommands({ archive_stats: () => stats(), search_customers: () => [], export_archive: () => null });
    await renderIn("en", <ArchiveModule lang="en" />, testSession("administrator"));
    await userEvent.click(await screen.findByTestId("archive-export"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "export_archive")).toBe(true));
    expect(screen.queryByText(/Exported/)).toBeNull();
  });

  it("says so when nothing matches, without offering demo data", async () => {
    mockCommands({ archive_stats: () => stats(), search_customers: () => [] });
    await renderIn("en", <ArchiveModule lang="en" />);
    await userEvent.type(screen.getByTestId("archive-search"), "nobody");
    expect(await screen.findByText("No customer matches")).toBeTruthy();
    expect(screen.queryByTestId("archive-load-demo")).toBeNull();
  });

  it("shows a customer registered on another desk without a click", async () => {
    let registered = false;
    const calls = mockCommands({
      archive_stats: () => stats({ customers: registered ? 3 : 2 }),
      search_customers: () => (registered ? [ZHANG, LI] : [ZHANG]),
    });
    await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(1));
    const searches = () => queries(calls).length;
    const before = searches();

    // A campaign elsewhere is not the list's business.
    await emit(CHANGES_EVENT, { changes: [{ kind: "campaign", id: 3 }], everything: false });
    registered = true;
    await emit(CHANGES_EVENT, { changes: [{ kind: "customer", id: 2 }, { kind: "vehicle", id: 12 }], everything: false });
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId("archive-stats").textContent).toContain("3"));
    expect(searches()).toBe(before + 1);
  });
});

describe("exporting the customer list", () => {
  it("exports every customer the current search and filters find, for a manager", async () => {
    const calls = mockCommands({
      archive_stats: () => stats(),
      search_customers: ({ query }) => ((query as CustomerQuery).text === "" ? [ZHANG, LI] : [LI]),
      export_customer_list: () => ({ path: "/home/chen/客户列表 2026-12-05.xlsx", rows: 1520 }),
    });
    await renderIn("zh-CN", <ArchiveModule lang="zh-CN" />, testSession("service_manager"));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(2);
    await userEvent.type(screen.getByTestId("archive-search"), "李");
    await userEvent.click(screen.getByTestId("archive-leads-only"));
    await waitFor(() => expect(queries(calls).at(-1)).toMatchObject({ text: "李", leadsOnly: true }));
    await userEvent.click(screen.getByTestId("archive-export-list"));
    expect(await screen.findByText("已导出 1,520 位客户到 /home/chen/客户列表 2026-12-05.xlsx")).toBeTruthy();
    // No limit: every match, not only the lines the screen shows.
    expect(calls.filter((c) => c.cmd === "export_customer_list").map((c) => c.args)).toEqual([
      { query: { text: "李", leadsOnly: true, includeArchived: false, limit: null }, language: "zh-CN" },
    ]);
  });

  it("offers an advisor no export of the list", async () => {
    mockCommands({ archive_stats: () => stats(), search_customers: () => [ZHANG, LI] });
    await renderIn("en", <ArchiveModule lang="en" />, testSession("service_advisor"));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(2);
    expect(screen.queryByTestId("archive-export-list")).toBeNull();
  });
});
