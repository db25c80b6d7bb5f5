import { describe, expect, it } from 'vitest';
import { suggestMapping, suggestTarget, suggestWord } from './mapping-suggest';

describe('suggestMapping', () => {
  it('matches a city’s own building register column by column, by header and by values', () => {
    // A 施設台帳 as a facilities section keeps it: its own headers, 和暦, units in the header.
    const header = [
      '整理番号',
      '施設名',
      '用途区分',
      '建築年月',
      '延床面積（㎡）',
      '構造',
      '階数',
      '劣化判定',
      '備考'
    ];
    const samples = [
      ['1', '東小学校 校舎', '小学校', '昭和50年4月', '3,200', 'RC造', '3', 'B', ''],
      ['2', '中央公民館', '公民館', 'S58.3', '1,450.5', 'SRC造', '2', 'C', '耐震補強済']
    ];
    const mapping = suggestMapping(header, samples, 'assets');
    expect(mapping.columns).toEqual({
      code: '整理番号',
      name: '施設名',
      category: '用途区分',
      year_built: '建築年月',
      quantity: '延床面積（㎡）',
      structure: '構造',
      floors: '階数',
      condition_grade: '劣化判定'
    });
    // No class column: a table of floor areas is of buildings.
    expect(mapping.values).toEqual({ class: 'building' });
  });

  it('does not take a column whose values contradict its header', () => {
    // 建築年 holding names, 緯度 holding text: left for the user.
    const mapping = suggestMapping(
      ['番号', '名称', '緯度', '経度'],
      [
        ['1', 'A', '北側', '東側'],
        ['2', 'B', '不明', '不明']
      ],
      'facilities'
    );
    expect(mapping.columns).toEqual({ code: '番号', name: '名称' });
    const years = suggestMapping(
      ['番号', '名称', '建築年', '延床面積'],
      [['1', '校舎', '鉄筋', '900']],
      'assets'
    );
    expect(years.columns.year_built).toBeUndefined();
  });

  it('uses a known format’s columns as they appear in the file', () => {
    const mapping = suggestMapping(
      ['NO', '名称', '住所', '緯度', '経度', '延床面積', '建築年'],
      [],
      'facilities',
      'koukyou-shisetsu'
    );
    expect(mapping.columns).toEqual({
      code: ['NO'],
      name: '名称',
      address: '住所',
      lat: '緯度',
      lon: '経度',
      floor_area: '延床面積',
      year_built: '建築年'
    });
  });
});

describe('suggestTarget', () => {
  it('tells a facility list from an asset register', () => {
    expect(suggestTarget(['名称', '所在地', '緯度', '経度'])).toBe('facilities');
    expect(suggestTarget(['資産番号', '名称', '所在地', '取得価額'])).toBe('assets');
    expect(suggestTarget(['管理番号', '管種', '口径', '延長'])).toBe('assets');
  });
});

describe('suggestWord', () => {
  it('gives Hozen’s word by the import’s rules, or nothing', () => {
    const cases: [string, string, string][] = [
      ['class', '建物', 'building'],
      ['class', '橋りょう', 'bridge'],
      ['class', '下水道管渠', 'sewer_pipe'],
      ['class', '上水道管', 'water_pipe'],
      ['category', '小学校', 'school'],
      ['category', '市民文化系施設', 'civic_culture'],
      ['structure', 'ＲＣ造', 'rc'],
      ['structure', '鉄骨造', 'steel'],
      ['material', 'ヒューム管', 'concrete'],
      ['material', 'VU', 'pvc'],
      ['condition_grade', '概ね良好', 'A'],
      ['condition_grade', '早期措置段階', 'III'],
      ['pipe_kind', '配水管', 'distribution'],
      ['structure', '混構造', ''],
      ['category', '道の駅', '']
    ];
    for (const [field, word, expected] of cases)
      expect(suggestWord(field, word), `${field} ${word}`).toBe(expected);
  });
});
