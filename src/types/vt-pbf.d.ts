// vt-pbf ships no types: the one function Hozen uses.
declare module 'vt-pbf' {
  interface TileLike {
    features: {
      id?: number | string;
      type: number;
      geometry: unknown;
      tags: Record<string, unknown> | null | undefined;
    }[];
  }
  /** Serialises tiles (geojson-vt or supercluster envelopes), one per layer name, to an MVT. */
  export function fromGeojsonVt(
    layers: Record<string, TileLike>,
    options?: { version?: number; extent?: number }
  ): Uint8Array;
}
