import { render, screen } from "@testing-library/react";
import { getInstanceByDom } from "echarts/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { results } from "../campaigns/testing";
import i18n from "../i18n";
import { Chart, withSave } from "./Chart";
import { turnoutOption } from "./options";

// jsdom lays nothing out (every box is 0 × 0, where the chart waits to be
// shown) and has no canvas (ECharts then measures text by its own table):
// give the boxes a size and say there is no canvas, quietly.
const size = { clientWidth: 600, clientHeight: 240 };
beforeAll(() => {
  for (const [key, value] of Object.entries(size)) {
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});
afterAll(() => {
  for (const key of Object.keys(size)) Reflect.deleteProperty(HTMLElement.prototype, key);
  vi.restoreAllMocks();
});

const option = (lang: "zh-CN" | "en", invited = 120) =>
  turnoutOption(results({ invited }), i18n.getFixedT(lang), lang, "春季保养节");

describe("a chart", () => {
  it("draws its option as SVG, follows a new option and the language, and is disposed with the screen", () => {
    const { rerender, unmount } = render(
      <Chart option={option("zh-CN")} lang="zh-CN" label="到场" testId="chart" value="120" />,
    );
    const box = screen.getByTestId("chart");
    expect(box.getAttribute("role")).toBe("img");
    expect(box.getAttribute("aria-label")).toBe("到场");
    expect(box.getAttribute("data-value")).toBe("120");
    expect(box.querySelector("svg")).not.toBeNull();
    expect(box.textContent).toContain("邀约");
    expect(box.textContent).toContain("120");

    rerender(<Chart option={option("zh-CN", 137)} lang="zh-CN" label="到场" testId="chart" />);
    expect(box.textContent).toContain("137");

    const before = getInstanceByDom(box);
    rerender(<Chart option={option("en", 137)} lang="en" label="Attended" testId="chart" />);
    const after = getInstanceByDom(box);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(before?.isDisposed()).toBe(true);
    expect(box.textContent).toContain("Invited");
    expect(box.textContent).not.toContain("邀约");

    unmount();
    expect(after?.isDisposed()).toBe(true);
  });

  it("waits for a size before drawing (a tab not shown yet)", () => {
    Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 0 });
    try {
      render(<Chart option={option("en")} lang="en" label="Attended" testId="chart" />);
      const box = screen.getByTestId("chart");
      expect(getInstanceByDom(box)).toBeUndefined();
      expect(box.querySelector("svg")).toBeNull();
    } finally {
      Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => size.clientWidth });
    }
  });
});

describe("save as picture", () => {
  it("goes through the app: the toolbox's button hands the picture's name to the save", () => {
    const saved: string[] = [];
    const option = withSave(
      { toolbox: { feature: { saveAsImage: { name: "满意度趋势 2026-11" } } }, series: [] },
      "保存为图片",
      (name) => saved.push(name),
    );
    const toolbox = option.toolbox as { feature: Record<string, { title?: string; onclick?: () => void }> };
    expect(toolbox.feature.saveAsImage).toBeUndefined();
    expect(toolbox.feature.mySaveAsImage.title).toBe("保存为图片");
    toolbox.feature.mySaveAsImage.onclick?.();
    expect(saved).toEqual(["满意度趋势 2026-11"]);
    // A chart without the button is left as it is.
    const plain = { series: [] };
    expect(withSave(plain, "x", () => {})).toBe(plain);
  });
});
