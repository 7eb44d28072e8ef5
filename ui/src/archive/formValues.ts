// The archive forms' values and their conversion to and from the backend's
// input types. Dates are dayjs in the form and "YYYY-MM-DD" (or null) on the wire.

import type { Dayjs } from "dayjs";
import type {
  ContactTime,
  Customer,
  CustomerGrade,
  CustomerInput,
  CustomerSource,
  LeadGrade,
  NewCustomer,
  Vehicle,
  VehicleInput,
} from "../bindings";
import { fromIsoDate, toIsoDate } from "../format";

export type VehicleValues = {
  plate?: string;
  vin?: string;
  vinCheckConfirmed?: boolean;
  brand?: string;
  model?: string;
  modelYear?: number | null;
  colour?: string;
  purchaseDate?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  mileageKm?: number | null;
  insuranceExpiry?: Dayjs | null;
  annualInspectionDue?: Dayjs | null;
};

/** The lead grade select uses "" for "not a lead". */
export type LeadGradeValue = LeadGrade | "";

export type CustomerValues = {
  name?: string;
  mobile?: string;
  otherPhones?: (string | undefined)[];
  contactTime?: ContactTime | null;
  address?: string;
  grade?: CustomerGrade;
  leadGrade?: LeadGradeValue;
  source?: CustomerSource | null;
  birthday?: Dayjs | null;
  marketingConsent?: boolean;
  notes?: string;
  vehicles?: VehicleValues[];
};

export function emptyVehicle(): VehicleValues {
  return {
    plate: "",
    vin: "",
    vinCheckConfirmed: false,
    brand: "",
    model: "",
    modelYear: null,
    colour: "",
    purchaseDate: null,
    warrantyEnd: null,
    mileageKm: null,
    insuranceExpiry: null,
    annualInspectionDue: null,
  };
}

export function emptyCustomer(): CustomerValues {
  return {
    name: "",
    mobile: "",
    otherPhones: [],
    contactTime: null,
    address: "",
    grade: "ordinary",
    leadGrade: "",
    source: null,
    birthday: null,
    marketingConsent: false,
    notes: "",
    vehicles: [emptyVehicle()],
  };
}

const text = (value: string | undefined | null): string => value ?? "";
const numberOrNull = (value: number | undefined | null): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

export function toVehicleInput(values: VehicleValues): VehicleInput {
  return {
    plate: text(values.plate),
    vin: text(values.vin),
    vinCheckConfirmed: values.vinCheckConfirmed ?? false,
    brand: text(values.brand),
    model: text(values.model),
    modelYear: numberOrNull(values.modelYear),
    colour: text(values.colour),
    purchaseDate: toIsoDate(values.purchaseDate),
    warrantyEnd: toIsoDate(values.warrantyEnd),
    mileageKm: numberOrNull(values.mileageKm),
    insuranceExpiry: toIsoDate(values.insuranceExpiry),
    annualInspectionDue: toIsoDate(values.annualInspectionDue),
  };
}

export function toCustomerInput(values: CustomerValues): CustomerInput {
  return {
    name: text(values.name),
    mobile: text(values.mobile),
    // Sent row for row, so that an issue on `otherPhones.1` points at the second row.
    otherPhones: (values.otherPhones ?? []).map(text),
    contactTime: values.contactTime ?? null,
    address: text(values.address),
    grade: values.grade ?? "ordinary",
    leadGrade: values.leadGrade ? values.leadGrade : null,
    source: values.source ?? null,
    birthday: toIsoDate(values.birthday),
    marketingConsent: values.marketingConsent ?? false,
    notes: text(values.notes),
  };
}

export function toNewCustomer(values: CustomerValues): NewCustomer {
  return {
    customer: toCustomerInput(values),
    vehicles: (values.vehicles ?? []).map(toVehicleInput),
  };
}

export function customerValues(customer: Customer): CustomerValues {
  return {
    name: customer.name,
    mobile: customer.mobile,
    otherPhones: [...customer.otherPhones],
    contactTime: customer.contactTime,
    address: customer.address,
    grade: customer.grade,
    leadGrade: customer.leadGrade ?? "",
    source: customer.source,
    birthday: fromIsoDate(customer.birthday),
    marketingConsent: customer.marketingConsent,
    notes: customer.notes,
  };
}

export function vehicleValues(vehicle: Vehicle): VehicleValues {
  return {
    plate: vehicle.plate ?? "",
    vin: vehicle.vin,
    vinCheckConfirmed: vehicle.vinCheckConfirmed,
    brand: vehicle.brand,
    model: vehicle.model,
    modelYear: vehicle.modelYear,
    colour: vehicle.colour,
    purchaseDate: fromIsoDate(vehicle.purchaseDate),
    warrantyEnd: fromIsoDate(vehicle.warrantyEnd),
    mileageKm: vehicle.mileageKm,
    insuranceExpiry: fromIsoDate(vehicle.insuranceExpiry),
    annualInspectionDue: fromIsoDate(vehicle.annualInspectionDue),
  };
}

/** How a vehicle is named in titles: plate, else the VIN's last 6 characters, with the model. */
export function vehicleLabel(vehicle: { plate: string | null; vin: string; model: string }): string {
  const id = vehicle.plate || `VIN …${vehicle.vin.slice(-6)}`;
  return vehicle.model ? `${id} · ${vehicle.model}` : id;
}
