/**
 * The parts of ECharts the statistics charts use, registered once. Imported only dynamically (from
 * StatsCharts' effect), so the bundler puts it — tree-shaken to bar charts on a canvas — in a chunk of its own.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };
