// The service visit in the real window, on the demo dealership: book an
// appointment for a new customer, prepare it, receive the car with a repair
// order of two labour and two parts lines, decline extra work, fail and then
// pass the quality check, hand over; then the follow-up call's due dates, the
// declined work on the vehicle and the printed repair order (pdftotext).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { bookNewCustomer, choose, DEMO, fill, invokeForValue, localDate, signIn, tick, withCheckDigit } from "../steps.mjs";
import { KEYS, tempDatabase, waitUntil, withApp } from "../webdriver.mjs";

const CUSTOMER = { name: "欧阳明辉", mobile: "19912340001", plate: "粤B7E9Q2", vin: withCheckDigit("LFV2A21K067042918") };
const QC_ITEMS = [
  "in_time", "all_work_done", "road_test", "cleanliness", "parked", "advisor_signed", "order_matches_work",
  "open_problems_noted", "service_book_stamped",
];

async function stateIs(app, state) {
  await waitUntil(async () => (await (await app.byTestId("visit-state")).attribute("data-state")) === state, {
    timeout: 15000,
    message: `the visit to be ${state}`,
  });
}

async function orderLine(app, i, { description, partNumber, quantity, price }) {
  await fill(app, `order-line-${i}-description`, description);
  if (partNumber) await fill(app, `order-line-${i}-part-number`, partNumber);
  await fill(app, `order-line-${i}-quantity`, quantity);
  await fill(app, `order-line-${i}-price`, price);
}

async function qualityCheck(app, failing) {
  for (const item of QC_ITEMS) {
    const id = `qc-${item}-${item === failing ? "fail" : "pass"}`;
    // Pressed until it shows as chosen: a click during a re-render is repeated.
    await waitUntil(
      async () => {
        await app.tap(id);
        return (await (await app.byTestId(id)).attribute("aria-checked")) === "true";
      },
      { timeout: 15000, message: `${id} to be chosen` },
    );
  }
  if (failing) await fill(app, `qc-${failing}-note`, "车内地毯有油污，需重新清洁");
  await fill(app, "qc-parking", "交车区 A-03");
  await app.tap("qc-submit");
}

