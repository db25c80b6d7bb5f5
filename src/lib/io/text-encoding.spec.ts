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
