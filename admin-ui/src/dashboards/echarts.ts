/**
 * The part of echarts the dashboards use — the core, the bar and funnel charts, the components
 * they need and the SVG renderer — so the dashboards' chunk carries no more of it than that.
 */
import { BarChart, FunnelChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
