/**
 * Reader for TSPLIB95-style CVRPLIB `.vrp` files: header `KEY : value` lines, then
 * NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION. Any whitespace separates fields (some
 * files use tabs and CRLF).
 */

export interface VrpFile {
  name: string;
  comment: string;
  dimension: number;
  capacity: number;
  edgeWeightType: string;
  /** Maximum route length (travel + service), when the file sets DISTANCE. */
  distanceLimit: number | null;
  serviceTime: number;
  /** Node coordinates in file order; index 0 is the depot. */
  x: number[];
  y: number[];
  demand: number[];
}

export class VrpParseError extends Error {
  override readonly name = 'VrpParseError';
}

type Section = 'header' | 'coords' | 'demands' | 'depot' | 'done';

function sectionStart(upper: string): Section | null {
  if (upper.startsWith('NODE_COORD_SECTION')) return 'coords';
  if (upper.startsWith('DEMAND_SECTION')) return 'demands';
  if (upper.startsWith('DEPOT_SECTION')) return 'depot';
  if (upper === 'EOF') return 'done';

  return null;
}

export function parseVrp(text: string): VrpFile {
  const header = new Map<string, string>();
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const depots: number[] = [];
  let section: Section = 'header';

  text.split(/\r?\n/).forEach((raw, lineIndex) => {
    const line = raw.trim();
    if (line === '' || section === 'done') return;
    const fail = (why: string): never => {
      throw new VrpParseError(`line ${lineIndex + 1}: ${why}: "${line}"`);
    };

    const upper = line.toUpperCase();
    const next = sectionStart(upper);
    if (next !== null) {
      section = next;
      return;
    }

    if (section === 'header') {
      const colon = line.indexOf(':');
      if (colon < 0) fail('expected "KEY : value"');
      header.set(line.slice(0, colon).trim().toUpperCase(), line.slice(colon + 1).trim());
      return;
    }

    const fields = line.split(/\s+/).map(Number);
    if (fields.some((f) => Number.isNaN(f))) fail('expected numbers');
    if (section === 'coords') {
      if (fields.length !== 3) fail('expected "id x y"');
      coords.set(fields[0]!, [fields[1]!, fields[2]!]);
    } else if (section === 'demands') {
      if (fields.length !== 2) fail('expected "id demand"');
      demands.set(fields[0]!, fields[1]!);
    } else if (section === 'depot') {
      if (fields[0] !== -1) depots.push(fields[0]!);
    }
  });

  const number = (key: string, required: boolean): number | null => {
    const value = header.get(key);
    if (value === undefined) {
      if (required) throw new VrpParseError(`missing ${key} in the header`);
      return null;
    }
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new VrpParseError(`${key} is not a number: "${value}"`);
    return parsed;
  };

  const dimension = number('DIMENSION', true)!;
  const edgeWeightType = header.get('EDGE_WEIGHT_TYPE') ?? '';
  if (edgeWeightType !== 'EUC_2D') {
    throw new VrpParseError(`only EUC_2D instances are supported, got "${edgeWeightType}"`);
  }
  if (coords.size !== dimension || demands.size !== dimension) {
    throw new VrpParseError(
      `expected ${dimension} coordinates and demands, got ${coords.size} and ${demands.size}`,
    );
  }
  if (depots.length !== 1 || depots[0] !== 1) {
    throw new VrpParseError('expected node 1 as the single depot');
  }

  const x: number[] = [];
  const y: number[] = [];
  const demand: number[] = [];
  for (let id = 1; id <= dimension; id++) {
    const xy = coords.get(id);
    const q = demands.get(id);
    if (xy === undefined || q === undefined) throw new VrpParseError(`node ${id} is missing`);
    x.push(xy[0]);
    y.push(xy[1]);
    demand.push(q);
  }

  return {
    name: header.get('NAME') ?? 'unnamed',
    comment: header.get('COMMENT') ?? '',
    dimension,
    capacity: number('CAPACITY', true)!,
    edgeWeightType,
    distanceLimit: number('DISTANCE', false),
    serviceTime: number('SERVICE_TIME', false) ?? 0,
    x,
    y,
    demand,
  };
}
