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
import { useEffect, useRef } from "react";
import type { Language } from "../bindings";

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
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);

  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

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
