import type { Crew, Vehicle } from '../domain/registry.js';
import { clockTime, wibMidnight } from '../shared/wib.js';
import type { PickupList, PickupStop } from './crew-pickups.js';
import type { VehiclePlan } from './plan-types.js';

/** What the printed sheet says about the crew and its truck, beside the ordered stops. */
export interface SheetInput {
  list: PickupList;
  crew: Crew;
  vehicle: Vehicle | null;
  plan: VehiclePlan | null;
  /** Facility names by id, for the disposal rows. */
  facilityName: (id: string) => string;
}

const VEHICLE_KIND_ID: Record<Vehicle['kind'], string> = {
  'dump-truck': 'Dump truck',
  'arm-roll': 'Arm roll',
  'three-wheeler': 'Motor roda tiga',
};

const number = (value: number, digits = 1) =>
  new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits }).format(value);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function longDate(date: string): string {
  return new Intl.DateTimeFormat('id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(wibMidnight(date));
}

function hours(minutes: number): string {
  return `${Math.floor(minutes / 60)} j ${Math.round(minutes % 60)} m`;
}

const wibTime = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
});

/**
 * The planner's reason (English, for logs and the API) in the sheet's language. Unknown
 * wording is printed as it is rather than dropped.
 */
export function reasonInIndonesian(reason: string): string {
  const suspect = /\(last trusted level: .*\)/.test(reason)
    ? ' (bacaan terakhir diragukan: dinilai dari level tepercaya terakhir)'
    : '';
  const full = /fill (\d+) % >= (\d+) %/.exec(reason);
  if (full) return `Penuh sekarang: isi ${full[1]} % (batas ${full[2]} %)${suspect}`;

  const soon = /reach(?:es)? (\d+) % at (\S+)/.exec(reason);
  const at = soon ? Date.parse(soon[2]!) : Number.NaN;
  if (soon && Number.isFinite(at)) {
    return `Diperkirakan ${soon[1]} % pada ${wibTime.format(at)} WIB${suspect}`;
  }

  return reason;
}

function stopRow(stop: PickupStop, facilityName: (id: string) => string): string {
  if (stop.type === 'disposal') {
    const where = stop.facilityId ? facilityName(stop.facilityId) : stop.name;

    return (
      `<tr class="disposal"><td>${stop.order}</td><td>${stop.eta}</td>` +
      `<td colspan="5">Buang muatan di <strong>${escapeHtml(where)}</strong></td>` +
      `<td class="box">☐ Sudah ditimbang</td></tr>`
    );
  }

  const fill = stop.expectedFillPct === null ? '–' : `${number(stop.expectedFillPct, 0)} %`;

  return (
    `<tr><td>${stop.order}</td><td>${stop.eta}</td>` +
    `<td>${escapeHtml(stop.name)}<div class="id">${escapeHtml(stop.binId ?? '')}</div></td>` +
    `<td>${escapeHtml(stop.kecamatan ?? '')}</td>` +
    `<td class="num">${number(stop.expectedVolumeM3, 2)}</td><td class="num">${fill}</td>` +
    `<td class="why">${escapeHtml(reasonInIndonesian(stop.reason ?? ''))}</td>` +
    `<td class="box">☐ Diangkut<br>☐ Tidak: ________</td></tr>`
  );
}

const STYLE = `
@page { size: A4; margin: 12mm; }
body { font: 10pt/1.35 'DejaVu Sans', Arial, sans-serif; color: #000; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
.meta { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin-bottom: 4mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #555; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #e8e8e8; font-size: 9pt; }
tr { break-inside: avoid; }
tr.disposal td { background: #f2f2f2; }
.num { text-align: right; white-space: nowrap; }
.id { font-size: 8pt; color: #444; }
.why { font-size: 8.5pt; }
.box { white-space: nowrap; font-size: 9pt; }
.sign { display: flex; justify-content: space-between; margin-top: 12mm; break-inside: avoid; }
.sign div { width: 45%; border-top: 0.3mm solid #000; padding-top: 1mm; text-align: center; }
.empty { margin-top: 8mm; font-size: 12pt; }
@media screen { body { max-width: 210mm; margin: 8mm auto; padding: 0 6mm; } }
`;

/**
 * A crew's pickup list as a printable A4 page in Bahasa Indonesia: for crews without a
 * smartphone, and the paper copy a supervisor signs. One table per trip, stops in plan order,
 * each disposal visit as its own row.
 */
export function pickupSheetHtml(input: SheetInput): string {
  const { list, crew, vehicle, plan, facilityName } = input;
  const trips = new Map<number, PickupStop[]>();
  for (const stop of list.stops) trips.set(stop.trip, [...(trips.get(stop.trip) ?? []), stop]);
  const pickups = list.stops.filter((s) => s.type === 'pickup');

  const meta = [
    `<span>Regu: <strong>${escapeHtml(crew.name)}</strong> (${escapeHtml(crew.id)})</span>`,
    `<span>Kendaraan: <strong>${escapeHtml(list.vehicleId)}</strong>` +
      (vehicle ? `, ${VEHICLE_KIND_ID[vehicle.kind]} ${number(vehicle.capacityM3)} m³` : '') +
      '</span>',
    `<span>Shift: ${clockTime(crew.shiftStartMin)}–${clockTime(crew.shiftEndMin)} WIB</span>`,
    `<span>Titik angkut: <strong>${pickups.length}</strong></span>`,
  ];
  if (plan) {
    meta.push(
      `<span>Jarak: ${number(plan.distanceKm)} km</span>`,
      `<span>Waktu: ${hours(plan.durationMin)}</span>`,
      `<span>Muatan: ${number(plan.collectedM3)} m³ ` +
        `(${number(plan.collectedKg / 1000, 2)} t)</span>`,
    );
  }

  const tables = [...trips.entries()].map(
    ([trip, stops]) =>
      `<h2>Rit ${trip}</h2><table><thead><tr><th>No</th><th>Jam</th><th>Lokasi</th>` +
      `<th>Kecamatan</th><th>Volume m³</th><th>Isi</th><th>Alasan</th><th>Tanda</th>` +
      `</tr></thead><tbody>${stops.map((s) => stopRow(s, facilityName)).join('')}</tbody></table>`,
  );
  const body =
    tables.length > 0
      ? tables.join('\n')
      : '<p class="empty">Tidak ada titik angkut untuk regu ini pada tanggal ini.</p>';

  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>Daftar angkut ${escapeHtml(crew.name)} ${list.date}</title>
<style>${STYLE}</style></head>
<body>
<h1>Daftar Angkut Sampah — ${longDate(list.date)}</h1>
<div class="meta">${meta.join('')}</div>
${body}
<div class="sign"><div>Sopir / Ketua regu</div><div>Pengawas DLH Kabupaten Serang</div></div>
</body></html>
`;
}
