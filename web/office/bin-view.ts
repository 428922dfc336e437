import { h, setChildren } from '../shared/dom.js';
import { fmtDateTime, fmtNumber } from '../shared/i18n.js';
import { alertText, qualityLabel } from './alert-text.js';
import { CHART_COLOURS, drawBinChart } from './bin-chart.js';
import { BAND_COLOURS, bandOf } from './fill-bands.js';
import type { Office, View } from './office.js';
import type { OfficeKey } from './strings.js';
import type { BinDetail, RawReading } from './types.js';

const RANGES = { '1d': 1, '7d': 7, '14d': 14 } as const;
type Range = keyof typeof RANGES;

function facts(office: Office, bin: BinDetail): HTMLElement {
  const { t, lang } = office.i18n;
  const s = bin.state;
  const rows: [OfficeKey, string][] = [
    ['bin.fill', `${fmtNumber(s.fillPct, 1)} %`],
    ['bin.threshold', `${fmtNumber(bin.thresholdPct)} %`],
    ['bin.quality', qualityLabel(office.i18n, s.quality)],
    [
      'bin.rate',
      s.ratePctPerHour === null ? '–' : t('perHour', { v: fmtNumber(s.ratePctPerHour, 2) }),
    ],
    ['bin.predictedFull', fmtDateTime(s.predictedFullAt, lang())],
    ['bin.lastEmptied', fmtDateTime(s.lastEmptiedAt, lang())],
    ['bin.lastReading', fmtDateTime(s.lastReadingAt, lang())],
    ['bin.battery', s.batteryPct === null ? '–' : `${fmtNumber(s.batteryPct)} %`],
    ['bin.temperature', s.temperatureC === null ? '–' : `${fmtNumber(s.temperatureC, 1)} °C`],
    ['bin.kind', bin.kind],
    ['bin.volume', `${fmtNumber(bin.volumeL)} L`],
    ['bin.landUse', t(`landUse.${bin.landUse}` as OfficeKey)],
    ['bin.kecamatan', bin.areaName],
    ['bin.devices', bin.devices.map((d) => d.id).join(', ') || '–'],
  ];

  return h(
    'dl',
    { class: 'facts' },
    rows.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', { 'data-fact': key }, value)]),
  );
}

function chartLegend(office: Office): HTMLElement {
  const { t } = office.i18n;
  const items: [string, OfficeKey, string][] = [
    [CHART_COLOURS.threshold, 'chart.threshold', 'dash'],
    [CHART_COLOURS.sensorEmptied, 'chart.sensorEmptied', 'bar'],
    [CHART_COLOURS.crewCollected, 'chart.crewCollected', 'bar'],
    [CHART_COLOURS.crewNotCollected, 'chart.crewNotCollected', 'bar'],
  ];

  return h(
    'ul',
    { class: 'legend inline' },
    items.map(([colour, key, shape]) =>
      h('li', {}, h('span', { class: `swatch ${shape}`, style: `background:${colour}` }), t(key)),
    ),
  );
}

/** Readings of both lists, each instant once, oldest first. */
function merge(a: RawReading[], b: RawReading[]): RawReading[] {
  const byTime = new Map<number, RawReading>();
  for (const r of [...a, ...b]) {
    const ts = Date.parse(r.ts);
    if (!byTime.has(ts)) byTime.set(ts, r);
  }

  return [...byTime.entries()].sort(([x], [y]) => x - y).map(([, r]) => r);
}

/**
 * merge(loaded, fresh) for a loaded list already merged: live readings come after the last one
 * and in order, so they are appended without re-reading the list; any other case merges.
 */
function mergeNew(loaded: RawReading[], fresh: RawReading[]): RawReading[] {
  let previous = loaded.length > 0 ? Date.parse(loaded[loaded.length - 1]!.ts) : -Infinity;
  for (const r of fresh) {
    const ts = Date.parse(r.ts);
    if (!(ts > previous)) return merge(loaded, fresh);
    previous = ts;
  }

  return [...loaded, ...fresh];
}

/** What the chart draws of a bin's state: the same key, the same chart. */
const chartKey = (b: BinDetail) =>
  JSON.stringify([
    b.thresholdPct,
    b.state.predictedFullAt,
    b.collections.map((c) => [c.ts, c.source, c.status]),
  ]);

