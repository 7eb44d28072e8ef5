import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it, vi } from "vitest";
import { CHANGES_EVENT } from "../live";
import { auditEntry, customer, detail, mockCommands, vehicle } from "../test/fixtures";
import { renderIn } from "../test/render";
import { ArchiveModule } from "./ArchiveModule";
import { CustomerPage } from "./CustomerPage";
import { visitSession, summary as visitSummary } from "../visits/testing";
import { NavigationContext } from "../shell/navigation";
import type { ChangeKind, CustomerInput, Role } from "../bindings";

/** What the backend says after a commit on any desk. */
const changes = (...kinds: ChangeKind[]) => emit(CHANGES_EVENT, { changes: kinds.map((kind) => ({ kind, id: 1 })), everything: false });

/** The service visits the page reads: none, unless a test says otherwise. */
const NO_VISITS = {
  customer_visits: () => [],
  vehicle_visits: () => ({ visits: [], declinedWork: [] }),
};

const renderPage = async (lang: "zh-CN" | "en" = "zh-CN") => {
  const onEdit = vi.fn();
  const onBack = vi.fn();
  await renderIn(
    lang,
    <CustomerPage customerId={1} lang={lang} onBack={onBack} onEdit={onEdit} onOpenCustomer={vi.fn()} />,
  );
  return { onEdit, onBack };
};

