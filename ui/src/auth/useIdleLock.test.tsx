import { fireEvent, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TOUCH_EVERY_MS, useIdleLock } from "./useIdleLock";

describe("the idle lock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("locks after the set minutes without activity, counting from the last activity", () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock(5, onIdle, () => {}));

    vi.advanceTimersByTime(4 * 60_000);
    fireEvent.keyDown(window, { key: "a" });
    vi.advanceTimersByTime(4 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    fireEvent.wheel(window);
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("never locks when set to 0", () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock(0, onIdle, () => {}));
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("tells the backend of activity at most once a minute", () => {
    const onActive = vi.fn();
    renderHook(() => useIdleLock(10, () => {}, onActive));

    fireEvent.mouseMove(window);
    expect(onActive).not.toHaveBeenCalled(); // signing in has just told it
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    for (let i = 0; i < 50; i++) {
      fireEvent.mouseMove(window, { clientX: i });
      vi.advanceTimersByTime(500);
    }
    expect(onActive).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    fireEvent.touchStart(window);
    expect(onActive).toHaveBeenCalledTimes(2);
  });

  it("stops listening once unmounted", () => {
    const onIdle = vi.fn();
    const onActive = vi.fn();
    const { unmount } = renderHook(() => useIdleLock(1, onIdle, onActive));
    unmount();
    vi.advanceTimersByTime(10 * 60_000);
    fireEvent.mouseDown(window);
    expect(onIdle).not.toHaveBeenCalled();
    expect(onActive).not.toHaveBeenCalled();
  });
});
