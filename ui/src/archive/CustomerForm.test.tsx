import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Language, NewCustomer } from "../bindings";
import { customer, detail, mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { CustomerForm, type CustomerFormMode } from "./CustomerForm";

async function openForm(lang: Language, mode: CustomerFormMode = { kind: "new" }) {
  const onSaved = vi.fn();
  const onOpenCustomer = vi.fn();
  const onClose = vi.fn();
  await renderIn(
    lang,
    <CustomerForm mode={mode} lang={lang} onClose={onClose} onSaved={onSaved} onOpenCustomer={onOpenCustomer} />,
  );
  await screen.findByTestId("customer-form");
  return { onSaved, onOpenCustomer, onClose };
}

async function fillNewCustomer() {
  await userEvent.type(screen.getByTestId("customer-name"), "王芳");
  await userEvent.type(screen.getByTestId("customer-mobile"), "13987654321");
  await userEvent.type(screen.getByTestId("vehicle-plate"), "粤B12345");
  await userEvent.type(screen.getByTestId("vehicle-vin"), "lfv2a21k8g30000o1");
  await userEvent.type(screen.getByTestId("vehicle-brand"), "一汽-大众 FAW-VW");
  await userEvent.type(screen.getByTestId("vehicle-model"), "迈腾 Magotan");
  await userEvent.type(screen.getByTestId("vehicle-model-year"), "2022");
  await userEvent.type(screen.getByTestId("vehicle-mileage"), "12500");
}

const errorUnder = (field: string) =>
  document.querySelector(`.field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

const created = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === "create_customer").map((c) => c.args.input as NewCustomer);

describe("the new customer form", () => {
  it("puts the test ids on the real elements", async () => {
    mockCommands({});
    await openForm("zh-CN");
    expect(screen.getByTestId("customer-form").tagName).toBe("FORM");
    for (const id of ["customer-name", "customer-mobile", "vehicle-plate", "vehicle-vin", "vehicle-brand", "vehicle-model", "vehicle-model-year", "vehicle-mileage"]) {
      expect(screen.getByTestId(id).tagName, id).toBe("INPUT");
    }
    expect(document.querySelector(".field-vehicles-0-vin")).not.toBeNull();
    await userEvent.click(screen.getByTestId("vehicle-add"));
    expect(screen.getByTestId("vehicle-vin-1").tagName).toBe("INPUT");
    expect(document.querySelector(".field-vehicles-1-plate")).not.toBeNull();
  });

  it("shows a refused VIN under the VIN field, translated, and keeps what was typed", async () => {
    const vinIssue = { kind: "invalid_vin" as const, field: "vehicles.0.vin", message: "VIN must be 17 characters without I, O, Q" };
    const calls = mockCommands({ create_customer: () => { throw refusal([vinIssue]); } });
    const { onSaved } = await openForm("zh-CN");
    await fillNewCustomer();

    await userEvent.click(screen.getByTestId("customer-save"));

    await waitFor(() => expect(errorUnder("vehicles-0-vin")).toBe("车架号（VIN）须为17位字母或数字，不含 I、O、Q"));
    expect(screen.getByTestId("form-errors").textContent).toContain("车辆 1");
    expect(screen.getByTestId("form-errors").textContent).not.toContain("without I, O, Q");
    expect(onSaved).not.toHaveBeenCalled();

    // Nothing typed is lost, and the VIN went out upper-cased, as typed otherwise.
    expect(screen.getByTestId("customer-name")).toHaveProperty("value", "王芳");
    expect(screen.getByTestId("vehicle-vin")).toHaveProperty("value", "LFV2A21K8G30000O1");
    expect(screen.getByTestId("vehicle-model")).toHaveProperty("value", "迈腾 Magotan");
    const [sent] = created(calls);
    expect(sent.customer).toMatchObject({ name: "王芳", mobile: "13987654321", grade: "ordinary", leadGrade: null, birthday: null });
    expect(sent.vehicles).toEqual([
      {
        plate: "粤B12345",
        vin: "LFV2A21K8G30000O1",
        vinCheckConfirmed: false,
        brand: "一汽-大众 FAW-VW",
        model: "迈腾 Magotan",
        modelYear: 2022,
        colour: "",
        purchaseDate: null,
        warrantyEnd: null,
        mileageKm: 12500,
        insuranceExpiry: null,
        annualInspectionDue: null,
      },
    ]);
  });

  it("shows every issue in English, on its field", async () => {
    mockCommands({
      create_customer: () => {
        throw refusal([
          { kind: "invalid_mobile", field: "mobile", message: "bad mobile" },
          { kind: "invalid_vin", field: "vehicles.0.vin", message: "bad vin" },
        ]);
      },
    });
    await openForm("en");
    await fillNewCustomer();
    await userEvent.click(screen.getByTestId("customer-save"));

    await waitFor(() => expect(errorUnder("vehicles-0-vin")).toBe("VIN must be 17 letters and digits, without I, O or Q"));
    expect(errorUnder("mobile")).toBe("Mobile must be an 11-digit mainland mobile number starting with 1");
    expect(screen.getByTestId("form-errors").textContent).toContain("Not saved");
  });

  it("lets the advisor confirm an imported vehicle's VIN and save again", async () => {
    let attempts = 0;
    const calls = mockCommands({
      create_customer: ({ input }) => {
        attempts += 1;
        const vehicle = (input as NewCustomer).vehicles[0];
        if (!vehicle.vinCheckConfirmed) {
          throw refusal([{ kind: "vin_check_digit", field: "vehicles.0.vin", message: "check digit" }]);
        }
        return detail(customer({ id: 42, name: "王芳" }));
      },
    });
    const { onSaved } = await openForm("en");
    await fillNewCustomer();
    expect(screen.queryByTestId("vehicle-vin-confirm")).toBeNull();

    await userEvent.click(screen.getByTestId("customer-save"));
    const confirm = await screen.findByTestId("vehicle-vin-confirm");
    expect(errorUnder("vehicles-0-vin")).toContain("the 9th character is not the check digit");
    expect(screen.getByText("Imported vehicle: VIN confirmed against the vehicle (no check digit)")).toBeTruthy();

    await userEvent.click(confirm);
    await userEvent.click(screen.getByTestId("customer-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(attempts).toBe(2);
    expect(created(calls)[1].vehicles[0].vinCheckConfirmed).toBe(true);
    expect(onSaved.mock.calls[0][0].customer.id).toBe(42);
  });

  it("links a duplicate to the customer who already has it", async () => {
    mockCommands({
      create_customer: () => {
        throw refusal([
          { kind: "duplicate", field: "vehicles.0.vin", message: "dup", conflict: { customerId: 7, label: "李娜" } },
        ]);
      },
    });
    const { onOpenCustomer } = await openForm("zh-CN");
    await fillNewCustomer();
    await userEvent.click(screen.getByTestId("customer-save"));

    await waitFor(() => expect(errorUnder("vehicles-0-vin")).toBe("车架号（VIN）已登记在「李娜」名下"));
    await userEvent.click(screen.getByText("打开「李娜」"));
    expect(onOpenCustomer).toHaveBeenCalledWith(7);
  });

  it("saves a lead without a vehicle", async () => {
    const calls = mockCommands({ create_customer: () => detail(customer({ id: 5 }), []) });
    const { onSaved } = await openForm("zh-CN");
    await userEvent.type(screen.getByTestId("customer-name"), "赵磊");
    await userEvent.type(screen.getByTestId("customer-mobile"), "13700001234");
    await userEvent.click(screen.getByTestId("vehicle-remove"));
    await userEvent.click(screen.getByText("B"));
    await userEvent.click(screen.getByTestId("customer-save"));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [sent] = created(calls);
    expect(sent.vehicles).toEqual([]);
    expect(sent.customer.leadGrade).toBe("B");
  });
});

describe("the edit customer form", () => {
  it("starts from the customer, has no vehicle section and calls updateCustomer", async () => {
    const calls = mockCommands({ update_customer: ({ input }) => detail(customer({ ...(input as object), id: 1 })) });
    const { onSaved } = await openForm("zh-CN", { kind: "edit", customer: customer({ otherPhones: ["010-62345678"] }) });
    expect(screen.getByTestId("customer-name")).toHaveProperty("value", "张伟");
    expect(screen.getByTestId("customer-other-phone-0")).toHaveProperty("value", "010-62345678");
    expect(screen.queryByTestId("vehicle-vin")).toBeNull();
    expect(screen.getByText("最近变更：2025-03-02")).toBeTruthy();

    const name = screen.getByTestId("customer-name");
    await userEvent.clear(name);
    await userEvent.type(name, "张伟明");
    await userEvent.click(screen.getByTestId("customer-save"));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const call = calls.find((c) => c.cmd === "update_customer");
    expect(call?.args.id).toBe(1);
    expect(call?.args.input).toMatchObject({ name: "张伟明", otherPhones: ["010-62345678"], birthday: "1985-06-01" });
  });
});
