import { useEffect, useRef } from "react";

/** What counts as someone working at the desk. */
export const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

/** The backend hears of activity at most this often (typing a long form sends no command). */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Calls `onIdle` once nobody has moved the mouse, typed, scrolled or touched
 * the screen for `minutes` (never when 0), and `onActive` when they do, at
 * most once every TOUCH_EVERY_MS. Mounted only while the screen is unlocked:
 * unlocking starts the count afresh.
 */
export function useIdleLock(minutes: number, onIdle: () => void, onActive: () => void): void {
  const idle = useRef(onIdle);
  const active = useRef(onActive);
  useEffect(() => {
    idle.current = onIdle;
    active.current = onActive;
  });

  useEffect(() => {
    let lastActivity = Date.now();
    // Signing in or unlocking has just told the backend.
    let lastTouch = lastActivity;
    let timer: number | undefined;

    const onActivity = () => {
      const now = Date.now();
      lastActivity = now;
      if (now - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = now;
        active.current();
      }
    };

    const limit = minutes * 60_000;
    // A timeout for the remaining time rather than polling; after the computer
    // slept, the first check finds the time long past and locks at once.
    const check = () => {
      const left = lastActivity + limit - Date.now();
      if (left <= 0) {
        timer = undefined;
        idle.current();
      } else {
        timer = window.setTimeout(check, left);
      }
    };

    for (const event of ACTIVITY_EVENTS) {
      window.addEventListener(event, onActivity, { capture: true, passive: true });
    }
    if (minutes > 0) timer = window.setTimeout(check, limit);

    return () => {
      for (const event of ACTIVITY_EVENTS) {
        window.removeEventListener(event, onActivity, { capture: true });
      }
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [minutes]);
}
