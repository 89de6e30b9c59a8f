/**
 * The dashboard's charts: ECharts through `echarts/core` with only the charts and components used
 * registered (bar, line; grid, tooltip, legend; canvas). This module is reached only through the
 * lazily loaded dashboard, so the agent's first screen never carries ECharts.
 */
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/contract/dashboard';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);
const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#eb2f96'];
const base = { animation: false, color: COLORS, textStyle: { fontSize: 11 }, grid: { left: 44, right: 44, top: 28, bottom: 22 } };

export function DailyChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const option = {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: d.daily.map((x) => x.date.slice(5)), axisLabel: { fontSize: 10 } },
    yAxis: [{ type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } }, { type: 'value', axisLabel: { fontSize: 10 }, splitLine: { show: false } }],
    // Days still to come have no figures yet (not zero).
    series: [
      { name: t('dashboard.charts.calls'), type: 'bar', data: d.daily.map((x) => (x.date > d.today ? null : x.calls)), barMaxWidth: 14 },
      { name: t('dashboard.charts.connected'), type: 'bar', data: d.daily.map((x) => (x.date > d.today ? null : x.connected)), barMaxWidth: 14 },
      { name: t('dashboard.charts.recovered'), type: 'line', yAxisIndex: 1, data: d.daily.map((x) => (x.date > d.today ? null : x.recoveredFen / 100)), symbolSize: 4 },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: '100%', width: '100%' }} opts={{ renderer: 'canvas' }} />;
}

export function BucketChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const option = {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: [
      { type: 'category', data: d.byBucket.map((g) => t(`enums.bucket.${g.key}`)), axisLabel: { fontSize: 10, interval: 0 } },
    ],
    yAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: '{value}%' } },
    series: [{ name: t('dashboard.charts.recoveryRate'), type: 'bar', data: d.byBucket.map((g) => pct(g.rate)), barMaxWidth: 22 }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: '100%', width: '100%' }} opts={{ renderer: 'canvas' }} />;
}

export function RollChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const rows = d.roll.filter((r) => r.bucket !== 'M4P'); // M4+ has no later bucket
  const option = {
    ...base,
    color: [COLORS[2]],
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: rows.map((r, i) => `${r.bucket}→${d.roll[i + 1]?.bucket ?? ''}`), axisLabel: { fontSize: 9, interval: 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { fontSize: 10, formatter: '{value}%' } },
    series: [{ name: t('dashboard.charts.rollRate'), type: 'bar', data: rows.map((r) => pct(r.rate)), barMaxWidth: 22 }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: '100%', width: '100%' }} opts={{ renderer: 'canvas' }} />;
}
