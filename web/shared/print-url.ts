/**
 * The printable A4 pickup sheet of a crew and date. It opens in a new tab, which cannot send
 * the bearer header, so the token rides in the query (the server logs paths without it).
 */
export function printUrl(crewId: string, date: string, token: string): string {
  const query = new URLSearchParams({ date, token });

  return `/api/v1/crews/${encodeURIComponent(crewId)}/pickups/print?${query.toString()}`;
}
