// Apache ECharts in a light-DOM element: SVG renderer, ECharts' aria description on, and the
// element named for assistive technology (each chart also has its numbers in a table beside it).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, AriaComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { Light } from './light.js';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, TitleComponent, SVGRenderer]);

// Colours distinguishable and 3:1 against white.
export const PALETTE = ['#0a58ca', '#b3261e', '#1e6b35', '#8a5300', '#6a3fa0', '#00707a', '#a3204a', '#4a5260'];

class StaveChart extends Light {
  static properties = { option: { attribute: false }, label: {} };
  firstUpdated() {
    this.setAttribute('role', 'img');
    this.chart = echarts.init(this, null, { renderer: 'svg' });
    this.resizer = new ResizeObserver(() => this.chart?.resize());
    this.resizer.observe(this);
    this.#apply();
  }
  updated(changed) {
    if (changed.has('label')) this.setAttribute('aria-label', this.label ?? 'Chart');
    if (changed.has('option')) this.#apply();
  }
  #apply() {
    if (this.chart && this.option) {
      this.chart.setOption({ color: PALETTE, aria: { enabled: true }, animation: false, ...this.option }, true);
    }
  }
  disconnectedCallback() {
    this.resizer?.disconnect();
    this.chart?.dispose();
    this.chart = null;
    super.disconnectedCallback();
  }
  render() { return ''; }
}
customElements.define('stave-chart', StaveChart);

/** A stacked bar option: categories on x, one series per key of the nested counts. */
export function stackedBars(nested, seriesOrder) {
  const categories = Object.keys(nested).sort();
  const keys = seriesOrder ?? [...new Set(categories.flatMap((c) => Object.keys(nested[c])))].sort();
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 4 ? 25 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({ name: k, type: 'bar', stack: 'all', data: categories.map((c) => nested[c][k] ?? 0) })),
  };
}
