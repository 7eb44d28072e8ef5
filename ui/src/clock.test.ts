import dayjs from "dayjs";
import { afterEach, describe, expect, it } from "vitest";
import { deskNow, heardNow, withNow } from "./clock";

describe("the desk's clock", () => {
  afterEach(() => heardNow(dayjs().format("YYYY-MM-DDTHH:mm:ss.SSS")));

  it("is this machine's until the backend has said otherwise", () => {
    expect(Math.abs(deskNow().diff(dayjs()))).toBeLessThan(1000);
  });

  it("follows the backend's now: an hour ahead stays an hour ahead", async () => {
    const ahead = dayjs().add(61, "minute").format("YYYY-MM-DDTHH:mm:ss");
    const board = await withNow(Promise.resolve({ now: ahead, visits: [] }));
    expect(board.visits).toEqual([]);
    expect(Math.round(deskNow().diff(dayjs(), "minute", true))).toBe(61);
  });

  it("ignores a now it cannot read", () => {
    heardNow("not a time");
    expect(Math.abs(deskNow().diff(dayjs()))).toBeLessThan(1000);
  });
});
