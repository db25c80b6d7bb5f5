/**
 * GeoPackage (OGC 12-128r18), the SQLite file GIS tools save layers in. This module is the pure
 * part: a feature's geometry blob → GeoJSON. A blob is the "GP" header (magic, version, flags,
 * SRS id, an optional envelope) followed by ISO WKB (OGC 06-103r4): byte order, type (1–7, +1000
 * Z, +2000 M, +3000 ZM), then the coordinates. Z and M are read past (Hozen stores lon/lat).
 * Reading the tables is `server/import/geopackage-file.ts` (better-sqlite3).
 */
import type { Geometry, Position } from 'geojson';

export class GeometryBlobError extends Error {}

/** How many bytes the envelope takes for each envelope code of the flags (0: none … 4: xyzm). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];
/** No geometry is larger than this many coordinates (a city's layer has far fewer per feature). */
const MAX_POINTS = 5_000_000;

/** A GeoPackage geometry blob as GeoJSON; null for an empty geometry. */
export function decodeGpkgGeometry(blob: Uint8Array): Geometry | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw new GeometryBlobError('not a GeoPackage geometry (no "GP" header)');
  const flags = blob[3]!;
  if (flags & 0b0010_0000)
    throw new GeometryBlobError('an extended GeoPackage geometry (not a standard type)');
  const envelope = (flags >> 1) & 0b111;
  if (envelope > 4) throw new GeometryBlobError(`invalid envelope code ${envelope}`);
  if (flags & 0b1_0000) return null; // empty
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return new WkbReader(view, 8 + ENVELOPE_BYTES[envelope]!).geometry();
}

/** ISO WKB, read from `offset`. */
class WkbReader {
  private points = 0;
  constructor(
    private readonly view: DataView,
    private offset: number
  ) {}

  private need(bytes: number) {
    if (this.offset + bytes > this.view.byteLength)
      throw new GeometryBlobError('the geometry ends before its coordinates do');
  }

  private uint32(little: boolean): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, little);
    this.offset += 4;
    return value;
  }

  private count(little: boolean): number {
    const n = this.uint32(little);
    if (n > MAX_POINTS) throw new GeometryBlobError(`a count of ${n} is too large`);
    return n;
  }

  private position(little: boolean, dims: number): Position {
    this.need(8 * dims);
    if ((this.points += 1) > MAX_POINTS) throw new GeometryBlobError('too many coordinates');
    const x = this.view.getFloat64(this.offset, little);
    const y = this.view.getFloat64(this.offset + 8, little);
    this.offset += 8 * dims;
    return [x, y];
  }

  private ring(little: boolean, dims: number): Position[] {
    const n = this.count(little);
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) ring.push(this.position(little, dims));
    return ring;
  }

  geometry(depth = 0): Geometry {
    if (depth > 8) throw new GeometryBlobError('geometry collections nested too deep');
    this.need(5);
    const order = this.view.getUint8(this.offset);
    if (order > 1) throw new GeometryBlobError(`invalid byte order ${order}`);
    this.offset += 1;
    const little = order === 1;
    const code = this.uint32(little);
    const base = code % 1000;
    const variant = Math.floor(code / 1000);
    if (variant > 3 || base < 1 || base > 7)
      throw new GeometryBlobError(`unsupported geometry type ${code}`);
    const dims = variant === 0 ? 2 : variant === 3 ? 4 : 3;
    const parts = <T>(read: () => T): T[] => {
      const n = this.count(little);
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(read());
      return out;
    };
    // The parts of a Multi* are whole WKB geometries of their own (with their own byte order),
    // each of the Multi's own kind.
    const coordinatesOf = (type: string) => {
      const part = this.geometry(depth + 1);
      if (part.type !== type) throw new GeometryBlobError(`a ${part.type} inside a Multi${type}`);
      return (part as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates;
    };
    switch (base) {
      case 1:
        return { type: 'Point', coordinates: this.position(little, dims) };
      case 2:
        return { type: 'LineString', coordinates: this.ring(little, dims) };
      case 3:
        return { type: 'Polygon', coordinates: parts(() => this.ring(little, dims)) };
      case 4:
        return {
          type: 'MultiPoint',
          coordinates: parts(() => coordinatesOf('Point') as Position)
        };
      case 5:
        return {
          type: 'MultiLineString',
          coordinates: parts(() => coordinatesOf('LineString') as Position[])
        };
      case 6:
        return {
          type: 'MultiPolygon',
          coordinates: parts(() => coordinatesOf('Polygon') as Position[][])
        };
      default:
        return { type: 'GeometryCollection', geometries: parts(() => this.geometry(depth + 1)) };
    }
  }
}
