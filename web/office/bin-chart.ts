import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtDateTime, fmtNumber, fmtTick, type I18n } from '../shared/i18n.js';
import type { OfficeKey } from './strings.js';
import type { Collection, RawReading } from './types.js';

export const CHART_COLOURS = {
  fill: '#2563eb',
  suspect: '#dc2626',
  prediction: '#7c3aed',
  threshold: '#6b7280',
  sensorEmptied: '#16a34a',
  crewCollected: '#0891b2',
  crewNotCollected: '#ea580c',
};

export interface ChartInput {
  readings: RawReading[];
  collections: Collection[];
  thresholdPct: number;
  /** Where the trend says the bin crosses its threshold, drawn from the last good reading. */
  predictedFullAt: number | null;
  fromMs: number;
  toMs: number;
}

const collectionColour = (c: Collection) =>
  c.source === 'sensor'
    ? CHART_COLOURS.sensorEmptied
    : c.status === 'collected'
      ? CHART_COLOURS.crewCollected
      : CHART_COLOURS.crewNotCollected;

/**
 * A bin's fill history: good readings as a line with points, suspect ones as red rings, the
 * threshold, the emptyings and crew confirmations as vertical marks, and the prediction.
 */
export function drawBinChart(el: HTMLElement, input: ChartInput, i18n: I18n<OfficeKey>): uPlot {
  const good = input.readings.filter((r) => r.quality === 'ok');
  const lastGood = good.at(-1);
  const prediction =
    lastGood && input.predictedFullAt && input.predictedFullAt > Date.parse(lastGood.ts)
      ? {
          from: Date.parse(lastGood.ts) / 1_000,
          to: input.predictedFullAt / 1_000,
          fromPct: lastGood.fillPct,
        }
      : null;

  const xs = [...new Set(input.readings.map((r) => Date.parse(r.ts) / 1_000))];
  if (prediction) xs.push(prediction.to);
  xs.sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));

  const fill: (number | null)[] = xs.map(() => null);
  const suspect: (number | null)[] = xs.map(() => null);
  const predicted: (number | null)[] = xs.map(() => null);
  for (const r of input.readings) {
    const i = index.get(Date.parse(r.ts) / 1_000)!;
    if (r.quality === 'ok') fill[i] = r.fillPct;
    else suspect[i] = r.fillPct;
  }
  if (prediction) {
    predicted[index.get(prediction.from)!] = prediction.fromPct;
    predicted[index.get(prediction.to)!] = input.thresholdPct;
  }

  // Hover values in the page's number format: uPlot's default follows navigator.language.
  const pct = (_u: uPlot, v: number | null) => (v === null ? '–' : `${fmtNumber(v, 1)} %`);
  const width = Math.max(320, el.clientWidth);
  const marks = (u: uPlot) => {
    const ctx = u.ctx;
    const { left, top, width: w, height } = u.bbox;
    ctx.save();
    ctx.lineWidth = 1.5 * devicePixelRatio;

    const y = u.valToPos(input.thresholdPct, 'y', true);
    ctx.strokeStyle = CHART_COLOURS.threshold;
    ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + w, y);
    ctx.stroke();

    ctx.setLineDash([]);
    for (const c of input.collections) {
      const x = u.valToPos(c.ts / 1_000, 'x', true);
      if (x < left || x > left + w) continue;
      ctx.strokeStyle = collectionColour(c);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    }
    ctx.restore();
  };

  const opts: uPlot.Options = {
    width,
    height: 320,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Asia/Jakarta'),
    scales: {
      x: {
        time: true,
        range: () => [
          input.fromMs / 1_000,
          Math.max(input.toMs / 1_000, prediction ? prediction.to : 0),
        ],
      },
      y: { range: [0, 100] },
    },
    axes: [
      {
        // Ticks in WIB and the page's language, whatever the browser's zone and locale.
        values: (_u, splits) => {
          const spanS = (splits.at(-1) ?? 0) - (splits[0] ?? 0);
          const lang = i18n.lang();
          if (spanS <= 2 * 86_400) return splits.map((s) => fmtTick(s * 1_000, lang, false));

          // Across days: the date on a day's first tick, its time on the others (uPlot puts
          // ticks every 12 h on a week, and "28 Nov 28 Nov" says nothing).
          let previous = '';
          return splits.map((s) => {
            const day = fmtTick(s * 1_000, lang, true);
            const first = day !== previous;
            previous = day;

            return first ? day : fmtTick(s * 1_000, lang, false);
          });
        },
      },
      { label: '%', size: 50 },
    ],
    series: [
      {
        label: 'WIB',
        value: (_u, v) => (v === null ? '–' : fmtDateTime(v * 1_000, i18n.lang())),
      },
      {
        label: i18n.t('chart.fill'),
        value: pct,
        stroke: CHART_COLOURS.fill,
        width: 1.5,
        spanGaps: true,
        points: { show: true, size: 4, fill: CHART_COLOURS.fill },
      },
      {
        label: i18n.t('chart.suspect'),
        value: pct,
        stroke: CHART_COLOURS.suspect,
        paths: () => null,
        points: { show: true, size: 8, width: 2, fill: '#ffffff' },
      },
      {
        label: i18n.t('chart.prediction'),
        value: pct,
        stroke: CHART_COLOURS.prediction,
        dash: [8, 5],
        width: 2,
        spanGaps: true,
        points: { show: false },
      },
    ],
    hooks: { draw: [marks] },
  };

  return new uPlot(opts, [xs, fill, suspect, predicted], el);
}
