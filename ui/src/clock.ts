import dayjs, { type Dayjs } from "dayjs";

/**
 * The desk's clock as the backend reads it. Boards carry the backend's `now`;
 * this keeps how far it is from this machine's clock, so what the screen calls
 * "now" — the line across the board, the slots already past, the day called
 * tomorrow — is the backend's: a desk started with `--clock-ahead`, or on a
 * machine whose clock is wrong, agrees with what the backend decides.
 * Deadlines themselves (overdue, minutes left) come worked out in the records.
 */
let offsetMs = 0;

/** The backend's local time now (a local date-time, like every `now` it sends). */
export function deskNow(): Dayjs {
  return dayjs().add(offsetMs, "millisecond");
}

/** Notes the `now` a read came back with. */
export function heardNow(now: string): void {
  const heard = dayjs(now);
  if (heard.isValid()) offsetMs = heard.diff(dayjs());
}

/** Passes a read's result through, noting its `now`. */
export function withNow<T extends { now: string }>(read: Promise<T>): Promise<T> {
  return read.then((result) => {
    heardNow(result.now);
    return result;
  });
}
