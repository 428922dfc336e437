/**
 * Language and formats. Bahasa Indonesia is the default. The choice is the person's, kept on
 * the server (lang.ts); this browser remembers the last one for the sign-in form and offline.
 * Times are always shown in WIB and numbers in Indonesian format, whatever the language.
 */
export type Lang = 'id' | 'en';

const LANG_KEY = 'pesan.lang';
const WIB_MS = 7 * 3_600_000;

export type Strings<K extends string> = Record<Lang, Record<K, string>>;

export interface I18n<K extends string> {
  lang(): Lang;
  setLang(lang: Lang): void;
  /** A label with `{name}` placeholders filled in. */
  t(key: K, vars?: Record<string, string | number>): string;
  /** The label of a key built at run time (an alert kind...), or the fallback if unknown. */
  label(key: string, fallback: string): string;
  /** Sets the text of every element carrying `data-i18n="key"` under root. */
  apply(root: ParentNode): void;
}

export function createI18n<K extends string>(strings: Strings<K>): I18n<K> {
  const stored = localStorage.getItem(LANG_KEY);
  let current: Lang = stored === 'en' ? 'en' : 'id';
  document.documentElement.lang = current;

  const t = (key: K, vars: Record<string, string | number> = {}) =>
    strings[current][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));

  return {
    lang: () => current,
    setLang(lang) {
      current = lang;
      localStorage.setItem(LANG_KEY, lang);
      document.documentElement.lang = lang;
    },
    t,
    label: (key, fallback) => (key in strings[current] ? t(key as K) : fallback),
    apply(root) {
      for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
        el.textContent = t(el.dataset.i18n as K);
      }
      for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
        el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder as K));
      }
    },
  };
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 1234.5 -> "1.234,5" (Indonesian grouping and decimal comma). */
export function fmtNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('id-ID', {
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    });
    numberFormats.set(digits, format);
  }

  return format.format(value);
}

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

const WIB_CLOCK = {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;
const DATE_OPTIONS = {
  dateTime: { ...WIB_CLOCK, day: 'numeric', month: 'short' },
  tickDate: { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', hourCycle: 'h23' },
  time: WIB_CLOCK,
  date: { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One DateTimeFormat per language and style, built on first use like fmtNumber's. */
function dateFormat(lang: Lang, style: keyof typeof DATE_OPTIONS): Intl.DateTimeFormat {
  const key = `${lang} ${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(lang), DATE_OPTIONS[style]);
    dateFormats.set(key, format);
  }

  return format;
}

/** An instant as a WIB date and time, e.g. "3 Des 14.05 WIB". */
export function fmtDateTime(ms: number | string | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '–';
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '–';

  return `${dateFormat(lang, 'dateTime').format(date)} WIB`;
}

/** Axis ticks in WIB: "14.00" within a day, "27 Nov" across days. */
export function fmtTick(ms: number, lang: Lang, withDate: boolean): string {
  return dateFormat(lang, withDate ? 'tickDate' : 'time').format(new Date(ms));
}

/** A time of day in WIB, e.g. "07.45". */
export function fmtTime(ms: number | string, lang: Lang): string {
  return dateFormat(lang, 'time').format(new Date(ms));
}

/** A WIB calendar date in words, e.g. "Rabu, 3 Desember 2025". */
export function fmtDate(isoDate: string, lang: Lang): string {
  return dateFormat(lang, 'date').format(new Date(`${isoDate}T00:00:00Z`));
}

/** Today's WIB date, YYYY-MM-DD. */
export function wibToday(now = Date.now()): string {
  return new Date(now + WIB_MS).toISOString().slice(0, 10);
}

/** Minutes as "1 j 25 m" / "1 h 25 m". */
export function fmtDuration(minutes: number, lang: Lang): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;

  return `${h} ${lang === 'id' ? 'j' : 'h'} ${m} m`;
}
