/**
 * A facility's photo as Hozen keeps it for the public pages: JPEG or PNG, recognised by its bytes
 * (not by the name or the type the browser sends), with the metadata a camera or a phone writes
 * removed — Exif (the place it was taken, the camera, its owner's name), XMP, IPTC, comments and
 * PNG text — so that what is published is the picture only. The pixels are not touched.
 */

export type PhotoType = 'image/jpeg' | 'image/png';

/** The photo's type by its first bytes, or null when it is neither JPEG nor PNG. */
export function photoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

export class PhotoFormatError extends Error {}

/**
 * A JPEG without its APP1 (Exif, XMP), APP13 (IPTC) and COM segments; every other segment, and
 * the image data from the start of scan on, as it was.
 */
export function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 4 > bytes.length || bytes[i] !== 0xff) throw new PhotoFormatError('broken JPEG');
    const marker = bytes[i + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // Start of scan: the rest is the image.
    if (marker === 0xda) {
      parts.push(bytes.subarray(i));
      break;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > bytes.length) throw new PhotoFormatError('broken JPEG');
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) parts.push(bytes.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  return concat(parts);
}

const PNG_TEXT = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** A PNG without its text, Exif and time chunks; every other chunk as it was. */
export function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  let ended = false;
  while (i < bytes.length && !ended) {
    if (i + 12 > bytes.length) throw new PhotoFormatError('broken PNG');
    const length =
      ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const end = i + 12 + length;
    if (end > bytes.length) throw new PhotoFormatError('broken PNG');
    if (!PNG_TEXT.has(type)) parts.push(bytes.subarray(i, end));
    ended = type === 'IEND';
    i = end;
  }
  if (!ended) throw new PhotoFormatError('broken PNG');
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The photo ready to keep: its type and its bytes without metadata; null when not a photo Hozen takes. */
export function cleanPhoto(bytes: Uint8Array): { type: PhotoType; bytes: Uint8Array } | null {
  const type = photoType(bytes);
  if (!type) return null;
  try {
    return { type, bytes: type === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes) };
  } catch (e) {
    if (e instanceof PhotoFormatError) return null;
    throw e;
  }
}
