import L from 'leaflet';
import type { Area } from '../../src/domain/registry.js';
import type { PlanResult, VehiclePlan } from '../../src/routing/plan-types.js';
import { ApiError } from '../shared/api.js';
import { fmtClock } from '../shared/clock.js';
import { h, setChildren } from '../shared/dom.js';
import { fmtDateTime, fmtDuration, fmtNumber, wibToday } from '../shared/i18n.js';
import { printLink } from '../shared/print-url.js';
import { baseMap } from './base-map.js';
import type { Office, View } from './office.js';
import type { OfficeKey } from './strings.js';

interface StoredPlan {
  date: string;
  createdAt: number;
  trigger: string;
  plan: PlanResult;
}

/** Well-separated colours for any number of vehicles (golden-angle hues). */
export const vehicleColour = (i: number) => `hsl(${Math.round((i * 137.508) % 360)} 75% 38%)`;

function vehiclesTable(
  office: Office,
  date: string,
  vehicles: VehiclePlan[],
  focus: (id: string) => void,
) {
  const { t, lang } = office.i18n;
  const headers: OfficeKey[] = [
    'plan.vehicle',
    'plan.trips',
    'plan.stops',
    'plan.distance',
    'plan.duration',
    'plan.load',
  ];

  return h(
    'table',
    { class: 'table vehicles' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((k) => h('th', {}, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      vehicles.map((v, i) => {
        const stops = v.trips.flatMap((trip) => trip.stops).filter((s) => s.type === 'pickup');

        return h(
          'tr',
          { 'data-vehicle-id': v.vehicleId, onclick: () => focus(v.vehicleId) },
          h(
            'td',
            {},
            h('span', { class: 'swatch', style: `background:${vehicleColour(i)}` }),
            v.vehicleId,
            // The crew's printable sheet of this day; a new tab, so the token is in the link.
            v.crewId
              ? h(
                  'div',
                  {},
                  printLink(v.crewId, date, office.token, t('plan.print'), {
                    'data-crew-id': v.crewId,
                    title: t('plan.printTitle', { crew: v.crewId }),
                  }),
                )
              : null,
          ),
          h('td', { class: 'num' }, fmtNumber(v.trips.length)),
          h('td', { class: 'num' }, fmtNumber(stops.length)),
          h('td', { class: 'num' }, `${fmtNumber(v.distanceKm, 1)} km`),
          h('td', { class: 'num' }, fmtDuration(v.durationMin, lang())),
          h(
            'td',
            { class: 'num' },
            `${fmtNumber(v.collectedKg)} kg`,
            h('div', { class: 'muted' }, `${fmtNumber(v.collectedM3, 1)} m³`),
          ),
        );
      }),
    ),
  );
}

function facilitiesTable(office: Office, plan: PlanResult) {
  const { t } = office.i18n;

  return h(
    'table',
    { class: 'table facilities' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('plan.facilities')),
        h('th', {}, t('plan.planned')),
        h('th', {}, t('plan.cap')),
      ),
    ),
    h(
      'tbody',
      {},
      [...plan.facilities]
        .sort((a, b) => b.plannedTonnes - a.plannedTonnes)
        .map((f) => {
          const used = f.plannedTonnes + (f.alreadyDeliveredTonnes ?? 0);
          const share = f.capTonnes ? Math.min(1, used / f.capTonnes) : 0;
          const over = f.capTonnes !== null && used > f.capTonnes;

          return h(
            'tr',
            { 'data-facility-id': f.facilityId, class: over ? 'over' : '' },
            h('td', {}, f.name),
            h(
              'td',
              { class: 'num' },
              `${fmtNumber(f.plannedTonnes, 1)} t`,
              f.capTonnes
                ? h(
                    'div',
                    { class: 'bar' },
                    h('span', { style: `width:${Math.round(share * 100)}%` }),
                  )
                : null,
            ),
            h('td', { class: 'num' }, f.capTonnes ? `${fmtNumber(f.capTonnes)} t` : t('noCap')),
          );
        }),
    ),
  );
}

