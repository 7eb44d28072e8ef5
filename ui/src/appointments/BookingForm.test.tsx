import { fireEvent, screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Booking, VisitSummary } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { customer, detail, mockCommands, refusal, summary, vehicle } from "../test/fixtures";
import { renderIn } from "../test/render";
import { AppointmentsModule } from "./AppointmentsModule";
import { BookingForm, type BookingPrefill } from "./BookingForm";
import { receivingStaff } from "./fields";
import { LI_NA, NOW, STAFF, TOMORROW, board, serviceSession, visit, visitSummary } from "./fixtures";

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const WANG = customer({ id: 1, name: "王建国" });
const WANG_CARS = [vehicle({ id: 11 }), vehicle({ id: 12, plate: "京B88888", vin: "LFV3A23C1K3000002", model: "探岳 Tayron" })];

async function renderForm(prefill: BookingPrefill = { date: TOMORROW }, lang: "zh-CN" | "en" = "zh-CN") {
  const onBooked = vi.fn();
  const onClose = vi.fn();
  await renderIn(
    lang,
    <BookingForm
      prefill={prefill}
      lang={lang}
      advisors={receivingStaff(STAFF)}
      slots={board().slots}
      onClose={onClose}
      onBooked={onBooked}
    />,
    serviceSession("service_advisor"),
  );
  await screen.findByTestId("booking-form");
  return { onBooked, onClose };
}

/** Opens an antd select and clicks the option with that value. */
async function choose(testId: string, value: string | number) {
  await userEvent.click(screen.getByTestId(testId));
  const options = await screen.findAllByTestId(`option-${value}`);
  await userEvent.click(options[options.length - 1]);
}

async function typeDate(testId: string, date: string) {
  const input = screen.getByTestId(testId) as HTMLInputElement;
  await userEvent.clear(input);
  await userEvent.type(input, `${date}{enter}`);
  await waitFor(() => expect(input.value).toBe(date));
}

