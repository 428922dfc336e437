import L from 'leaflet';
import type { Area } from '../../src/domain/registry.js';
import { LAND_USES } from '../../src/domain/registry.js';
import { h } from '../shared/dom.js';
import { fmtDateTime, fmtNumber } from '../shared/i18n.js';
import { qualityLabel } from './alert-text.js';
import { baseMap } from './base-map.js';
import { BAND_COLOURS, BANDS, bandOf, hasQualityProblem } from './fill-bands.js';
import type { Office, View } from './office.js';
import type { BinWithState } from './types.js';

interface Filters {
  kecamatan: string;
  landUse: string;
  band: string;
}

function markerStyle(bin: BinWithState): L.CircleMarkerOptions {
  const problem = hasQualityProblem(bin);

  return {
    radius: bin.volumeL >= 2_000 ? 8 : 6,
    fillColor: BAND_COLOURS[bandOf(bin)],
    fillOpacity: 0.9,
    color: problem ? '#111827' : '#ffffff',
    weight: problem ? 3 : 1,
    dashArray: problem ? '3 2' : '',
  };
}

/** Classes tests and styles select on: every bin, its band, its id. */
const markerClass = (bin: BinWithState) => `bin-marker band-${bandOf(bin)} bin-${bin.id}`;

function popup(office: Office, bin: BinWithState): HTMLElement {
  const { t, lang } = office.i18n;

  return h(
    'div',
    { class: 'bin-popup' },
    h('strong', {}, bin.siteName),
    h('div', {}, `${bin.id} · ${bin.areaName}`),
    h('div', {}, `${t('fill')}: ${fmtNumber(bin.state.fillPct, 0)} %`),
    hasQualityProblem(bin)
      ? h('div', { class: 'warn' }, `⚠ ${qualityLabel(office.i18n, bin.state.quality)}`)
      : null,
    h('div', { class: 'muted' }, fmtDateTime(bin.state.lastReadingAt, lang())),
    h('a', { href: `#/bin/${encodeURIComponent(bin.id)}` }, t('openChart')),
  );
}

function select(
  label: string,
  name: keyof Filters,
  options: [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h(
    'select',
    { name, id: `filter-${name}` },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  el.addEventListener('change', () => onChange(el.value));

  return h('label', { class: 'field' }, h('span', {}, label), el);
}

/** The fleet on a map, coloured by fill band, with filters and live colour changes. */
export const mapView: View = (office, root) => {
  const { t } = office.i18n;
  const filters: Filters = { kecamatan: '', landUse: '', band: '' };
  const mapEl = h('div', { id: 'fleet-map', class: 'map' });
  const panel = h('aside', { class: 'panel' }, h('p', {}, t('loading')));
  root.replaceChildren(h('div', { class: 'split' }, panel, mapEl));

  let map: L.Map | null = null;
  const markers = new Map<string, { bin: BinWithState; marker: L.CircleMarker }>();
  const layer = L.layerGroup();
  const counter = h('p', { id: 'bin-count', class: 'muted' });

  const visible = (bin: BinWithState) =>
    (!filters.kecamatan || bin.areaId === filters.kecamatan) &&
    (!filters.landUse || bin.landUse === filters.landUse) &&
    (!filters.band || bandOf(bin) === filters.band);

  const refilter = () => {
    let shown = 0;
    for (const { bin, marker } of markers.values()) {
      if (visible(bin)) {
        shown++;
        if (!layer.hasLayer(marker)) layer.addLayer(marker);
      } else layer.removeLayer(marker);
    }
    counter.textContent = t('shown', { n: fmtNumber(shown), total: fmtNumber(markers.size) });
  };

  const legend = () =>
    h(
      'ul',
      { class: 'legend' },
      BANDS.map((b) =>
        h(
          'li',
          {},
          h('span', { class: 'dot', style: `background:${BAND_COLOURS[b]}` }),
          t(`band.${b}`),
        ),
      ),
      h('li', {}, h('span', { class: 'dot problem' }), t('qualityProblem')),
      h('li', {}, h('span', { class: 'dot area' }), t('areaPoint')),
    );

  const load = async () => {
    const [{ bins }, { areas }] = await Promise.all([
      office.api<{ bins: BinWithState[] }>('/api/v1/bins'),
      office.api<{ areas: Area[] }>('/api/v1/areas'),
    ]);
    map = baseMap(office, mapEl, areas);
    layer.addTo(map);
    for (const bin of bins) {
      const marker = L.circleMarker([bin.lat, bin.lon], {
        ...markerStyle(bin),
        className: markerClass(bin),
      });
      marker.bindPopup(() => popup(office, markers.get(bin.id)?.bin ?? bin));
      marker.bindTooltip(`${bin.siteName} · ${fmtNumber(bin.state.fillPct, 0)} %`);
      markers.set(bin.id, { bin, marker });
    }
    if (bins.length > 0) map.fitBounds(L.latLngBounds(bins.map((b) => [b.lat, b.lon])).pad(0.05));

    const served = new Set(bins.map((b) => b.areaId));
    const filterFields: [keyof Filters, [string, string][]][] = [
      ['kecamatan', areas.filter((a) => served.has(a.id)).map((a) => [a.id, a.name])],
      ['landUse', LAND_USES.map((u) => [u, t(`landUse.${u}`)])],
      ['band', BANDS.map((b) => [b, t(`band.${b}`)])],
    ];
    panel.replaceChildren(
      ...filterFields.map(([name, options]) =>
        select(
          t(`filter.${name}`),
          name,
          [['', t('filter.all')], ...options],
          filters[name],
          (v) => {
            filters[name] = v;
            refilter();
          },
        ),
      ),
      counter,
      legend(),
    );
    refilter();
  };

  // New readings recolour their bins without a reload.
  const off = office.live.on('readings', (readings) => {
    for (const r of readings) {
      const entry = markers.get(r.binId);
      if (!entry) continue;
      entry.bin = {
        ...entry.bin,
        state: {
          ...entry.bin.state,
          fillPct: r.fillPct,
          quality: r.quality,
          lastReadingAt: new Date(r.ts).toISOString(),
        },
      };
      entry.marker.setStyle(markerStyle(entry.bin));
      entry.marker
        .getElement()
        ?.setAttribute('class', `${markerClass(entry.bin)} leaflet-interactive`);
    }
    refilter();
  });

  load().catch((error: Error) => {
    panel.replaceChildren(h('p', { class: 'error' }, t('error', { message: error.message })));
  });

  return () => {
    off();
    map?.remove();
  };
};
