import { describe, expect, it } from 'vitest';
import { byKeywords, SEWER_MATERIAL_KEYWORDS, STRUCTURE_KEYWORDS } from './import-mapping';

describe('structure words as municipalities write them', () => {
  it.each([
    ['S', 'steel'],
    ['s', 'steel'],
    ['S造', 'steel'],
    ['Ｓ造', 'steel'],
    ['鉄骨造', 'steel'],
    ['RC', 'rc'],
    ['RC造', 'rc'],
    ['ＲＣ', 'rc'],
    ['ＲＣ（鉄筋コンクリート造）', 'rc'],
    ['鉄筋コンクリート造', 'rc'],
    ['SRC', 'src'],
    ['ＳＲＣ造', 'src'],
    ['鉄骨鉄筋コンクリート造', 'src'],
    ['W', 'wood'],
    ['Ｗ造', 'wood'],
    ['木造', 'wood'],
    ['CB', 'block'],
    ['ＣＢ造', 'block'],
    ['ブロック造', 'block'],
    ['LGS', 'light_steel'],
    ['軽量鉄骨造', 'light_steel'],
    ['PC', 'pc']
  ])('%s → %s', (word, code) => expect(byKeywords(STRUCTURE_KEYWORDS, word)).toBe(code));

  it('leaves words it does not know for the user to map', () => {
    for (const word of ['テント', 'Sugar', 'WOOD?'])
      expect(byKeywords(STRUCTURE_KEYWORDS, word)).toBeNull();
  });
});

describe('sewer pipe materials as codes or words', () => {
  it.each([
    ['ヒューム管', 'concrete'],
    ['HP', 'concrete'],
    ['鉄筋コンクリート管', 'concrete'],
    ['陶管', 'clay'],
    ['塩ビ管', 'pvc'],
    ['硬質塩化ビニル管', 'pvc'],
    ['VU', 'pvc'],
    ['VP', 'pvc'],
    ['ＶＵ', 'pvc'],
    ['更生管', 'rehabilitated'],
    ['ヒューム管（更生）', 'rehabilitated'],
    ['ダクタイル鋳鉄管', 'other'],
    ['DIP', 'other'],
    ['鋼管', 'other']
  ])('%s → %s', (word, code) => expect(byKeywords(SEWER_MATERIAL_KEYWORDS, word)).toBe(code));
});
