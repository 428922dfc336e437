import L from 'leaflet';
import type { Area } from '../../src/domain/registry.js';
import type { Office } from './office.js';

const SERANG_CENTRE: L.LatLngExpression = [-6.12, 106.2];

/**
 * A Leaflet map with the configured tiles and the kecamatan centres. Without tiles (no
 * network, or tiles turned off) the labelled centres still give the bins their geography.
 */
export function baseMap(office: Office, element: HTMLElement, areas: Area[]): L.Map {
  const map = L.map(element, { zoomControl: true, preferCanvas: false }).setView(SERANG_CENTRE, 11);
  if (office.config.tileUrl) {
    L.tileLayer(office.config.tileUrl, {
      maxZoom: 19,
      attribution: office.config.tileAttribution,
    }).addTo(map);
  }

  const areaLayer = L.layerGroup().addTo(map);
  for (const area of areas) {
    L.circleMarker([area.lat, area.lon], {
      radius: 4,
      color: '#1f2937',
      weight: 1,
      fillColor: '#1f2937',
      fillOpacity: 0.8,
      className: 'area-point',
      interactive: false,
    }).addTo(areaLayer);
    L.marker([area.lat, area.lon], {
      icon: L.divIcon({ className: 'area-label', html: '', iconSize: [0, 0] }),
      interactive: false,
      keyboard: false,
    })
      .addTo(areaLayer)
      .getElement()
      ?.append(Object.assign(document.createElement('span'), { textContent: area.name }));
  }

  return map;
}
