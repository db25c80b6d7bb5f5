/**
 * Which text encoding a municipal file is in: UTF-8 (with or without BOM) or Shift_JIS (CP932,
 * as Excel on Japanese Windows writes it). Files come in either; a file in neither (UTF-16, binary,
 * a mixed-up copy) is refused with the line of its first bad byte.
 *
 * `EncodingSniffer` reads the bytes in chunks (a file of any size never has to be in memory at
 * once) and keeps, for each encoding, whether every byte so far was valid and where the first
 * invalid one was.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { Refusal } from './row-error';
export type TextEncoding = 'utf-8' | 'shift_jis';

interface Scan {
  valid: boolean;
  /** Line (1-based) of the first invalid byte. */
  badLine: number;
  /** Bytes still expected to complete a character. */
  pending: number;
}

export class EncodingSniffer {
  private line = 1;
  private bytes = 0;
  private bom = false;
  private bomSoFar = false;
  private readonly utf8: Scan = { valid: true, badLine: 0, pending: 0 };
  private readonly sjis: Scan = { valid: true, badLine: 0, pending: 0 };
  private nul = false;
  /** Non-ASCII bytes were taken as UTF-8 without the Shift_JIS scan (`utf8First`). */
  private sjisSkipped = false;
  /** Bytes were taken as UTF-8 without counting their lines (`utf8First`). */
  private linesSkipped = false;

  /**
   * `utf8First`: chunks of valid UTF-8 are checked natively, without scanning them for Shift_JIS
   * too or counting their lines (most files are UTF-8 through and through). Should a later byte
   * break UTF-8, `incomplete` says so: the file must then be scanned again by a sniffer without it.
   */
  constructor(private readonly options: { utf8First?: boolean } = {}) {}

  /**
   * UTF-8 has failed after chunks taken as UTF-8 without their lines counted or their Shift_JIS
   * reading: scan again without `utf8First` (for the encoding and the lines of a refusal).
   */
  get incomplete(): boolean {
    return (this.sjisSkipped || this.linesSkipped) && !(this.utf8.valid && this.utf8.pending === 0);
  }

  push(chunk: Uint8Array): void {
    // A BOM: the file's first three bytes (which may come in more than one chunk).
    for (let k = 0, at = this.bytes; at < 3 && k < chunk.length; k++, at++) {
      this.bomSoFar = (at === 0 || this.bomSoFar) && chunk[k] === BOM[at];
      if (at === 2) this.bom = this.bomSoFar;
    }
    let from = 0;
    if (this.options.utf8First && this.utf8.valid && this.utf8.pending === 0 && !this.nul) {
      const whole = completeUtf8(chunk);
      const head = chunk.subarray(0, whole);
      if (head.indexOf(0) < 0 && isUtf8(head)) {
        // Neither its lines (only a refusal names one) nor its Shift_JIS reading are kept.
        if (head.length > 0) this.linesSkipped = true;
        if (!this.sjisSkipped && !isAscii(head)) this.sjisSkipped = true;
        from = whole; // the last character's first bytes, if cut, are read below
      }
    }
    for (let k = from; k < chunk.length; k++) {
      const b = chunk[k]!;
      if (b < 0x80 && b !== 0 && this.utf8.pending === 0 && this.sjis.pending === 0) {
        if (b === 0x0a) this.line += 1; // ASCII outside a character: valid in both
        continue;
      }
      if (b === 0) this.nul = true;
      this.stepUtf8(b);
      this.stepSjis(b);
      if (b === 0x0a) this.line += 1;
    }
    this.bytes += chunk.length;
  }

  private fail(scan: Scan): void {
    if (scan.valid) {
      scan.valid = false;
      scan.badLine = this.line;
    }
  }

  private stepUtf8(b: number): void {
    const s = this.utf8;
    if (!s.valid) return;
    if (s.pending > 0) {
      if ((b & 0xc0) !== 0x80) return this.fail(s);
      s.pending -= 1;
      return;
    }
    if (b < 0x80) return;
    if (b >= 0xc2 && b <= 0xdf) s.pending = 1;
    else if (b >= 0xe0 && b <= 0xef) s.pending = 2;
    else if (b >= 0xf0 && b <= 0xf4) s.pending = 3;
    else this.fail(s);
  }

  private stepSjis(b: number): void {
    const s = this.sjis;
    if (!s.valid) return;
    if (s.pending > 0) {
      s.pending = 0;
      if (!((b >= 0x40 && b <= 0x7e) || (b >= 0x80 && b <= 0xfc))) this.fail(s);
      return;
    }
    if (b < 0x80 || (b >= 0xa1 && b <= 0xdf)) return;
    if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) s.pending = 1;
    else this.fail(s);
  }

  /** The encoding of everything pushed, or why it is neither (with the line of the first bad byte). */
  result(): { ok: true; encoding: TextEncoding; bom: boolean } | Refusal {
    if (this.nul)
      return {
        ok: false,
        reason:
          'not a text file (it holds NUL bytes: UTF-16 or binary); save it as UTF-8 or Shift_JIS',
        reasonJa:
          'テキストファイルではありません（NUL バイトを含みます：UTF-16 かバイナリ）。UTF-8 か Shift_JIS で保存してください'
      };
    if (this.utf8.valid && this.utf8.pending === 0)
      return { ok: true, encoding: 'utf-8', bom: this.bom };
    if (this.sjis.valid && this.sjis.pending === 0)
      return { ok: true, encoding: 'shift_jis', bom: false };
    return {
      ok: false,
      reason: `neither UTF-8 nor Shift_JIS (UTF-8 breaks on line ${this.utf8.badLine || this.line}, Shift_JIS on line ${this.sjis.badLine || this.line}); save it as UTF-8 or Shift_JIS`,
      reasonJa: `UTF-8 でも Shift_JIS でもありません（UTF-8 は ${this.utf8.badLine || this.line} 行目、Shift_JIS は ${this.sjis.badLine || this.line} 行目で読めません）。UTF-8 か Shift_JIS で保存してください`
    };
  }

  /** Whether the bytes are valid in `encoding` (and the line of the first bad byte). */
  check(encoding: TextEncoding): { ok: true } | { ok: false; line: number } {
    const scan = encoding === 'utf-8' ? this.utf8 : this.sjis;
    if (scan.valid && scan.pending === 0 && !this.nul) return { ok: true };
    return { ok: false, line: scan.badLine || this.line };
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/** The length of `bytes` without a UTF-8 character cut at its end (its first 1–3 bytes). */
function completeUtf8(bytes: Uint8Array): number {
  for (let k = bytes.length - 1; k >= 0 && k >= bytes.length - 4; k--) {
    const b = bytes[k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return k + size > bytes.length ? k : bytes.length;
  }
  return bytes.length;
}

/** Decodes a whole file's bytes, detecting the encoding unless one is given. */
export function decodeBytes(
  bytes: Uint8Array,
  encoding: TextEncoding | 'auto' = 'auto'
): { ok: true; text: string; encoding: TextEncoding } | Refusal {
  const sniffer = new EncodingSniffer();
  sniffer.push(bytes);
  let chosen: TextEncoding;
  if (encoding === 'auto') {
    const found = sniffer.result();
    if (!found.ok) return found;
    chosen = found.encoding;
  } else {
    const checked = sniffer.check(encoding);
    if (!checked.ok)
      return {
        ok: false,
        reason: `not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} (line ${checked.line}); is it in the other encoding?`
      };
    chosen = encoding;
  }
  const text = new TextDecoder(chosen).decode(bytes).replace(/^\uFEFF/, '');
  return { ok: true, text, encoding: chosen };
}
