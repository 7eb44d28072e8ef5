import { screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ServiceSettings } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { receivingStaff } from "./fields";
import { STAFF, serviceSession, serviceSettings } from "./fixtures";
import { ScheduleSettings } from "./ScheduleSettings";

async function renderSettings() {
  const onSaved = vi.fn();
  await renderIn(
    "zh-CN",
    <ScheduleSettings open lang="zh-CN" advisors={receivingStaff(STAFF)} onClose={vi.fn()} onSaved={onSaved} />,
    serviceSession("service_manager"),
  );
  await screen.findByTestId("schedule-settings-form");
  return { onSaved };
}

const errorUnder = (field: string) =>
  document.querySelector(`.field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

describe("the schedule settings", () => {
  it("shows the labour rate in yuan and the tax in percent, and sends fen and basis points", async () => {
    const calls = mockCommands({
      get_service_settings: () => serviceSettings(),
      update_service_settings: ({ settings }) => settings,
    });
    const { onSaved } = await renderSettings();

    const rate = screen.getByTestId("settings-labour-rate") as HTMLInputElement;
    const tax = screen.getByTestId("settings-tax") as HTMLInputElement;
    expect(rate.value).toBe("180.00");
    expect(tax.value).toBe("13.00");
    expect((screen.getByTestId("settings-opens") as HTMLInputElement).value).toBe("08:30");

    await userEvent.clear(rate);
    await userEvent.type(rate, "195.5");
    await userEvent.clear(tax);
    await userEvent.type(tax, "6");
    await userEvent.click(screen.getByTestId("settings-save"));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const sent = calls.find((c) => c.cmd === "update_service_settings")?.args.settings as ServiceSettings;
    expect(sent).toEqual({
      dealership: "一汽-大众北京金港",
      opens: "08:30:00",
      closes: "17:30:00",
      slotMinutes: 30,
      workshopHours: 64,
      labourRate: 19550,
      taxBasisPoints: 600,
      followUpFromDays: 1,
      followUpToDays: 3,
      advisorHours: [{ advisorId: 4, from: "08:30:00", to: "12:00:00" }],
    });
  });

  it("shows the refusals on their fields, an advisor's hours included", async () => {
    mockCommands({
      get_service_settings: () => serviceSettings(),
      update_service_settings: () => {
        throw refusal([
          { kind: "date_order", field: "closes", message: "closes must be after opens" },
          { kind: "out_of_range", field: "slotMinutes", message: "slotMinutes must be 10, 15, …" },
          { kind: "date_order", field: "advisorHours.0.to", message: "an advisor's hours must end after they start" },
        ]);
      },
    });
    const { onSaved } = await renderSettings();
    await userEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(errorUnder("closes")).toBe("停止接待时间须晚于开始接待时间"));
    expect(errorUnder("slotMinutes")).toBe("每个时段超出合理范围");
    expect(errorUnder("advisorHours-0-to")).toBe("结束时间须晚于开始时间");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("adds an advisor's reception hours", async () => {
    const calls = mockCommands({
      get_service_settings: () => serviceSettings({ advisorHours: [] }),
      update_service_settings: ({ settings }) => settings,
    });
    const { onSaved } = await renderSettings();
    await userEvent.click(screen.getByTestId("advisor-hours-add"));
    await userEvent.click(await screen.findByTestId("advisor-hours-advisor-0"));
    await userEvent.click((await screen.findAllByTestId("option-3")).at(-1) as HTMLElement);
    const to = screen.getByTestId("advisor-hours-to-0") as HTMLInputElement;
    await userEvent.clear(to);
    await userEvent.type(to, "12:00{enter}");
    await userEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const sent = calls.find((c) => c.cmd === "update_service_settings")?.args.settings as ServiceSettings;
    expect(sent.advisorHours).toEqual([{ advisorId: 3, from: "08:30:00", to: "12:00:00" }]);
  });

  it("keeps what is being typed when another desk changes the settings", async () => {
    let settings = serviceSettings();
    const calls = mockCommands({ get_service_settings: () => settings });
    await renderSettings();
    const rate = screen.getByTestId("settings-labour-rate") as HTMLInputElement;
    await userEvent.clear(rate);
    await userEvent.type(rate, "200");

    settings = serviceSettings({ labourRate: 21000, dealership: "金港二店" });
    await emit(CHANGES_EVENT, { changes: [{ kind: "settings", id: null }], everything: false });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_service_settings")).toHaveLength(2));
    expect(rate.value).toBe("200");
    expect(screen.getByTestId("settings-dealership")).toHaveProperty("value", "一汽-大众北京金港");
    // Said, and Reload takes the other desk's settings.
    await userEvent.click(await screen.findByTestId("changed-underneath-reload"));
    await waitFor(() => expect(screen.getByTestId("settings-dealership")).toHaveProperty("value", "金港二店"));
    expect((screen.getByTestId("settings-labour-rate") as HTMLInputElement).value).toBe("210.00");
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });

  it("follows another desk's change while nothing is typed", async () => {
    let settings = serviceSettings();
    mockCommands({ get_service_settings: () => settings });
    await renderSettings();
    expect(screen.getByTestId("settings-dealership")).toHaveProperty("value", "一汽-大众北京金港");
    settings = serviceSettings({ dealership: "金港二店" });
    await emit(CHANGES_EVENT, { changes: [{ kind: "settings", id: null }], everything: false });
    await waitFor(() => expect(screen.getByTestId("settings-dealership")).toHaveProperty("value", "金港二店"));
    expect(screen.queryByTestId("changed-underneath")).toBeNull();
  });

  it("says why the settings could not be read, and reads them again on Retry", async () => {
    let failing = true;
    mockCommands({
      get_service_settings: () => {
        if (failing) throw refusal([{ kind: "internal", message: "database is locked" }]);
        return serviceSettings();
      },
    });
    await renderIn(
      "zh-CN",
      <ScheduleSettings open lang="zh-CN" advisors={receivingStaff(STAFF)} onClose={vi.fn()} onSaved={vi.fn()} />,
      serviceSession("service_manager"),
    );
    const retry = await screen.findByTestId("read-retry");
    failing = false;
    await userEvent.click(retry);
    expect(await screen.findByTestId("schedule-settings-form")).toBeTruthy();
  });
});
