import { h } from '../shared/dom.js';
import { fmtDateTime, fmtNumber, type I18n } from '../shared/i18n.js';
import type { OfficeKey } from './strings.js';
import type { Alert } from './types.js';

/** Alerts about the backend itself (the InfluxDB spool...) carry this bin id. */
export const SYSTEM_BIN_ID = 'system';

/**
 * An alert's text in the page's language, built from its kind and value: the server's message
 * is English with UTC times, written for logs. Kinds this page does not know yet keep the
 * server's message, so a new alert is never hidden.
 */
export function alertText(i18n: I18n<OfficeKey>, alert: Alert): string {
  const { t, lang } = i18n;
  const v = alert.value;
  switch (alert.kind) {
    case 'full':
      return v === null ? t('kind.full') : t('alertText.full', { v: fmtNumber(v) });
    case 'overflow-predicted':
      return v === null
        ? t('kind.overflow-predicted')
        : t('alertText.overflow-predicted', { time: fmtDateTime(v, lang()) });
    case 'fire-risk':
      return v === null ? t('kind.fire-risk') : t('alertText.fire-risk', { v: fmtNumber(v, 1) });
    case 'tilt':
      return v === null ? t('kind.tilt') : t('alertText.tilt', { v: fmtNumber(v) });
    case 'low-battery':
      return v === null ? t('kind.low-battery') : t('alertText.low-battery', { v: fmtNumber(v) });
    case 'silent':
      // The value is when the sensor was last heard (null: never); the server's "for N min"
      // was true only at the sweep that wrote it.
      return v === null
        ? t('alertText.silentNever')
        : t('alertText.silent', { time: fmtDateTime(v, lang()) });
    case 'verify':
      return t('alertText.verify');
    case 'store-spool':
      return t('alertText.store-spool');
    default:
      return alert.message;
  }
}

/** The bin an alert is about as a link, or "System" for alerts about the backend. */
export function alertBin(i18n: I18n<OfficeKey>, alert: Alert): HTMLElement {
  if (alert.binId === SYSTEM_BIN_ID) return h('span', { class: 'system' }, i18n.t('system'));

  return h('a', { href: `#/bin/${encodeURIComponent(alert.binId)}` }, alert.binId);
}

/** A reading quality code ("no-echo"...) as a label, or the code itself if unknown. */
export const qualityLabel = (i18n: I18n<OfficeKey>, quality: string | null) =>
  quality === null ? '–' : i18n.label(`quality.${quality}`, quality);
