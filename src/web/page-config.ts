/** What the pages learn from the server before their first request (inlined in the HTML). */
export interface PageConfig {
  /** Leaflet tile URL template, or null to draw the map without tiles. */
  tileUrl: string | null;
  tileAttribution: string;
}
