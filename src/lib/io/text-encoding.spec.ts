import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeBytes, EncodingSniffer } from './text-encoding';

const utf8 = (s: string) => new TextEncoder().encode(s);
// Shift_JIS bytes made by the system's iconv (CP932), not by the code under test.
const sjis = (s: string) =>
  new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: s }));

describe('text encodings', () => {
  const text = '名称,住所\n北小学校,藤枝市①丁目\n髙橋集会所,岡部町\n';

  it('reads UTF-8 with and without BOM, and Shift_JIS (CP932)', () => {
    expect(decodeBytes(utf8(text))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeBytes(utf8('\uFEFF' + text))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeBytes(sjis(text))).toEqual({ ok: true, text, encoding: 'shift_jis' });
  });

  it('detects across chunk boundaries that split a character', () => {
    const bytes = sjis(text);
    const sniffer = new EncodingSniffer();
    for (let k = 0; k < bytes.length; k += 3) sniffer.push(bytes.subarray(k, k + 3));
    expect(sniffer.result()).toEqual({ ok: true, encoding: 'shift_jis', bom: false });
  });

  it('checks UTF-8 natively first, in chunks that cut characters, and says when Shift_JIS must be scanned after all', () => {
    const push = (sniffer: EncodingSniffer, bytes: Uint8Array, size: number) => {
      for (let k = 0; k < bytes.length; k += size) sniffer.push(bytes.subarray(k, k + size));
      return sniffer;
    };
    for (const size of [1, 2, 5, 7, 1000]) {
      const fast = push(new EncodingSniffer({ utf8First: true }), utf8('\uFEFF' + text), size);
      expect(fast.result()).toEqual({ ok: true, encoding: 'utf-8', bom: true });
      expect(fast.incomplete).toBe(false);
      // Shift_JIS from its first chunk: scanned byte by byte, both ways, as before.
      const sjisFast = push(new EncodingSniffer({ utf8First: true }), sjis(text), size);
      expect(sjisFast.incomplete).toBe(false);
      expect(sjisFast.result()).toEqual({ ok: true, encoding: 'shift_jis', bom: false });
    }
    // UTF-8 for four lines, then a byte UTF-8 has not: the lines and the Shift_JIS reading of
    // the chunks before were skipped, so the caller scans again without the shortcut.
    const broken = new Uint8Array([...utf8('名称\n北\n南\n東\n'), 0x82, 0xa0, 0x0a]);
    const fast = push(new EncodingSniffer({ utf8First: true }), broken, 4);
    expect(fast.incomplete).toBe(true);
    const slow = push(new EncodingSniffer(), broken, 4);
    expect(slow.incomplete).toBe(false);
    expect(slow.check('utf-8')).toEqual({ ok: false, line: 5 });
    // ASCII lines, then Shift_JIS: skipped lines alone call for the second scan too.
    const late = new Uint8Array([...utf8('code,name\nA1,x\n'), ...sjis('北小学校\n')]);
    const lateFast = push(new EncodingSniffer({ utf8First: true }), late, 8);
    expect(lateFast.incomplete).toBe(true);
    expect(push(new EncodingSniffer(), late, 8).result()).toEqual({
      ok: true,
      encoding: 'shift_jis',
      bom: false
    });
  });

  it('refuses UTF-16 and bytes valid in neither, naming the line', () => {
    const utf16 = new Uint8Array(Buffer.from('\uFEFFname\n', 'utf16le'));
    expect(decodeBytes(utf16)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/NUL bytes/)
    });
    const broken = new Uint8Array([...utf8('a,b\nc,d\n'), 0xff, 0xfe, 0x41, 0x0a]);
    expect(decodeBytes(broken)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/UTF-8 breaks on line 3, Shift_JIS on line 3/)
    });
  });

  it('says when a file is not in the encoding the user chose', () => {
    expect(decodeBytes(sjis(text), 'utf-8')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not valid UTF-8 \(line 1\)/)
    });
  });
});