/** A day's plan: one coloured route per vehicle, vehicle figures, disposal tonnage vs caps. */
export const planView: View = (office, root, [dateParam]) => {
  const { t, lang } = office.i18n;
  const date = dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : wibToday();
  const mapEl = h('div', { id: 'plan-map', class: 'map' });
  const side = h('aside', { class: 'panel wide' }, h('p', {}, t('loading')));
  const dateInput = h('input', { type: 'date', value: date, id: 'plan-date' });
  const planButton = h('button', { type: 'button', id: 'plan-now' }, t('plan.now'));
  const controls = h(
    'form',
    { class: 'plan-controls' },
    h('label', {}, `${t('plan.date')} `, dateInput),
    h('button', { type: 'submit' }, t('plan.show')),
    planButton,
  );
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/plan/${dateInput.value}`;
  });
  root.replaceChildren(controls, h('div', { class: 'split' }, side, mapEl));

  let map: L.Map | null = null;
  const routes = L.layerGroup();
  // Stops in their own group, kept above every route line: a line drawn (or brought to the
  // front) after a stop would otherwise take the stop's hover and show only a vehicle id.
  const stopMarkers = L.featureGroup();
  const routeLines = new Map<string, L.Polyline>();

  const focus = (vehicleId: string) => {
    for (const [id, line] of routeLines) {
      line.setStyle({ weight: id === vehicleId ? 7 : 4, opacity: id === vehicleId ? 1 : 0.5 });
      if (id === vehicleId) line.bringToFront();
    }
    stopMarkers.bringToFront();
  };

  const draw = (stored: StoredPlan) => {
    const { plan } = stored;
    routes.clearLayers();
    stopMarkers.clearLayers();
    routeLines.clear();
    const working = plan.vehicles.filter((v) => v.trips.length > 0);
    working.forEach((v, i) => {
      const colour = vehicleColour(i);
      const stops = v.trips.flatMap((trip) => trip.stops);
      const line = L.polyline(
        stops.map((s) => [s.lat, s.lon] as L.LatLngTuple),
        { color: colour, weight: 4, opacity: 0.85, className: 'route' },
      ).bindTooltip(v.vehicleId);
      line.addTo(routes);
      routeLines.set(v.vehicleId, line);
      for (const s of stops) {
        if (s.type === 'depot') continue;
        L.circleMarker([s.lat, s.lon], {
          radius: s.type === 'disposal' ? 8 : 4,
          color: s.type === 'disposal' ? '#111827' : colour,
          weight: s.type === 'disposal' ? 3 : 1,
          fillColor: colour,
          fillOpacity: 0.9,
          className: s.type === 'disposal' ? 'route-disposal' : 'route-stop',
        })
          .bindTooltip(`${v.vehicleId} · ${s.name} · ${fmtClock(s.etaMin, lang())}`)
          .addTo(stopMarkers);
      }
    });
    stopMarkers.bringToFront();
    const points = working.flatMap((v) => v.trips.flatMap((trip) => trip.stops));
    if (map && points.length > 0) {
      map.fitBounds(L.latLngBounds(points.map((s) => [s.lat, s.lon])).pad(0.05));
    }

    setChildren(
      side,
      h(
        'p',
        { class: 'muted' },
        t('plan.made', { time: fmtDateTime(stored.createdAt, lang()), trigger: stored.trigger }),
      ),
      h(
        'p',
        { class: 'totals' },
        t('plan.totals', {
          km: fmtNumber(plan.totals.distanceKm, 1),
          h: fmtDuration(plan.totals.durationMin, lang()),
          t: fmtNumber(plan.totals.collectedKg / 1_000, 1),
          fuel: fmtNumber(plan.totals.fuelLitres, 0),
        }),
      ),
      h('h2', {}, t('plan.vehicles')),
      vehiclesTable(office, plan.date, working, focus),
      h('h2', {}, t('plan.facilities')),
      facilitiesTable(office, plan),
      plan.unserved.length > 0
        ? h(
            'details',
            { class: 'unserved' },
            h('summary', {}, t('plan.unserved', { n: fmtNumber(plan.unserved.length) })),
            h(
              'ul',
              {},
              plan.unserved.map((u) =>
                h(
                  'li',
                  {},
                  h('a', { href: `#/bin/${encodeURIComponent(u.binId)}` }, u.binId),
                  ` — ${u.reason}`,
                ),
              ),
            ),
          )
        : null,
    );
  };

  const load = async () => {
    const { areas } = await office.api<{ areas: Area[] }>('/api/v1/areas');
    map = baseMap(office, mapEl, areas);
    routes.addTo(map);
    stopMarkers.addTo(map);
    try {
      draw(await office.api<StoredPlan>(`/api/v1/plans/${date}`));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      side.replaceChildren(h('p', { id: 'no-plan' }, t('plan.none')));
    }
  };
  const showError = (error: Error) =>
    side.replaceChildren(h('p', { class: 'error' }, t('error', { message: error.message })));

  planButton.addEventListener('click', () => {
    planButton.setAttribute('disabled', '');
    side.replaceChildren(h('p', {}, t('loading')));
    office
      .api<StoredPlan>('/api/v1/plans', { method: 'POST', body: { date: dateInput.value } })
      .then((stored) => {
        if (stored.date === date) draw(stored);
        else location.hash = `#/plan/${stored.date}`;
      })
      .catch(showError)
      .finally(() => planButton.removeAttribute('disabled'));
  });

  const off = office.live.on('plan', (event) => {
    if (event.date !== date) return;
    office.api<StoredPlan>(`/api/v1/plans/${date}`).then(draw).catch(showError);
  });
  load().catch(showError);

  return () => {
    off();
    map?.remove();
  };
};
