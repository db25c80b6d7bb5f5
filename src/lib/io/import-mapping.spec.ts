import { describe, expect, it } from 'vitest';
import {
  byKeywords,
  CATEGORY_KEYWORDS,
  SEWER_MATERIAL_KEYWORDS,
  STRUCTURE_KEYWORDS
} from './import-mapping';

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

describe('use categories from real facility names', () => {
  // Names as Japanese cities' 公共施設一覧 write them (no 種別 column): what a reader infers.
  it.each([
    ['北小学校', 'school'],
    ['南中学校', 'school'],
    ['第一小学校屋内運動場', 'school'],
    ['学校給食センター', 'school'],
    ['市民体育館', 'sports_recreation'],
    ['総合運動公園野球場', 'sports_recreation'],
    ['市民プール', 'sports_recreation'],
    ['武道館', 'sports_recreation'],
    ['青少年練成館', 'sports_recreation'],
    ['河川敷グラウンド', 'sports_recreation'],
    ['中央図書館', 'social_education'],
    ['郷土資料館', 'social_education'],
    ['市史料館', 'social_education'],
    ['埋蔵文化財考古館', 'social_education'],
    ['市立美術館', 'social_education'],
    ['中央公民館', 'civic_culture'],
    ['寿町公民館', 'civic_culture'],
    ['東地区集会所', 'civic_culture'],
    ['西コミュニティセンター', 'civic_culture'],
    ['南部地区センター', 'civic_culture'],
    ['学習等供用施設', 'civic_culture'],
    ['市民会館', 'civic_culture'],
    ['文化センター', 'civic_culture'],
    ['老人福祉センター', 'health_welfare'],
    ['福祉会館', 'health_welfare'],
    ['寿の家', 'health_welfare'],
    ['保健センター', 'health_welfare'],
    ['健康増進センター', 'health_welfare'],
    ['デイサービスセンター', 'health_welfare'],
    ['中央保育園', 'childcare'],
    ['認定こども園', 'childcare'],
    ['北児童館', 'childcare'],
    ['放課後児童クラブ', 'childcare'],
    ['学童保育所', 'childcare'],
    ['子育て支援センター', 'childcare'],
    ['市立病院', 'medical'],
    ['休日急患診療所', 'medical'],
    ['勤労青少年ホーム', 'industry'],
    ['労働会館', 'industry'],
    ['温泉センター', 'industry'],
    ['観光案内所', 'industry'],
    ['農産物直売所 物産館', 'industry'],
    ['市役所本庁舎', 'administration'],
    ['北支所', 'administration'],
    ['駅前出張所', 'administration'],
    ['消防団第3分団詰所', 'administration'],
    ['防災センター', 'administration'],
    ['市営住宅 東団地', 'public_housing'],
    ['中央公園', 'park'],
    ['駅前広場', 'park'],
    ['緑地管理棟', 'park'],
    ['駅前駐車場', 'other'],
    ['駅東駐輪場', 'other'],
    ['公衆トイレ', 'other'],
    ['資材倉庫', 'other'],
    ['公用車車庫', 'other'],
    ['浄水場', 'utility_plant'],
    ['下水処理場', 'utility_plant'],
    ['クリーンセンター', 'utility_plant'],
    ['斎場', 'utility_plant']
  ])('%s → %s', (name, category) => expect(byKeywords(CATEGORY_KEYWORDS, name)).toBe(category));

  it('infers nothing from a name that says nothing', () => {
    for (const name of ['道の駅', 'さくら館', '旧東邸'])
      expect(byKeywords(CATEGORY_KEYWORDS, name)).toBeNull();
  });
});
