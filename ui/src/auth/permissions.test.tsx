import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App";
import type { Preferences, Role } from "../bindings";
import { authStatus, customer, detail, mockCommands, sessionInfo, stats, summary } from "../test/fixtures";

/** Clicks once the element takes pointer events (a table that is still loading blurs its rows). */
async function clickWhenReady(element: HTMLElement) {
  await waitFor(() => expect(element.closest(".ant-spin-blur")).toBeNull());
  await userEvent.click(element);
}

const prefs = (): Preferences => ({ language: "zh-CN", languageChosen: true, databasePath: "/data/caredesk.sqlite" });

function signedInAs(role: Role, handlers: Record<string, (args: Record<string, unknown>) => unknown>) {
  return mockCommands({
    get_preferences: () => prefs(),
    auth_status: () => authStatus({ session: sessionInfo(role) }),
    ...handlers,
  });
}

describe("what a role is offered", () => {
  it("gives a service advisor the archive to edit, but not consent, archiving, demo data, staff or backups", async () => {
    signedInAs("service_advisor", {
      archive_stats: () => stats({ customers: 0, leads: 0, vehicles: 0 }),
      search_customers: () => [],
    });
    render(<App />);

    expect(await screen.findByText("客户档案还是空的")).toBeTruthy();
    expect(screen.queryByTestId("archive-load-demo")).toBeNull();
    expect(screen.getByTestId("archive-new-customer")).toBeTruthy();
    expect(screen.queryByTestId("nav-staff")).toBeNull();
    expect(screen.getByTestId("nav-archive")).toBeTruthy();

    // Settings: language and the database, nothing to manage.
    await userEvent.click(screen.getByTestId("open-settings"));
    const settings = await screen.findByTestId("settings");
    expect(within(settings).getByText("界面语言")).toBeTruthy();
    expect(screen.queryByTestId("settings-backup-now")).toBeNull();
    expect(screen.queryByTestId("settings-form")).toBeNull();
  });

  it("lets an advisor edit a customer but not their marketing consent, and not archive them", async () => {
    signedInAs("service_advisor", {
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_customer: () => detail(customer({ marketingConsent: false })),
    });
    render(<App />);

    await clickWhenReady(await screen.findByTestId("customer-row"));
    expect(await screen.findByTestId("customer-page-name")).toBeTruthy();
    expect(screen.queryByTestId("customer-archive")).toBeNull();
    expect(screen.getByTestId("vehicle-edit")).toBeTruthy();

    await userEvent.click(screen.getByTestId("customer-edit"));
    const consent = await screen.findByTestId("customer-marketing-consent");
    expect(consent).toHaveProperty("disabled", true);
    await userEvent.hover(consent.parentElement as HTMLElement);
    expect(await screen.findByText("只有服务经理或系统管理员可以更改营销许可")).toBeTruthy();
    expect(screen.getByTestId("customer-name")).toHaveProperty("disabled", false);
  });

  it("shows a technician the archive to read only", async () => {
    signedInAs("technician", {
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_customer: () => detail(),
    });
    render(<App />);

    await clickWhenReady(await screen.findByTestId("customer-row"));
    await screen.findByTestId("customer-page-name");
    for (const id of ["customer-edit", "customer-archive", "customer-add-vehicle", "vehicle-edit", "vehicle-change-owner"]) {
      expect(screen.queryByTestId(id), id).toBeNull();
    }
    expect(screen.getByTestId("vehicle-owners")).toBeTruthy();
    expect(screen.getByTestId("vehicle-history")).toBeTruthy();
    await userEvent.click(screen.getByTestId("customer-back"));
    await waitFor(() => expect(screen.queryByTestId("archive-new-customer")).toBeNull());
  });

  it("gives the service manager consent, archiving and backups, but not restore or staff", async () => {
    signedInAs("service_manager", {
      archive_stats: () => stats(),
      search_customers: () => [summary()],
      get_customer: () => detail(),
      list_backups: () => ({
        folder: "/data/backups",
        format: "file",
        backups: [
          {
            path: "/data/backups/a.sqlite",
            kind: "automatic",
            format: "file",
            takenAt: "2026-01-10T00:30:00Z",
            bytes: 1024,
            schemaVersion: 2,
            customers: 3,
          },
        ],
      }),
    });
    render(<App />);

    await clickWhenReady(await screen.findByTestId("customer-row"));
    expect(await screen.findByTestId("customer-archive")).toBeTruthy();
    await userEvent.click(screen.getByTestId("customer-edit"));
    expect(await screen.findByTestId("customer-marketing-consent")).toHaveProperty("disabled", false);
    expect(screen.queryByTestId("nav-staff")).toBeNull();

    await userEvent.click(screen.getByTestId("customer-cancel"));
    await userEvent.click(screen.getByTestId("open-settings"));
    expect(await screen.findByTestId("backup-row")).toBeTruthy();
    expect(screen.getByTestId("settings-backup-now")).toBeTruthy();
    expect(screen.queryByTestId("backup-restore")).toBeNull();
    expect(screen.queryByTestId("backup-restore-other")).toBeNull();
    expect(screen.queryByTestId("settings-form")).toBeNull();
  });
});
