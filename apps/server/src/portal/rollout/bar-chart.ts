/**
 * The geometry of a horizontal bar chart, for the `bar-chart` partial to draw as SVG. Drawing
 * happens in the template, so every label is escaped there like any other text; each chart
 * sits beside a table of the same figures for screen readers and for copying.
 */
export interface BarInput {
  label: string;
  /** One value per series (e.g. committed and disbursed), drawn as stacked rows. */
  values: number[];
  /** Text written at the end of each bar. */
  valueLabels: string[];
  /** A mark across the row (a target), in the values' unit. */
  target?: number | null;
  targetLabel?: string;
}

export interface BarChartOptions {
  id: string;
  title: string;
  description: string;
  /** One per series: the legend's words and the CSS class of its bars. */
  series: { name: string; className: string }[];
  tableId: string;
}

const WIDTH = 720;
const LABEL_WIDTH = 190;
const VALUE_SPACE = 130;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const ROW_GAP = 14;
const TOP = 28;

export function barChart(options: BarChartOptions, rows: BarInput[]) {
  const max = Math.max(1, ...rows.flatMap((row) => [...row.values, row.target ?? 0]));
  const plot = WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const scale = (value: number) => Math.round((Math.max(value, 0) / max) * plot * 10) / 10;
  const seriesCount = options.series.length;
  const rowHeight = seriesCount * BAR_HEIGHT + (seriesCount - 1) * BAR_GAP;
  let y = TOP;
  const drawn = rows.map((row) => {
    const top = y;
    y += rowHeight + ROW_GAP;
    return {
      label: row.label,
      labelY: top + rowHeight / 2 + 5,
      bars: row.values.map((value, index) => {
        const barY = top + index * (BAR_HEIGHT + BAR_GAP);
        const width = scale(value);
        return { y: barY, width, className: options.series[index].className, valueLabel: row.valueLabels[index], valueX: LABEL_WIDTH + width + 6, textY: barY + BAR_HEIGHT - 3 };
      }),
      target: row.target ? { x: LABEL_WIDTH + scale(row.target), y1: top - 3, y2: top + rowHeight + 3, label: row.targetLabel ?? '' } : null,
    };
  });
  return {
    ...options,
    width: WIDTH,
    height: y + 6,
    labelX: LABEL_WIDTH - 8,
    barX: LABEL_WIDTH,
    barHeight: BAR_HEIGHT,
    legend: options.series.map((series, index) => ({ ...series, x: LABEL_WIDTH + index * 200, y: 8, textX: LABEL_WIDTH + index * 200 + 18, textY: 19 })),
    rows: drawn,
  };
}
