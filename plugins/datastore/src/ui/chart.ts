/**
 * The preview's chart: ECharts with only what a bar chart needs (core, the bar chart, grid,
 * tooltip and aria components, the canvas renderer), so this module is the one large
 * piece of the preview and is loaded only when a dataset has a numeric field
 * (`import('./chart.ts')` from the preview element; Vite splits it into its own chunk).
 */
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export interface ChartData {
  /** What the bars stand for (the first text field's values, else row numbers). */
  labels: string[];
  values: (number | null)[];
  /** The numeric field's name, shown as the series name. */
  field: string;
}

/** The theme's colours and fonts as ECharts needs them (it draws on a canvas: no CSS vars). */
export interface ChartStyle {
  primary: string;
  text: string;
  muted: string;
  outline: string;
  surface: string;
  font: string;
}

/** Reads the theme's `--kf-sys-*` tokens from an element, with the same fallbacks as the CSS. */
export function chartStyle(element: Element): ChartStyle {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    primary: token('--kf-sys-color-primary', '#0b5cad'),
    text: token('--kf-sys-color-on-surface', '#1f2328'),
    muted: token('--kf-sys-color-on-surface-muted', '#57606a'),
    outline: token('--kf-sys-color-outline', '#d0d7de'),
    surface: token('--kf-sys-color-surface', '#ffffff'),
    font: token('--kf-sys-font-body', 'system-ui, sans-serif'),
  };
}

export interface PreviewChart {
  resize(): void;
  dispose(): void;
}

/** Draws `data` into `container` (which must have a size) and returns a handle to resize it. */
export function drawChart(
  container: HTMLElement,
  data: ChartData,
  style: ChartStyle,
  locale: string,
): PreviewChart {
  const chart = echarts.init(container, undefined, {
    renderer: 'canvas',
    locale: locale === 'en' ? 'EN' : 'ZH',
  });
  const axisText = { color: style.muted, fontFamily: style.font };
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    textStyle: { fontFamily: style.font, color: style.text },
    color: [style.primary],
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: style.surface,
      borderColor: style.outline,
      textStyle: { color: style.text, fontFamily: style.font },
    },
    xAxis: {
      type: 'category',
      data: data.labels,
      axisLabel: { ...axisText, hideOverlap: true },
      axisLine: { lineStyle: { color: style.outline } },
    },
    yAxis: {
      type: 'value',
      axisLabel: axisText,
      splitLine: { lineStyle: { color: style.outline } },
    },
    series: [{ type: 'bar', name: data.field, data: data.values }],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