/** One bin: its facts, its fill history chart and its active alerts, updated live. */
export const binView: View = (office, root, [binId]) => {
  const { t, lang } = office.i18n;
  const id = decodeURIComponent(binId ?? '');
  let range: Range = '7d';
  let chart: { destroy(): void } | null = null;
  let bin: BinDetail | null = null;
  /** The readings of the chart's range, oldest first; live ones are appended. */
  let readings: RawReading[] = [];
  /** Readings heard live since the page opened: a fetch already under way may miss them. */
  const arrived: RawReading[] = [];
  const chartEl = h('div', { id: 'bin-chart', class: 'chart' });
  const rangeBar = h('div', { class: 'ranges', role: 'group' });
  const title = h('h1', { class: 'bin-title' });
  const factsBox = h('section', {});
  const alertsBox = h('section', {});
  root.replaceChildren(h('p', {}, t('loading')));

  const paintChart = () => {
    if (!bin) return;
    // The window ends now, so a reading that arrived after the page opened is inside it.
    const toMs = Date.now();
    const fromMs = toMs - RANGES[range] * 86_400_000;
    readings = readings.filter((r) => Date.parse(r.ts) >= fromMs);
    chart?.destroy();
    chart = null;
    chartEl.replaceChildren();
    chartEl.dataset.points = String(readings.length);
    if (readings.length === 0) {
      chartEl.append(h('p', { class: 'muted' }, t('bin.noReadings')));
      return;
    }
    chart = drawBinChart(
      chartEl,
      {
        readings,
        collections: bin.collections.filter((c) => c.ts >= fromMs),
        thresholdPct: bin.thresholdPct,
        predictedFullAt: bin.state.predictedFullAt ? Date.parse(bin.state.predictedFullAt) : null,
        fromMs,
        toMs,
      },
      office.i18n,
    );
  };

  const loadReadings = async () => {
    const toMs = Date.now();
    const fromMs = toMs - RANGES[range] * 86_400_000;
    const answer = await office.api<{ readings: RawReading[] }>(
      `/api/v1/bins/${encodeURIComponent(id)}/readings?from=${fromMs}&to=${toMs}`,
    );
    readings = merge(answer.readings, arrived);
    paintChart();
  };

  const renderRanges = () =>
    rangeBar.replaceChildren(
      ...(Object.keys(RANGES) as Range[]).map((r) =>
        h(
          'button',
          {
            type: 'button',
            class: r === range ? 'active' : '',
            'data-range': r,
            onclick: () => {
              range = r;
              renderRanges();
              loadReadings().catch(showError);
            },
          },
          t(`range.${r}`),
        ),
      ),
    );

  /** Facts, title and alerts from the bin's latest state. */
  const renderBin = (b: BinDetail) => {
    setChildren(
      title,
      h('span', { class: 'dot', style: `background:${BAND_COLOURS[bandOf(b)]}` }),
      `${b.siteName} `,
      h('small', {}, b.id),
    );
    factsBox.replaceChildren(facts(office, b));
    setChildren(
      alertsBox,
      b.alerts.length > 0
        ? [
            h('h2', {}, t('bin.alerts')),
            h(
              'ul',
              {},
              b.alerts.map((a) =>
                h(
                  'li',
                  { title: a.message, 'data-kind': a.kind },
                  `${fmtDateTime(a.openedAt, lang())} · ${alertText(office.i18n, a)}`,
                ),
              ),
            ),
          ]
        : null,
    );
  };

  const load = async () => {
    bin = await office.api<BinDetail>(`/api/v1/bins/${encodeURIComponent(id)}`);
    renderRanges();
    renderBin(bin);
    setChildren(
      root,
      h('p', {}, h('a', { href: '#/map' }, t('back'))),
      title,
      h(
        'div',
        { class: 'bin-layout' },
        factsBox,
        h('section', { class: 'bin-chart-box' }, rangeBar, chartEl, chartLegend(office)),
      ),
      alertsBox,
    );
    await loadReadings();
  };

  // Live: the bin's state (fill, rate, prediction, alerts) is the server's to compute, so it is
  // fetched again; the new readings themselves come with the event and join the chart as is.
  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = office
      .api<BinDetail>(`/api/v1/bins/${encodeURIComponent(id)}`)
      .then((fresh) => {
        // The live reading that asked for this is drawn already; repaint only for what the
        // server adds to the chart (a new prediction, a collection).
        const redraw = !bin || chartKey(bin) !== chartKey(fresh);
        bin = fresh;
        renderBin(fresh);
        if (redraw) paintChart();
      })
      .catch(showError)
      .finally(() => {
        refreshing = null;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  const offs = [
    office.live.on('readings', (batch) => {
      const mine = batch.filter((r) => r.binId === id);
      if (mine.length === 0) return;
      const fresh: RawReading[] = mine.map((r) => ({
        ts: new Date(r.ts).toISOString(),
        fillPct: r.fillPct,
        quality: r.quality,
        qualityReason: null,
      }));
      arrived.push(...fresh);
      // Those heard before are in the list already (or fell out of its window).
      readings = mergeNew(readings, fresh);
      paintChart();
      refresh();
    }),
    office.live.on('collection', (c) => {
      if (c.binId === id && bin) refresh();
    }),
  ];

  const showError = (error: Error) =>
    root.append(h('p', { class: 'error' }, t('error', { message: error.message })));
  load().catch(showError);

  return () => {
    for (const off of offs) off();
    chart?.destroy();
  };
};
