import { CsvError, parse } from 'csv-parse/sync';
import { BIN_KIND_SPECS } from '../domain/bin-kinds.js';
import { BIN_KINDS, type Bin } from '../domain/registry.js';
import { binSchema } from './snapshot-schema.js';

/** One problem of a CSV file, located so a person can fix it in a spreadsheet. */
export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  column: string | null;
  message: string;
}

export type BinCsvResult = { ok: true; bins: Bin[] } | { ok: false; problems: CsvProblem[] };

const TEXT_COLUMNS = ['id', 'areaId', 'siteName', 'kind', 'landUse'] as const;
const NUMBER_COLUMNS = [
  'lat',
  'lon',
  'volumeL',
  'mountHeightMm',
  'usableDepthMm',
  'thresholdPct',
  'reportIntervalS',
] as const;
const GEOMETRY = ['volumeL', 'mountHeightMm', 'usableDepthMm'];
const REQUIRED = ['id', 'areaId', 'siteName', 'kind', 'landUse', 'lat', 'lon'];
const KNOWN = [...TEXT_COLUMNS, ...NUMBER_COLUMNS, 'enabled'];
/** Headers people write in a spreadsheet, mapped to our field names. */
const ALIASES: Record<string, string> = { kecamatan: 'areaId', area: 'areaId', site: 'siteName' };
const MAX_PROBLEMS = 200;

const canonical = (header: string) => {
  const key = header.trim();
  const alias = ALIASES[key.toLowerCase()];

  return alias ?? KNOWN.find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
};

/**
 * Reads bins from CSV (one row per bin; geometry defaults from the bin kind) and checks every
 * row, so one answer lists all the problems instead of the first one.
 */
export function parseBinCsv(text: string, knownAreaIds: ReadonlySet<string>): BinCsvResult {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (headers: string[]) => headers.map(canonical),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;

      return { ok: false, problems: [{ line, column: null, message: error.message }] };
    }
    throw error;
  }

  const headers = Object.keys(records[0]?.record ?? {});
  const headerProblems: CsvProblem[] = [
    ...REQUIRED.filter((c) => !headers.includes(c)).map((c) => ({
      line: 1,
      column: c,
      message: `missing column "${c}"`,
    })),
    ...headers
      .filter((h) => !KNOWN.includes(h))
      .map((h) => ({
        line: 1,
        column: h,
        message: `unknown column; expected some of ${KNOWN.join(', ')}`,
      })),
  ];
  if (records.length === 0) {
    headerProblems.push({ line: 1, column: null, message: 'no bin rows after the header' });
  }
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const problems: CsvProblem[] = [];
  const bins: Bin[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const rowProblems = checkRow(record, info.lines, knownAreaIds, seen);
    if (rowProblems.problems.length > 0) problems.push(...rowProblems.problems);
    else if (rowProblems.bin) bins.push(rowProblems.bin);
    if (problems.length >= MAX_PROBLEMS) break;
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, bins };
}

function checkRow(
  record: Record<string, string>,
  line: number,
  knownAreaIds: ReadonlySet<string>,
  seen: Map<string, number>,
): { bin: Bin | null; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const candidate: Record<string, unknown> = {};

  for (const column of TEXT_COLUMNS) {
    if (record[column]) candidate[column] = record[column];
  }
  for (const column of NUMBER_COLUMNS) {
    const raw = record[column];
    if (raw === undefined || raw === '') continue;
    // Spreadsheets set to Indonesian write decimals with a comma.
    const value = Number(raw.replace(',', '.'));
    if (Number.isFinite(value)) candidate[column] = value;
    else problems.push({ line, column, message: `"${raw}" is not a number` });
  }
  if (record.enabled) candidate.enabled = !['false', '0', 'no', 'tidak'].includes(record.enabled);

  const kind = record.kind as Bin['kind'];
  const knownKind = BIN_KINDS.includes(kind);
  if (knownKind) {
    const spec = BIN_KIND_SPECS[kind];
    candidate.volumeL ??= spec.volumeL;
    candidate.mountHeightMm ??= spec.mountHeightMm;
    candidate.usableDepthMm ??= spec.usableDepthMm;
  }

  const parsed = binSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issue.path.join('.') || null;
      // An unknown kind has no default geometry: say so once, not once per missing size.
      const noDefault = !knownKind && GEOMETRY.includes(column ?? '') && !record[column ?? ''];
      if (!noDefault && !problems.some((p) => p.column === column)) {
        problems.push({ line, column, message: issue.message });
      }
    }
  }
  if (record.areaId && !knownAreaIds.has(record.areaId)) {
    problems.push({ line, column: 'areaId', message: `unknown kecamatan "${record.areaId}"` });
  }
  const firstLine = seen.get(record.id ?? '');
  if (record.id && firstLine !== undefined) {
    problems.push({ line, column: 'id', message: `bin "${record.id}" repeats line ${firstLine}` });
  }
  if (record.id) seen.set(record.id, line);

  return { bin: parsed.success ? parsed.data : null, problems };
}
