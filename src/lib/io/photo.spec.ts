import { describe, expect, it } from 'vitest';
import { cleanPhoto, photoType, stripJpeg, stripPng } from './photo';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
/** A JPEG segment: marker, then its length (two bytes, counting themselves) and its data. */
const segment = (marker: number, data: number[]) => [
  0xff,
  marker,
  (data.length + 2) >> 8,
  (data.length + 2) & 0xff,
  ...data
];
const SOI = [0xff, 0xd8];
const APP0 = segment(0xe0, ascii('JFIF\0'));
const EXIF = segment(0xe1, ascii('Exif\0\0GPS 34.97N 138.38E owner 山田'.normalize('NFKC')));
const ICC = segment(0xe2, ascii('ICC_PROFILE\0'));
const IPTC = segment(0xed, ascii('Photoshop 3.0\0'));
const COMMENT = segment(0xfe, ascii('taken by staff member A'));
const SCAN = [0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xe1, 0x33, 0xff, 0xd9];

describe('a JPEG’s metadata', () => {
  const jpeg = new Uint8Array([...SOI, ...APP0, ...EXIF, ...ICC, ...IPTC, ...COMMENT, ...SCAN]);

  it('is removed — Exif, IPTC, comments — and the rest kept byte for byte', () => {
    expect([...stripJpeg(jpeg)]).toEqual([...SOI, ...APP0, ...ICC, ...SCAN]);
  });

  it('is found only before the scan: bytes in the image data that look like a marker stay', () => {
    const out = stripJpeg(jpeg);
    expect([...out.subarray(out.length - SCAN.length)]).toEqual(SCAN);
  });

  it('refuses a JPEG cut in its header', () => {
    expect(cleanPhoto(jpeg.subarray(0, 10))).toBeNull();
  });
});

/** A PNG chunk: length, type, data and a CRC (not checked here, so zeros). */
const chunk = (type: string, data: number[]) => [
  0,
  0,
  data.length >> 8,
  data.length & 0xff,
  ...ascii(type),
  ...data,
  0,
  0,
  0,
  0
];
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const IDAT = chunk('IDAT', [1, 2, 3]);
const IEND = chunk('IEND', []);

describe('a PNG’s metadata', () => {
  it('loses its text, Exif and time chunks; keeps the image chunks', () => {
    const png = new Uint8Array([
      ...SIGNATURE,
      ...IHDR,
      ...chunk('tEXt', ascii('Author\0Staff')),
      ...chunk('eXIf', [1, 2]),
      ...chunk('tIME', [7, 234, 12, 3, 0, 0, 0]),
      ...IDAT,
      ...IEND
    ]);
    expect([...stripPng(png)]).toEqual([...SIGNATURE, ...IHDR, ...IDAT, ...IEND]);
  });

  it('refuses a PNG without its end', () => {
    expect(cleanPhoto(new Uint8Array([...SIGNATURE, ...IHDR, ...IDAT]))).toBeNull();
  });
});

describe('what is a photo', () => {
  it('is told by its bytes, not its name: a PDF or an SVG is not one', () => {
    expect(photoType(new Uint8Array(ascii('%PDF-1.7')))).toBeNull();
    expect(photoType(new Uint8Array(ascii('<svg onload="x">')))).toBeNull();
    expect(photoType(new Uint8Array([...SOI, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(photoType(new Uint8Array([...SIGNATURE, 0]))).toBe('image/png');
  });
});
