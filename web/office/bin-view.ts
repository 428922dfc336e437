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

/** One bin: its facts, its fill history chart and its active alerts. */
export const binView: View = (office, root, [binId]) => {
  const { t, lang } = office.i18n;
  const id = decodeURIComponent(binId ?? '');
  let range: Range = '7d';
  let chart: { destroy(): void } | null = null;
  const chartEl = h('div', { id: 'bin-chart', class: 'chart' });
  const rangeBar = h('div', { class: 'ranges', role: 'group' });
  root.replaceChildren(h('p', {}, t('loading')));

  const drawChart = async (bin: BinDetail) => {
    const toMs = Date.now();
    const fromMs = toMs - RANGES[range] * 86_400_000;
    const { readings } = await office.api<{ readings: RawReading[] }>(
      `/api/v1/bins/${encodeURIComponent(bin.id)}/readings?from=${fromMs}&to=${toMs}`,
    );
    chart?.destroy();
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

  const load = async () => {
    const bin = await office.api<BinDetail>(`/api/v1/bins/${encodeURIComponent(id)}`);
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
                drawChart(bin).catch(showError);
              },
            },
            t(`range.${r}`),
          ),
        ),
      );
    renderRanges();

    setChildren(
      root,
      h('p', {}, h('a', { href: '#/map' }, t('back'))),
      h(
        'h1',
        { class: 'bin-title' },
        h('span', { class: 'dot', style: `background:${BAND_COLOURS[bandOf(bin)]}` }),
        `${bin.siteName} `,
        h('small', {}, bin.id),
      ),
      h(
        'div',
        { class: 'bin-layout' },
        h('section', {}, facts(office, bin)),
        h('section', { class: 'bin-chart-box' }, rangeBar, chartEl, chartLegend(office)),
      ),
      bin.alerts.length > 0
        ? h(
            'section',
            {},
            h('h2', {}, t('bin.alerts')),
            h(
              'ul',
              {},
              bin.alerts.map((a) =>
                h(
                  'li',
                  { title: a.message, 'data-kind': a.kind },
                  `${fmtDateTime(a.openedAt, lang())} · ${alertText(office.i18n, a)}`,
                ),
              ),
            ),
          )
        : null,
    );
    await drawChart(bin);
  };

  const showError = (error: Error) =>
    root.append(h('p', { class: 'error' }, t('error', { message: error.message })));
  load().catch(showError);

  return () => chart?.destroy();
};
