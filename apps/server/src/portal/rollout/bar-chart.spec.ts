import { barChart } from './bar-chart';

describe(barChart.name, () => {
  const options = { id: 'c', title: 'T', description: 'D', tableId: 't', series: [{ name: 'A', className: 'a' }, { name: 'B', className: 'b' }] };

  it('scales every bar and target to the largest value, row after row', () => {
    const chart = barChart(options, [
      { label: 'Montréal', values: [10, 5], valueLabels: ['10', '5'], target: 20, targetLabel: 'cible 20' },
      { label: 'Estrie', values: [0, 2], valueLabels: ['0', '2'] },
    ]);
    const plot = chart.width - chart.barX - 130;
    expect(chart.rows[0].bars.map((bar) => bar.width)).toEqual([plot / 2, plot / 4]);
    expect(chart.rows[0].target).toMatchObject({ x: chart.barX + plot, label: 'cible 20' });
    expect(chart.rows[1].bars.map((bar) => bar.width)).toEqual([0, plot / 10]);
    expect(chart.rows[1].bars[0].y).toBeGreaterThan(chart.rows[0].bars[1].y);
    expect(chart.height).toBeGreaterThan(chart.rows[1].bars[1].y);
  });

  it('draws nothing wider than the plot when every value is zero', () => {
    const chart = barChart(options, [{ label: 'Laval', values: [0, 0], valueLabels: ['0', '0'] }]);
    expect(chart.rows[0].bars.map((bar) => bar.width)).toEqual([0, 0]);
    expect(chart.rows[0].target).toBeNull();
  });
});