test("a visit from booking to handover, with declined extra work and a failed quality check", async () => {
  await withApp("visit", { database: tempDatabase(), args: ["--demo"] }, async (app) => {
    await (await app.byTestId("lang-zh-CN", { timeout: 20000 })).click();
    await signIn(app, DEMO.manager);
    const staff = (await invokeForValue(app, "service_staff")).value;
    const advisor = staff.find((m) => m.name === "王丽");
    const technician = staff.find((m) => m.role === "technician");
    const tomorrow = localDate(1);

    // Book tomorrow at 14:00 for a customer who is not in the archive yet.
    await bookNewCustomer(app, {
      customer: CUSTOMER,
      advisorId: advisor.id,
      date: tomorrow,
      slot: "14:00",
      duration: 120,
      work: "常规保养",
      concerns: "刹车时有吱吱声",
    });

    const booked = await waitUntil(
      async () => {
        const board = await invokeForValue(app, "appointment_board", { from: tomorrow, days: 1 });
        return board.value?.visits.find((v) => v.customerName === CUSTOMER.name) ?? null;
      },
      { message: "the appointment on tomorrow's board" },
    );
    assert.equal(booked.appointmentAt, `${tomorrow}T14:00:00`);

    // Prepare it from the board (which shows the day just booked), then receive the car.
    await app.tap(`appointment-card-${booked.id}`);
    for (const item of ["parts_ready", "order_prefilled", "advisor_available"]) {
      await tick(app, `prep-${item}`);
    }
    await app.tap("prep-save");
    await waitUntil(async () => (await (await app.byTestId("appointment-state")).text()).includes("已准备"), {
      message: "the appointment to be prepared",
    });
    await app.tap("appointment-receive");
    await app.byTestId("visit-page");
    await stateIs(app, "prepared");
    await fill(app, "reception-mileage", "46210");
    await app.tap("reception-submit");
    await stateIs(app, "received");

    // The repair order: two labour and two parts lines, promised tomorrow at 17:00.
    await app.tap("order-add-labour");
    await app.tap("order-add-labour");
    await app.tap("order-add-part");
    await app.tap("order-add-part");
    await orderLine(app, 0, { description: "更换机油及机滤", quantity: "0.5", price: "180" });
    await orderLine(app, 1, { description: "检查前制动系统", quantity: "1", price: "180" });
    await orderLine(app, 2, { description: "机油 5W-40（升）", partNumber: "G 052 195 M4", quantity: "4.5", price: "98" });
    await orderLine(app, 3, { description: "机油滤清器", partNumber: "06J 115 403 Q", quantity: "1", price: "65" });
    await fill(app, "order-promised-date", tomorrow);
    await (await app.byTestId("order-promised-date")).type(KEYS.enter);
    await fill(app, "order-promised-time", "17:00");
    await (await app.byTestId("order-promised-time")).type(KEYS.enter);
    await tick(app, "order-confirmed");
    await app.tap("order-save");
    // (90 + 180 + 441 + 65) yuan = 776.00, with 13% tax 876.88.
    await waitUntil(async () => (await (await app.byTestId("order-total")).attribute("data-fen")) === "87688", {
      message: "the order total of ¥876.88",
    });

    // Repair; extra work found and declined by the customer.
    await choose(app, "repair-technician", technician.id);
    await app.tap("repair-start");
    await stateIs(app, "in_repair");
    await fill(app, "extra-description", "前刹车片磨损至 3mm，建议更换");
    await app.tap("extra-add-part");
    await fill(app, "extra-line-0-description", "前制动片（套）");
    await fill(app, "extra-line-0-part-number", "5Q0 698 151 B");
    await fill(app, "extra-line-0-quantity", "1");
    await fill(app, "extra-line-0-price", "680");
    await app.tap("extra-submit");
    const extra = await app.find('[data-status="awaiting_approval"]', { timeout: 15000 });
    const extraId = (await extra.attribute("data-testid")).replace("extra-", "");
    await app.tap(`extra-decline-${extraId}`);
    await waitUntil(async () => (await (await app.byTestId(`extra-${extraId}`)).attribute("data-status")) === "declined", {
      message: "the extra work to be declined",
    });

    // The quality check fails on cleanliness: back to repair; then it passes.
    await app.tap("repair-finish");
    await stateIs(app, "quality_check");
    await qualityCheck(app, "cleanliness");
    await stateIs(app, "in_repair");
    await app.tap("repair-finish");
    await stateIs(app, "quality_check");
    await qualityCheck(app, null);
    await stateIs(app, "ready");

    // Handover: every line explained, invoice, next service, payment.
    await app.tap("handover-explain-all");
    await fill(app, "handover-invoice", "FP20261123001");
    await fill(app, "handover-next-date", localDate(180));
    await (await app.byTestId("handover-next-date")).type(KEYS.enter);
    await fill(app, "handover-next-km", "53700");
    await choose(app, "handover-payment", "we_chat_pay");
    await tick(app, "handover-condition");
    await app.tap("handover-submit");
    await stateIs(app, "handed_over");

    // The follow-up call is due from the day after handover to the third day.
    const due = await app.byTestId("visit-follow-up-due");
    assert.equal(await due.attribute("data-from"), localDate(1));
    assert.equal(await due.attribute("data-to"), localDate(3));
    await app.screenshot("visit-handed-over");

    // The printed repair order names the customer and the total.
    await app.tap("print-repair_order");
    const path = await app.waitForText('[data-testid="printed-path"]', (t) => t.endsWith(".pdf"), { timeout: 20000 });
    const text = execFileSync("pdftotext", ["-layout", path.trim(), "-"], { encoding: "utf8" });
    assert.ok(text.includes(CUSTOMER.name), text);
    assert.ok(text.includes("¥876.88"), text);
    assert.ok(!text.includes("前制动片（套）"), "declined work is not on the order");

    // The declined work stays on the vehicle, on the customer's page.
    const visit = (await invokeForValue(app, "get_visit", { id: booked.id })).value;
    await app.tap("nav-archive");
    await fill(app, "archive-search", CUSTOMER.plate);
    await waitUntil(async () => (await app.findAll('[data-testid="customer-row"]')).length === 1, {
      message: "the customer found by plate",
    });
    await (await app.find('[data-testid="customer-row"] td')).click();
    await app.waitForText(`[data-testid="vehicle-declined-${visit.vehicleId}"]`, "前刹车片磨损", { timeout: 15000 });
    await app.waitForText('[data-testid="customer-visits"]', visit.number);
    await app.screenshot("visit-customer-page");
  });
});