const errorUnder = (field: string) =>
  document.querySelector(`.booking-form .field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

function bookingOf(calls: { cmd: string; args: Record<string, unknown> }[]): Booking | undefined {
  return calls.find((c) => c.cmd === "book_appointment")?.args.booking as Booking | undefined;
}

describe("booking an appointment", () => {
  it("books an archive customer's vehicle with the advisor, day, slot and work chosen", async () => {
    const calls = mockCommands({
      appointment_board: () => board(),
      search_customers: () => [
        summary({
          id: 1,
          name: "王建国",
          vehicles: WANG_CARS.map((v) => ({ id: v.id, plate: v.plate, vin: v.vin, brand: v.brand, model: v.model })),
        }),
      ],
      get_customer: () => detail(WANG, WANG_CARS),
      book_appointment: () => visit({ id: 120, vehicleId: 12, appointmentAt: `${TOMORROW}T09:30:00` }),
    });
    const { onBooked } = await renderForm({ date: "2026-11-22" });

    await userEvent.type(screen.getByTestId("booking-customer-search"), "京B88");
    await userEvent.click(await screen.findByTestId("booking-customer-option-1"));
    // The vehicle the search found is chosen.
    await waitFor(() => expect(screen.getByTestId("booking-vehicle").textContent).toContain("京B88888"));
    expect(screen.getByTestId("booking-customer-chosen").textContent).toContain("王建国");

    await choose("booking-advisor", LI_NA.id);
    await typeDate("booking-date", TOMORROW);
    await choose("booking-slot", "09:30");
    await choose("booking-duration", 90);
    await userEvent.type(screen.getByTestId("booking-requested-work"), "3万公里保养");
    await userEvent.type(screen.getByTestId("booking-concerns"), "刹车时有异响");
    await userEvent.click(screen.getByTestId("booking-replacement-car"));
    await userEvent.click(screen.getByTestId("booking-submit"));

    await waitFor(() => expect(onBooked).toHaveBeenCalled());
    expect(bookingOf(calls)).toEqual({
      appointment: {
        customerId: 1,
        vehicleId: 12,
        advisorId: 3,
        at: `${TOMORROW}T09:30:00`,
        expectedMinutes: 90,
        requestedWork: "3万公里保养",
        concerns: "刹车时有异响",
        replacementCar: true,
      },
    });
    expect(await screen.findByText("已预约：王建国，11月23日 09:30，服务顾问 李娜")).toBeTruthy();
  });

  it("books a new customer with their vehicle in one go", async () => {
    const calls = mockCommands({
      appointment_board: () => board(),
      book_appointment: () => visit({ id: 121, customerName: "钱进" }),
    });
    const { onBooked } = await renderForm({ advisorId: 4, date: TOMORROW, slot: "08:30" }, "en");

    await userEvent.click(screen.getByTestId("booking-new"));
    await userEvent.type(await screen.findByTestId("booking-new-name"), "钱进");
    await userEvent.type(screen.getByTestId("booking-new-mobile"), "13800138000");
    await userEvent.type(screen.getByTestId("booking-new-plate"), "沪a66666");
    await userEvent.type(screen.getByTestId("booking-new-vin"), "lfv2a21k8g3000001");
    await userEvent.type(screen.getByTestId("booking-new-brand"), "一汽-大众 FAW-VW");
    await userEvent.type(screen.getByTestId("booking-new-model"), "速腾 Sagitar");
    await userEvent.type(screen.getByTestId("booking-requested-work"), "首保");
    await userEvent.click(screen.getByTestId("booking-submit"));

    await waitFor(() => expect(onBooked).toHaveBeenCalled());
    const booking = bookingOf(calls);
    expect(booking?.appointment).toEqual({
      customerId: 0,
      vehicleId: 0,
      advisorId: 4,
      at: `${TOMORROW}T08:30:00`,
      expectedMinutes: 60,
      requestedWork: "首保",
      concerns: "",
      replacementCar: false,
    });
    expect(booking?.newCustomer?.customer).toMatchObject({
      name: "钱进",
      mobile: "13800138000",
      otherPhones: [],
      grade: "ordinary",
      leadGrade: null,
      marketingConsent: false,
    });
    expect(booking?.newCustomer?.vehicles).toEqual([
      {
        plate: "沪A66666",
        vin: "LFV2A21K8G3000001",
        vinCheckConfirmed: false,
        brand: "一汽-大众 FAW-VW",
        model: "速腾 Sagitar",
        modelYear: null,
        colour: "",
        purchaseDate: null,
        warrantyEnd: null,
        mileageKm: null,
        insuranceExpiry: null,
        annualInspectionDue: null,
      },
    ]);
  });

  it("shows a taken slot on the time, naming the advisor and the customer, and keeps what was typed", async () => {
    const calls = mockCommands({
      appointment_board: () => board(),
      book_appointment: () => {
        throw refusal([
          {
            kind: "duplicate",
            field: "at",
            message: "李娜 already has an appointment at 2026-11-23 09:00 (刘芳)",
            conflict: { customerId: 9, label: "刘芳" },
          },
          { kind: "required", field: "requestedWork", message: "requestedWork is required" },
        ]);
      },
    });
    const { onBooked } = await renderForm({ advisorId: 3, date: TOMORROW, slot: "09:00" });
    await userEvent.click(screen.getByTestId("booking-new"));
    await userEvent.type(await screen.findByTestId("booking-new-name"), "钱进");
    await userEvent.type(screen.getByTestId("booking-concerns"), "空调不凉");
    await userEvent.click(screen.getByTestId("booking-submit"));

    await waitFor(() => expect(errorUnder("at")).toBe("李娜 在 11月23日 09:00 已有预约（刘芳），请选择其他时段或服务顾问"));
    expect(errorUnder("requestedWork")).toBe("请填写预约项目");
    expect(calls.filter((c) => c.cmd === "book_appointment")).toHaveLength(1);
    expect(onBooked).not.toHaveBeenCalled();
    expect(screen.getByTestId("booking-new-name")).toHaveProperty("value", "钱进");
    expect(screen.getByTestId("booking-concerns")).toHaveProperty("value", "空调不凉");
    expect(screen.getByTestId("form-errors").textContent).toContain("刘芳");
  });

  it("names what is still to choose before asking the backend", async () => {
    const calls = mockCommands({ appointment_board: () => board() });
    await renderForm({ date: TOMORROW }, "en");
    await userEvent.click(screen.getByTestId("booking-submit"));
    await waitFor(() => expect(errorUnder("customerId")).toBeTruthy());
    expect(errorUnder("advisorId")).toBeTruthy();
    expect(errorUnder("at")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "book_appointment")).toBe(false);
  });

  it("marks the slots the advisor already has taken", async () => {
    mockCommands({
      appointment_board: () =>
        board({
          visits: [visitSummary({ appointmentAt: `${TOMORROW}T09:00:00` })],
        }),
    });
    await renderForm({ advisorId: 3, date: TOMORROW });
    await userEvent.click(screen.getByTestId("booking-slot"));
    const taken = await screen.findByTestId("option-09:00");
    expect(taken.textContent).toContain("已约：王建国");
    expect(screen.getByTestId("option-09:30").textContent).toBe("09:30");
  });

  it("switches a new customer whose mobile is on file to that customer", async () => {
    mockCommands({
      appointment_board: () => board(),
      get_customer: () => detail(WANG, WANG_CARS),
      book_appointment: () => {
        throw refusal([
          { kind: "duplicate", field: "mobile", message: "mobile taken", conflict: { customerId: 1, label: "王建国" } },
        ]);
      },
    });
    await renderForm({ advisorId: 3, date: TOMORROW, slot: "09:00" });
    await userEvent.click(screen.getByTestId("booking-new"));
    await userEvent.type(await screen.findByTestId("booking-new-mobile"), "13912345678");
    await userEvent.type(screen.getByTestId("booking-new-plate"), "京B88888");
    await userEvent.click(screen.getByTestId("booking-submit"));

    await waitFor(() => expect(errorUnder("mobile")).toBe("手机号已登记在「王建国」名下"));
    await userEvent.click(screen.getByTestId("booking-use-existing"));
    await waitFor(() => expect(screen.getByTestId("booking-customer-chosen").textContent).toContain("王建国"));
    expect(screen.getByTestId("booking-vehicle").textContent).toContain("京B88888");
  });

  it("opens from a customer's page with that customer and vehicle chosen", async () => {
    mockCommands({
      appointment_board: ({ from }) => board({ from: from as string }),
      service_staff: () => STAFF,
      get_customer: () => detail(WANG, WANG_CARS),
    });
    await renderIn(
      "zh-CN",
      <AppointmentsModule lang="zh-CN" request={{ module: "appointments", book: { customerId: 1, vehicleId: 12 }, serial: 1 }} />,
      serviceSession("service_advisor"),
    );
    await waitFor(() => expect(screen.getByTestId("booking-customer-chosen").textContent).toContain("王建国"));
    await waitFor(() => expect(screen.getByTestId("booking-vehicle").textContent).toContain("京B88888"));
  });

  it("takes a date typed as YYYY-MM-DD in English too, without submitting", async () => {
    const calls = mockCommands({ appointment_board: () => board() });
    await renderForm({ date: TOMORROW }, "en");
    const input = screen.getByTestId("booking-date") as HTMLInputElement;
    expect(input.value).toBe("23 Nov 2026");
    await userEvent.clear(input);
    await userEvent.type(input, "2026-11-25{enter}");
    fireEvent.blur(input);
    await waitFor(() => expect(input.value).toBe("25 Nov 2026"));
    expect(calls.some((c) => c.cmd === "book_appointment")).toBe(false);
    expect(screen.queryByTestId("form-errors")).toBeNull();
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "appointment_board").at(-1)?.args).toEqual({ from: "2026-11-25", days: 1 }),
    );
  });

  it("marks a slot booked on another desk while the form is open, keeping what was chosen", async () => {
    let visits: VisitSummary[] = [];
    mockCommands({ appointment_board: () => board({ visits }) });
    await renderForm({ advisorId: 3, date: TOMORROW });
    await userEvent.type(screen.getByTestId("booking-requested-work"), "首保");
    await userEvent.click(screen.getByTestId("booking-slot"));
    expect((await screen.findByTestId("option-09:00")).textContent).toBe("09:00");

    // Another desk books 李娜 at 09:00.
    visits = [visitSummary({ customerName: "刘芳", appointmentAt: `${TOMORROW}T09:00:00` })];
    await emit(CHANGES_EVENT, { changes: [{ kind: "visit", id: 130 }], everything: false });
    await waitFor(() => expect(screen.getByTestId("option-09:00").textContent).toContain("已约：刘芳"));
    expect(screen.getByTestId("booking-requested-work")).toHaveProperty("value", "首保");
  });
});
