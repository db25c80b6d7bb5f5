import { describe, expect, it } from 'vitest';
import { decodeGpkgGeometry } from './geopackage';

/** Bytes from hex, spaces ignored. */
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
/** A little-endian float64 as hex. */
const f64 = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b.toString('hex');
};
const f64be = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
};

describe('decodeGpkgGeometry', () => {
  it('reads a point after a header without envelope (OGC 12-128 §2.1.3, written out by hand)', () => {
    // "GP", version 0, flags 0x01 (little-endian header, no envelope), srs_id 6676,
    // then WKB: byte order 1, type 1 (Point), x, y.
    const blob = hex(`4750 00 01 141a0000 01 01000000 ${f64(-2345.5)} ${f64(-20111.25)}`);
    expect(decodeGpkgGeometry(blob)).toEqual({ type: 'Point', coordinates: [-2345.5, -20111.25] });
  });

  it('skips an xy envelope and reads a polygon with its ring', () => {
    // flags 0x03: envelope code 1 (minx, maxx, miny, maxy: 32 bytes), little-endian.
    const ring = [
      [0, 0],
      [10, 0],
      [10, 5],
      [0, 0]
    ];
    const blob = hex(
      `4750 00 03 e6100000 ${f64(0)}${f64(10)}${f64(0)}${f64(5)}` +
        `01 03000000 01000000 04000000 ${ring.map(([x, y]) => f64(x!) + f64(y!)).join('')}`
    );
    expect(decodeGpkgGeometry(blob)).toEqual({ type: 'Polygon', coordinates: [ring] });
  });

  it('reads a big-endian MultiLineString with a Z value per point, dropping Z', () => {
    // WKB big-endian (0), type 1005 (MultiLineString Z), 1 part: LineString Z (1002), 2 points.
    const blob = hex(
      `4750 00 01 e6100000 00 000003ed 00000001 00 000003ea 00000002` +
        `${f64be(138.1)}${f64be(34.8)}${f64be(12.5)}${f64be(138.2)}${f64be(34.9)}${f64be(13)}`
    );
    expect(decodeGpkgGeometry(blob)).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [138.1, 34.8],
          [138.2, 34.9]
        ]
      ]
    });
  });

  it('gives null for an empty geometry (flag bit 4)', () => {
    expect(decodeGpkgGeometry(hex('4750 00 11 e6100000 01 01000000'))).toBeNull();
  });

  it('refuses what is not a standard geometry blob, saying why', () => {
    expect(() => decodeGpkgGeometry(hex('0000 00 01 e6100000'))).toThrow(/no "GP" header/);
    expect(() => decodeGpkgGeometry(hex(`4750 00 01 e6100000 01 01000000 ${f64(1)}`))).toThrow(
      /ends before its coordinates/
    );
    expect(() => decodeGpkgGeometry(hex('4750 00 01 e6100000 01 63000000'))).toThrow(
      /unsupported geometry type 99/
    );
    expect(() => decodeGpkgGeometry(hex('4750 00 21 e6100000 01 01000000'))).toThrow(/extended/);
    // A MultiPoint whose part is a LineString; a count far beyond the bytes.
    expect(() =>
      decodeGpkgGeometry(hex(`4750 00 01 e6100000 01 04000000 01000000 01 02000000 00000000`))
    ).toThrow(/LineString inside a MultiPoint/);
    expect(() => decodeGpkgGeometry(hex(`4750 00 01 e6100000 01 02000000 ffffff7f`))).toThrow(
      /too large/
    );
  });
});
