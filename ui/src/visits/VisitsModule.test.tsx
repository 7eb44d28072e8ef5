import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { customer, detail, mockCommands, vehicle } from "../test/fixtures";
import { renderIn } from "../test/render";
import { board, pageHandlers, summary, visit, visitSession } from "./testing";
import { VisitsModule } from "./VisitsModule";

describe("the visits module", () => {
  it("opens on the workshop board, and a card opens the visit's page", async () => {
    const shown = visit({ state: "received" });
    mockCommands({
      ...pageHandlers(() => shown),
      workshop_board: () => board([summary({ id: 7 })]),
    });
    await renderIn("zh-CN", <VisitsModule lang="zh-CN" request={null} />, visitSession("service_advisor"));
    await userEvent.click(await screen.findByTestId("workshop-card-7"));
    expect((await screen.findByTestId("visit-number")).textContent).toBe("20261122-003");
    await userEvent.click(screen.getByTestId("visits-back"));
    expect(await screen.findByTestId("workshop-board")).toBeTruthy();
  });

  it("opens the visit another screen asked for", async () => {
    mockCommands(pageHandlers(() => visit({ id: 12, number: "20261122-012" })));
    await renderIn(
      "en",
      <VisitsModule lang="en" request={{ module: "visits", visitId: 12, serial: 1 }} />,
      visitSession("technician"),
    );
    expect((await screen.findByTestId("visit-number")).textContent).toBe("20261122-012");
    // A technician does not receive vehicles.
    expect(screen.queryByTestId("reception-submit")).toBeNull();
    expect(screen.getByTestId("visit-waiting")).toBeTruthy();
  });

  it("receives a walk-in: the advisor, what is asked, the walk-around, then the new visit", async () => {
    const created = visit({ id: 31, number: "20261122-031", state: "received", walkIn: true, appointmentAt: undefined });
    const calls = mockCommands({
      ...pageHandlers(() => created),
      get_customer: () => detail(customer(), [vehicle()]),
      get_vehicle: () => ({ vehicle: vehicle(), owners: [] }),
      receive_walk_in: () => created,
    });
    await renderIn(
      "zh-CN",
      <VisitsModule lang="zh-CN" request={{ module: "visits", walkIn: { customerId: 1, vehicleId: 11 }, serial: 1 }} />,
      visitSession("service_advisor"),
    );

    const advisor = await screen.findByTestId("walkin-advisor");
    // Another advisor receives this one.
    fireEvent.mouseDown(advisor.querySelector(".ant-select-content, .ant-select-selector") ?? advisor);
    await userEvent.click(await screen.findByTestId("option-2"));
    expect(await screen.findByText("上次记录：48,210 公里")).toBeTruthy();
    await userEvent.type(screen.getByTestId("walkin-requested-work"), "左前轮异响检查");
    await userEvent.clear(screen.getByTestId("walkin-duration"));
    await userEvent.type(screen.getByTestId("walkin-duration"), "45");
    await userEvent.type(screen.getByTestId("reception-mileage"), "52000");
    await userEvent.type(screen.getByTestId("reception-concerns"), "转弯时左前轮咯吱响");
    await userEvent.click(screen.getByTestId("reception-submit"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "receive_walk_in")).toBe(true));
    expect(calls.find((c) => c.cmd === "receive_walk_in")?.args).toEqual({
      walkIn: {
        customerId: 1,
        vehicleId: 11,
        advisorId: 2,
        requestedWork: "左前轮异响检查",
        expectedMinutes: 45,
        replacementCar: false,
        reception: {
          mileageKm: 52000,
          fuelEighths: 4,
          damages: [],
          valuables: "",
          accessories: "",
          concerns: "转弯时左前轮咯吱响",
        },
      },
    });
    expect((await screen.findByTestId("visit-number")).textContent).toBe("20261122-031");
    // The page shows the visit the write returned, without reading it again.
    expect(calls.some((c) => c.cmd === "get_visit")).toBe(false);
  });

  it("defaults the walk-in's advisor to the signed-in advisor", async () => {
    mockCommands({
      get_customer: () => detail(customer(), [vehicle()]),
      get_vehicle: () => ({ vehicle: vehicle(), owners: [] }),
      service_staff: () => [{ id: 1, name: "王丽", role: "service_advisor" }],
    });
    await renderIn(
      "zh-CN",
      <VisitsModule lang="zh-CN" request={{ module: "visits", walkIn: { customerId: 1, vehicleId: 11 }, serial: 1 }} />,
      visitSession("service_advisor"),
    );
    const advisor = await screen.findByTestId("walkin-advisor");
    await waitFor(() => expect(advisor.textContent).toContain("王丽"));
  });
});
