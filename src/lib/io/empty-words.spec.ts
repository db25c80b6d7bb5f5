import { describe, expect, it } from 'vitest';
import { cellValue, EMPTY_WORDS } from './empty-words';

describe('cellValue', () => {
  it('reads the words registers use for "nothing here" as empty', () => {
    for (const word of EMPTY_WORDS) expect(cellValue(word)).toBe('');
    expect(cellValue(' － ')).toBe('');
    expect(cellValue('該当なし')).toBe('');
  });

  it('keeps every real value', () => {
    for (const text of ['-5', 'RC', '昭和58年', 'なし崩し', '1/2', 'ー1'])
      expect(cellValue(text)).toBe(text);
    expect(cellValue(' 北小学校 ')).toBe('北小学校');
  });
});
