/** What the home page shows of the city, as its components take it. */

/** The small map of the home page. */
export interface MiniMap {
  /** The city's boundary rings ([lon, lat]), from the basemap; empty when there is none. */
  boundary: [number, number][][];
  /** Buildings placed on the map: where, and their age at the as-of year (null: unknown). */
  buildings: { lon: number; lat: number; age: number | null }[];
  /** Buildings placed, all told (the map shows at most MINI_MAP_POINTS of them). */
  placed: number;
}
