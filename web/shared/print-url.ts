import { h } from './dom.js';

/**
 * The printable A4 pickup sheet of a crew and date. It opens in a new tab, which cannot send
 * the bearer header, so the token rides in the query (the server logs paths without it).
 */
export function printUrl(crewId: string, date: string, token: string): string {
  const query = new URLSearchParams({ date, token });

  return `/api/v1/crews/${encodeURIComponent(crewId)}/pickups/print?${query.toString()}`;
}

/**
 * The link to that sheet, as both pages show it: a new tab, so the token is in the link. `attrs`
 * adds to the anchor's own (a title, a data attribute).
 */
export function printLink(
  crewId: string,
  date: string,
  token: string,
  label: string,
  attrs: Record<string, string> = {},
): HTMLAnchorElement {
  return h(
    'a',
    {
      class: 'print',
      ...attrs,
      href: printUrl(crewId, date, token),
      target: '_blank',
      rel: 'noopener noreferrer',
    },
    label,
  );
}
