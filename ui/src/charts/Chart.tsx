// The one way a screen draws a chart: Apache ECharts (issue 16), with only the
// parts the screens use registered, so the bundle carries bar and line charts
// and nothing else. Screens import this file, and every screen that does is a
// lazily loaded module (shell/lazyModules.ts), so ECharts never weighs on the
// first paint.
//
// The SVG renderer: crisp on any screen scale, and "save as picture" gives a
// vector image that prints sharp at any size.
//
// What a chart shows is built by a pure function (charts/options.ts) that tests
// check without drawing anything; this component only mounts it.

import { BarChart, LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use as register, type ComposeOption, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  ToolboxComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import { App } from "antd";
import { useCallback, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Language } from "../bindings";
import { errorText } from "../errors";

register([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, ToolboxComponent, DataZoomComponent, SVGRenderer]);

/** An option made only of the registered parts: anything else fails to type-check. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | ToolboxComponentOption
  | DataZoomComponentOption
>;

/** ECharts' own "save as image" icon: an arrow down into a tray. */
const SAVE_ICON = "path://M4.7,22.9L29.3,45.5L54.7,23.4M4.6,43.6L4.6,58L53.8,58L53.8,43.6M29.2,45.1L29.2,0";

/**
 * The option with its "save as picture" going through the app: a webview's
 * download link does nothing in the app's window on some systems, so the
 * toolbox's button calls `save` with the picture's name instead.
 */
export function withSave(option: ChartOption, title: string, save: (name: string) => void): ChartOption {
  const toolbox = option.toolbox;
  if (!toolbox || Array.isArray(toolbox) || !toolbox.feature?.saveAsImage) return option;
  const feature: NonNullable<ToolboxComponentOption["feature"]> = { ...toolbox.feature };
  const name = toolbox.feature.saveAsImage.name ?? "chart";
  delete feature.saveAsImage;
  feature.mySaveAsImage = { show: true, title, icon: SAVE_ICON, onclick: () => save(name) };
  return { ...option, toolbox: { ...toolbox, feature } };
}

/** The chart as a PNG `ratio` times its size on screen, on white (a data URL). */
function pngOf(chart: EChartsType, ratio = 2): Promise<string> {
  const svg = chart.getDataURL({ type: "svg", backgroundColor: "#fff", excludeComponents: ["toolbox", "dataZoom"] });
  const [width, height] = [chart.getWidth() * ratio, chart.getHeight() * ratio];
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) {
        reject(new Error("no canvas to draw the picture on"));
        return;
      }
      context.fillStyle = "#fff";
      context.fillRect(0, 0, width, height);
      context.drawImage(image, 0, 0, width, height);
      resolve(canvas.toDataURL("image/png"));
    };
    image.onerror = () => reject(new Error("the chart could not be drawn as a picture"));
    image.src = svg;
  });
}

/** ECharts' own texts (the toolbox's "save as image", the legend's hints): both ship with `echarts/core`. */
const ECHARTS_LOCALE: Record<Language, string> = { "zh-CN": "ZH", en: "EN" };

export interface ChartProps {
  option: ChartOption;
  lang: Language;
  /** What the chart shows, read out by a screen reader. */
  label: string;
  testId?: string;
  /** Pixels; the width follows the container. */
  height?: number;
  /** The figures drawn, for tests and the end-to-end journeys to read (`data-value`). */
  value?: string;
  className?: string;
}

/**
 * Mounts `option` in a box as wide as its container. The chart is created per
 * language (ECharts takes its locale at creation) once the box has a size — a
 * tab not shown yet has none, and jsdom never has one, so tests there read the
 * box's `data-value` and the option builders instead —, its option replaced
 * whenever the screen builds a new one, resized with the box, and disposed
 * when the screen goes.
 */
export function Chart({ option, lang, label, testId, height = 240, value, className }: ChartProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  const saveTitle = t("common.saveAsPicture");
  // The toolbox's button: the picture drawn here, the file written by the app.
  const save = useCallback(
    (name: string) => {
      if (!chart.current) return;
      void pngOf(chart.current)
        .then((png) => api.savePicture(name, png, lang))
        .then((saved) => saved && message.success(t("common.pictureSaved", { path: saved.path })))
        .catch((error: unknown) => message.error(errorText(error, t)));
    },
    [lang, message, t],
  );
  useEffect(() => {
    const shown = withSave(option, saveTitle, save);
    latest.current = shown;
    chart.current?.setOption(shown, { notMerge: true });
  }, [option, saveTitle, save]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let instance: EChartsType | null = null;
    const draw = () => {
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      if (instance) {
        instance.resize();
        return;
      }
      instance = init(element, null, { renderer: "svg", locale: ECHARTS_LOCALE[lang] });
      instance.setOption(latest.current, { notMerge: true });
      chart.current = instance;
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, [lang]);

  return (
    <div
      ref={box}
      className={className ? `chart ${className}` : "chart"}
      style={{ width: "100%", height }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-value={value}
    />
  );
}