describe("the customer page", () => {
  it("shows the file: contact details, vehicles with their due dates, and an honest empty history", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    mockCommands({
      ...NO_VISITS,
      get_customer: () =>
        detail(customer({ grade: "vip", leadGrade: "A" }), [
          vehicle(),
          vehicle({ id: 12, plate: null, vin: "LFV3A23C1K3000002", model: "探岳 Tayron", insuranceExpiry: soon, warrantyEnd: "2099-01-01" }),
        ]),
    });
    const { onEdit } = await renderPage();

    expect((await screen.findByTestId("customer-page-name")).textContent).toBe("张伟");
    const page = screen.getByTestId("customer-page");
    expect(within(page).getAllByText("139 1234 5678").length).toBeGreaterThan(0);
    const cards = screen.getAllByTestId("vehicle-card");
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByText("京A12345")).toBeTruthy();
    expect(within(cards[0]).getByText("已过保")).toBeTruthy(); // warranty ended 2024
    expect(within(cards[1]).getByText("未上牌")).toBeTruthy();
    expect(within(cards[1]).getByText("10 天内到期")).toBeTruthy();

    await userEvent.click(screen.getByText("服务历史"));
    expect(await screen.findByText("暂无维修记录")).toBeTruthy();

    await userEvent.click(screen.getByTestId("customer-edit"));
    expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }));
  });

  it("archives after confirmation, then allows no edits until restored", async () => {
    let archivedAt: string | null = null;
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(customer({ archivedAt })),
      set_customer_archived: ({ archived }) => {
        archivedAt = archived ? "2026-01-10T08:00:00Z" : null;
        return detail(customer({ archivedAt }));
      },
    });
    await renderPage("en");
    await screen.findByTestId("customer-page-name");

    await userEvent.click(screen.getByTestId("customer-archive"));
    expect(await screen.findByText(/Archiving deletes nothing/)).toBeTruthy();
    await userEvent.click(screen.getByTestId("customer-archive-confirm"));

    await waitFor(() => expect(screen.getByTestId("customer-archived-banner")).toBeTruthy());
    expect(calls.find((c) => c.cmd === "set_customer_archived")?.args).toEqual({ id: 1, archived: true });
    expect(screen.getByTestId("customer-edit")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("customer-archive").textContent).toContain("Restore");
  });

  it("lists a vehicle's owners", async () => {
    mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(),
      get_vehicle: () => ({
        vehicle: vehicle(),
        owners: [
          { vehicleId: 11, customerId: 1, customerName: "张伟", vehicleLabel: "京A12345 迈腾", from: "2023-04-01", until: null },
          { vehicleId: 11, customerId: 9, customerName: "刘强", vehicleLabel: "京A12345 迈腾", from: "2021-05-20", until: "2023-04-01" },
        ],
      }),
    });
    await renderPage();
    await userEvent.click(await screen.findByTestId("vehicle-owners"));
    const entries = await screen.findAllByTestId("owner-entry");
    expect(entries.map((e) => e.textContent)).toEqual([
      expect.stringContaining("张伟"),
      expect.stringContaining("刘强"),
    ]);
    expect(screen.getByText("2021-05-20 至 2023-04-01")).toBeTruthy();
  });

  it("edits a vehicle in the same fields, through updateVehicle", async () => {
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(),
      update_vehicle: ({ input }) => detail(customer(), [vehicle({ ...(input as object), id: 11 })]),
    });
    await renderPage("en");
    await userEvent.click(await screen.findByTestId("vehicle-edit"));

    const mileage = await screen.findByTestId("vehicle-mileage");
    expect(screen.getByTestId("vehicle-vin")).toHaveProperty("value", "LFV2A21K8G3000001");
    await userEvent.clear(mileage);
    await userEvent.type(mileage, "51000");
    await userEvent.click(screen.getByTestId("vehicle-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "update_vehicle")).toBe(true));
    const call = calls.find((c) => c.cmd === "update_vehicle");
    expect(call?.args.id).toBe(11);
    expect(call?.args.input).toMatchObject({ mileageKm: 51000, plate: "京A12345", purchaseDate: "2021-05-20" });
    expect(await screen.findByText("Vehicle saved")).toBeTruthy();
    expect(within(screen.getByTestId("vehicle-card")).getByText("51,000 km")).toBeTruthy();
  });

  it("saves a vehicle against the version it was filled from, and says when another desk changed it", async () => {
    let shown = vehicle();
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(customer(), [shown]),
      vehicle_history: () =>
        shown.updatedAt === vehicle().updatedAt
          ? []
          : [auditEntry({ at: shown.updatedAt, staffName: "孙悦", entity: "vehicle", entityId: 11 })],
      update_vehicle: ({ input }) =>
        detail(customer(), [vehicle({ ...(input as object), id: 11, updatedAt: "2026-01-10T05:00:00Z" })]),
    });
    await renderPage("en");
    await userEvent.click(await screen.findByTestId("vehicle-edit"));
    const mileage = await screen.findByTestId("vehicle-mileage");
    await userEvent.clear(mileage);
    await userEvent.type(mileage, "51000");

    // Another desk changes the colour meanwhile.
    shown = vehicle({ colour: "黑色", updatedAt: "2026-01-10T03:00:00Z" });
    await changes("vehicle");
    const notice = await screen.findByTestId("changed-underneath");
    await waitFor(() => expect(notice.textContent).toContain("孙悦"));
    expect(screen.getByTestId("vehicle-mileage")).toHaveProperty("value", "51000");

    await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
    await waitFor(() => expect(screen.queryByTestId("changed-underneath")).toBeNull());
    await userEvent.click(screen.getByTestId("vehicle-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_vehicle")).toBe(true));
    expect(calls.find((c) => c.cmd === "update_vehicle")?.args.input).toMatchObject({
      colour: "黑色",
      version: "2026-01-10T03:00:00Z",
    });
  });

  it("passes a vehicle to a customer found by search", async () => {
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(),
      search_customers: () => [
        { id: 1, name: "张伟", mobile: "13912345678", grade: "ordinary", leadGrade: null, archived: false, vehicles: [] },
        { id: 9, name: "刘强", mobile: "13566667777", grade: "ordinary", leadGrade: null, archived: false, vehicles: [] },
      ],
      change_owner: () => ({
        vehicle: vehicle({ customerId: 9 }),
        owners: [{ vehicleId: 11, customerId: 9, customerName: "刘强", vehicleLabel: "京A12345", from: "2026-01-10", until: null }],
      }),
    });
    await renderPage("zh-CN");
    await userEvent.click(await screen.findByTestId("vehicle-change-owner"));

    const picker = (await screen.findByTestId("change-owner-form")).querySelector("input");
    if (!picker) throw new Error("no picker input");
    await userEvent.type(picker, "刘");
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "search_customers")?.args.query).toMatchObject({ text: "刘" }),
    );
    // The present owner is not offered.
    expect(screen.queryByText("张伟 · 139 1234 5678")).toBeNull();
    await userEvent.click(await screen.findByText("刘强 · 135 6666 7777"));
    await userEvent.click(screen.getByTestId("change-owner-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "change_owner")).toBe(true));
    const change = calls.find((c) => c.cmd === "change_owner")?.args.change as { vehicleId: number; newOwner: number; date: string };
    expect(change.vehicleId).toBe(11);
    expect(change.newOwner).toBe(9);
    expect(change.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("lists the change history newest first: when, who, what, and each field before → after", async () => {
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(),
      customer_history: () => [
        auditEntry({
          id: 1,
          at: "2025-03-02T02:15:00Z",
          staffName: "刘洋",
          action: "created",
          changes: [
            { field: "name", before: null, after: "张伟" },
            { field: "notes", before: null, after: "" },
          ],
        }),
        auditEntry({
          id: 3,
          at: "2026-01-10T02:30:00Z",
          staffName: "王丽",
          action: "updated",
          changes: [
            { field: "address", before: "北京市朝阳区望京街 8 号", after: "北京市海淀区中关村大街 1 号" },
            { field: "marketingConsent", before: false, after: true },
            { field: "contactTime", before: null, after: "evening" },
          ],
        }),
        auditEntry({
          id: 2,
          at: "2025-06-01T06:00:00Z",
          staffName: "陈军",
          entity: "vehicle",
          entityId: 11,
          action: "updated",
          changes: [{ field: "mileageKm", before: 40000, after: 48210 }],
        }),
      ],
    });
    await renderPage("zh-CN");

    await userEvent.click(await screen.findByTestId("customer-history-tab"));
    const entries = await screen.findAllByTestId("history-entry");
    expect(calls.find((c) => c.cmd === "customer_history")?.args).toEqual({ id: 1 });
    expect(entries.map((e) => e.querySelector(".history-who")?.textContent)).toEqual(["王丽", "陈军", "刘洋"]);

    const [latest, vehicleEntry, created] = entries;
    expect(latest.textContent).toContain("修改");
    expect(latest.textContent).toContain("联系地址：北京市朝阳区望京街 8 号 → 北京市海淀区中关村大街 1 号");
    expect(latest.textContent).toContain("营销许可：否 → 是");
    expect(latest.textContent).toContain("方便联系时间：— → 晚上");
    expect(vehicleEntry.textContent).toContain("车辆 京A12345 · 迈腾 Magotan");
    expect(vehicleEntry.textContent).toContain("行驶里程：40,000 公里 → 48,210 公里");
    expect(created.textContent).toContain("新建");
    expect(created.textContent).toContain("客户姓名：张伟");
    expect(created.textContent).not.toContain("备注");
  });

  it("shows one vehicle's history from its card, in English", async () => {
    const calls = mockCommands({
      ...NO_VISITS,
      get_customer: () => detail(),
      vehicle_history: () => [
        auditEntry({
          entity: "vehicle",
          entityId: 11,
          action: "owner_changed",
          staffName: "Wang Li",
          changes: [
            { field: "owner", before: "刘强", after: "张伟" },
            { field: "date", before: null, after: "2023-04-01" },
          ],
        }),
      ],
    });
    await renderPage("en");

    await userEvent.click(await screen.findByTestId("vehicle-history"));
    const [entry] = await within(await screen.findByTestId("vehicle-history-modal")).findAllByTestId("history-entry");
    expect(calls.find((c) => c.cmd === "vehicle_history")?.args).toEqual({ id: 11 });
    expect(entry.textContent).toContain("Wang Li");
    expect(entry.textContent).toContain("Owner changed");
    expect(entry.textContent).toContain("Owner: 刘强 → 张伟");
    expect(entry.textContent).toContain("Date: — → 1 Apr 2023");
  });

  it("says so when nothing was recorded", async () => {
    mockCommands({ ...NO_VISITS, get_customer: () => detail(), customer_history: () => [] });
    await renderPage("en");
    await userEvent.click(await screen.findByTestId("customer-history-tab"));
    expect(await screen.findByText("No changes recorded")).toBeTruthy();
  });

  describe("with the service visits", () => {
    const renderAs = async (role: Role, lang: "zh-CN" | "en" = "zh-CN") => {
      const navigate = vi.fn();
      await renderIn(
        lang,
        <NavigationContext.Provider value={navigate}>
          <CustomerPage customerId={1} lang={lang} onBack={vi.fn()} onEdit={vi.fn()} onOpenCustomer={vi.fn()} />
        </NavigationContext.Provider>,
        visitSession(role),
      );
      return navigate;
    };

    it("lists the customer's visits and opens one on a click", async () => {
      const calls = mockCommands({
        ...NO_VISITS,
        get_customer: () => detail(),
        customer_visits: () => [
          visitSummary({ id: 9, number: "20261122-003", state: "handed_over", receivedAt: "2026-11-22T01:00:00Z", total: 81191 }),
          visitSummary({ id: 4, number: "20260501-001", state: "followed_up", receivedAt: "2026-05-01T01:00:00Z", total: 45000 }),
        ],
      });
      const navigate = await renderAs("service_advisor");

      const row = await screen.findByTestId("customer-visit-9");
      expect(calls.find((c) => c.cmd === "customer_visits")?.args).toEqual({ id: 1 });
      const card = screen.getByTestId("customer-visits");
      expect(within(card).getAllByTestId(/^customer-visit-\d+$/)).toHaveLength(2);
      expect(row.textContent).toContain("20261122-003");
      expect(row.textContent).toContain("2026-11-22");
      expect(row.textContent).toContain("京A12345");
      expect(row.textContent).toContain("已交车");
      expect(row.textContent).toContain("¥811.91");

      await userEvent.click(within(row).getByText("20261122-003"));
      expect(navigate).toHaveBeenCalledWith({ module: "visits", visitId: 9 });
    });

    it("shows each vehicle's next service and declined work, and books or receives it", async () => {
      const calls = mockCommands({
        ...NO_VISITS,
        get_customer: () =>
          detail(customer(), [
            vehicle({ nextServiceDate: "2027-05-22", nextServiceKm: 60000 }),
            vehicle({ id: 12, plate: "京B54321", vin: "LFV3A23C1K3000002" }),
          ]),
        vehicle_visits: ({ id }) => ({
          visits: [],
          declinedWork:
            id === 11
              ? [
                  {
                    id: 2,
                    visitId: 9,
                    visitNumber: "20261122-003",
                    description: "更换雨刮片",
                    amount: 19000,
                    declinedAt: "2026-11-22T04:00:00Z",
                  },
                ]
              : [],
        }),
      });
      const navigate = await renderAs("service_advisor");

      const next = await screen.findByTestId("vehicle-next-service-11");
      expect(next.textContent).toContain("2027-05-22");
      expect(next.textContent).toContain("60,000 公里");
      expect(screen.queryByTestId("vehicle-next-service-12")).toBeNull();
      const declined = await screen.findByTestId("vehicle-declined-11");
      expect(declined.textContent).toContain("更换雨刮片");
      expect(declined.textContent).toContain("¥190.00");
      expect(declined.textContent).toContain("20261122-003");
      expect(screen.queryByTestId("vehicle-declined-12")).toBeNull();
      expect(calls.filter((c) => c.cmd === "vehicle_visits").map((c) => c.args.id).sort()).toEqual([11, 12]);

      await userEvent.click(screen.getByTestId("vehicle-book-12"));
      expect(navigate).toHaveBeenCalledWith({ module: "appointments", book: { customerId: 1, vehicleId: 12 } });
      await userEvent.click(screen.getByTestId("vehicle-walkin-11"));
      expect(navigate).toHaveBeenCalledWith({ module: "visits", walkIn: { customerId: 1, vehicleId: 11 } });
    });

    it("offers booking and walk-in reception only to the roles that may", async () => {
      mockCommands({ ...NO_VISITS, get_customer: () => detail() });
      await renderAs("technician", "en");
      await screen.findByTestId("customer-visits");
      expect(await screen.findByText("No visits yet")).toBeTruthy();
      expect(screen.queryByTestId("vehicle-book-11")).toBeNull();
      expect(screen.queryByTestId("vehicle-walkin-11")).toBeNull();
    });

    it("offers nothing new for an archived customer", async () => {
      mockCommands({ ...NO_VISITS, get_customer: () => detail(customer({ archivedAt: "2026-01-10T08:00:00Z" })) });
      await renderAs("service_manager");
      await screen.findByTestId("customer-visits");
      expect(screen.queryByTestId("vehicle-book-11")).toBeNull();
      expect(screen.queryByTestId("vehicle-walkin-11")).toBeNull();
    });
  });

  describe("live", () => {
    it("shows another desk's changes without a click: the customer, the visits and the history", async () => {
      let theirs = false;
      const calls = mockCommands({
        ...NO_VISITS,
        get_customer: () => detail(customer(theirs ? { name: "张伟明", updatedAt: "2026-01-10T03:00:00Z" } : {})),
        customer_visits: () =>
          theirs ? [visitSummary({ id: 9, number: "20261122-003", state: "received", receivedAt: "2026-11-22T01:00:00Z" })] : [],
        customer_history: () =>
          theirs ? [auditEntry({ staffName: "孙悦", changes: [{ field: "name", before: "张伟", after: "张伟明" }] })] : [],
      });
      await renderPage("zh-CN");
      await screen.findByTestId("customer-visits");
      expect(screen.getByTestId("customer-page-name").textContent).toBe("张伟");
      const reads = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;
      await waitFor(() => expect(reads("customer_visits")).toBe(1));

      // Another desk renames the customer and receives their car.
      theirs = true;
      await changes("customer");
      await waitFor(() => expect(screen.getByTestId("customer-page-name").textContent).toBe("张伟明"));
      await changes("visit");
      expect(await screen.findByTestId("customer-visit-9")).toBeTruthy();

      await userEvent.click(screen.getByTestId("customer-history-tab"));
      const [entry] = await screen.findAllByTestId("history-entry");
      expect(entry.textContent).toContain("孙悦");
      expect(entry.textContent).toContain("张伟 → 张伟明");
    });

    it("keeps the edit drawer as typed when another desk changes the customer, says so, and reloads on request", async () => {
      let shown = customer();
      const calls = mockCommands({
        ...NO_VISITS,
        get_customer: () => detail(shown),
        customer_history: () =>
          shown.updatedAt === customer().updatedAt
            ? []
            : [
                auditEntry({
                  at: shown.updatedAt,
                  staffName: "孙悦",
                  changes: [{ field: "address", before: "北京市朝阳区望京街 8 号", after: shown.address }],
                }),
              ],
        archive_stats: () => ({ customers: 1, leads: 0, vehicles: 1, archived: 0 }),
        search_customers: () => [],
        update_customer: ({ input }) => detail({ ...shown, ...(input as CustomerInput), updatedAt: "2026-01-10T04:00:00Z" }),
      });
      await renderIn("zh-CN", <ArchiveModule lang="zh-CN" request={{ module: "archive", customerId: 1, serial: 1 }} />);
      await userEvent.click(await screen.findByTestId("customer-edit"));
      const notes = await screen.findByTestId("customer-notes");
      await userEvent.type(notes, "周末方便");

      // Another desk moves the customer to another address.
      shown = customer({ address: "北京市海淀区中关村大街 1 号", updatedAt: "2026-01-10T03:00:00Z" });
      await changes("customer");
      const notice = await screen.findByTestId("changed-underneath");
      await waitFor(() => expect(notice.textContent).toContain("孙悦"));
      // What was typed stays; the field they changed is not overwritten.
      expect(screen.getByTestId("customer-notes")).toHaveProperty("value", "周末方便");
      expect(screen.getByTestId("customer-address")).toHaveProperty("value", "北京市朝阳区望京街 8 号");

      await userEvent.click(within(notice).getByTestId("changed-underneath-reload"));
      await waitFor(() =>
        expect(screen.getByTestId("customer-address")).toHaveProperty("value", "北京市海淀区中关村大街 1 号"),
      );
      expect(screen.getByTestId("customer-notes")).toHaveProperty("value", "");
      expect(screen.queryByTestId("changed-underneath")).toBeNull();

      await userEvent.type(screen.getByTestId("customer-notes"), "周末方便");
      await userEvent.click(screen.getByTestId("customer-save"));
      await waitFor(() => expect(calls.some((c) => c.cmd === "update_customer")).toBe(true));
      // Saved against the version reloaded, with the other desk's address.
      expect(calls.find((c) => c.cmd === "update_customer")?.args.input).toMatchObject({
        address: "北京市海淀区中关村大街 1 号",
        notes: "周末方便",
        version: "2026-01-10T03:00:00Z",
      });
    });
  });
});
