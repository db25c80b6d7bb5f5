/**
 * Importing the files municipalities have, and exporting what finance and GIS staff need: the
 * fixtures in tests/fixtures/import (a Shift_JIS 公共施設一覧, a 固定資産台帳 with 和暦 dates, pipes
 * in 平面直角座標系 VIII, files with every kind of bad row), round trips, atomicity, a real GIS client.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import { geoPackage, zippedShapefile } from '../helpers/gis-files';
import proj4 from 'proj4';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importFile, inspectFile } from '../../src/lib/server/services/import.service';
import { poolActivity } from '../../src/lib/server/compute/pool';
import { dataCompleteness } from '../../src/lib/server/services/completeness.service';
import { ensureBuiltinStandards } from '../../src/lib/server/repositories/standards.repository';
import {
  classifyFacilities,
  facilitiesToClassify
} from '../../src/lib/server/services/classify.service';
import {
  assetsCsv,
  assetsGeoJson,
  assetsXlsx,
  projectionCsv,
  projectionXlsx
} from '../../src/lib/server/services/export.service';
import { formatRowError } from '../../src/lib/io/row-error';
import { emptyMapping } from '../../src/lib/io/import-mapping';
import { parseMapping } from '../../src/lib/io/mapping-schema';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { onPostgres, tempDir, testDatabase, testTarget } from './helpers/temp-db';

const fixtures = path.resolve('tests/fixtures/import');
const fixture = (name: string) => path.join(fixtures, name);
const dir = tempDir();
let n = 0;

/** A new migrated database, with the demo city's centre (for CRS detection) and FY2026. */
async function newDb(): Promise<Kysely<Database>> {
  const db = await testDatabase(`import_${++n}`);
  await migrateToLatest(db);
  await db
    .insertInto('settings')
    .values([
      { key: 'city_center', value: '[138.257778,34.8539804]' },
      { key: 'data_as_of_year', value: '2026' }
    ])
    .execute();
  return db;
}

/** SHA-256 of every row of every table, timestamps and audit log included. */
async function fullHash(db: Kysely<Database>): Promise<string> {
  const hash = createHash('sha256');
  for (const table of ['settings', 'facilities', 'assets', 'hazard_zones', 'audit_log'] as const) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .orderBy(sql.ref(table === 'settings' ? 'key' : 'id'))
      .execute();
    hash.update(`${table}:${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}

let db: Kysely<Database>;
beforeEach(async () => {
  db = await newDb();
  return async () => db.destroy();
});

describe('公共施設一覧', () => {
  it('reads the first layout in Shift_JIS, with categories from the names and CP932 characters', async () => {
    const report = await importFile(db, { path: fixture('koukyou-shisetsu-sjis.csv') });
    expect(report).toMatchObject({
      format: 'koukyou-shisetsu',
      encoding: 'shift_jis',
      target: 'facilities',
      rows: 8,
      created: 8,
      written: true,
      errors: []
    });
    const rows = await db
      .selectFrom('facilities')
      .select(['code', 'name', 'category', 'address', 'lon', 'lat'])
      .orderBy('code')
      .execute();
    expect(rows.map((r) => `${r.code} ${r.category}`)).toEqual([
      'K001 school',
      'K002 civic_culture',
      'K003 social_education',
      'K004 sports_recreation',
      'K005 administration',
      'K006 childcare',
      'K007 public_housing',
      'K008 park'
    ]);
    expect(rows[1]!.address).toBe('デモ市本町①番地');
    expect(rows[6]!.name).toBe('髙田団地');
    expect(rows[0]).toMatchObject({ lon: 138.2512, lat: 34.8801 });
  });

  it('reads the 自治体標準オープンデータセット layout with a BOM and the 連結標記 variant', async () => {
    const report = await importFile(db, { path: fixture('koukyou-shisetsu-standard.csv') });
    expect(report).toMatchObject({ encoding: 'utf-8', created: 3, errors: [] });
    const rows = await db
      .selectFrom('facilities')
      .select(['code', 'category', 'address'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'S101', category: 'school', address: '静岡県デモ市南町2-2' },
      { code: 'S102', category: 'childcare', address: '静岡県デモ市東町1-9' },
      { code: 'S103', category: 'utility_plant', address: '静岡県デモ市西町8' }
    ]);
  });

  it('reads years written alone in 和暦 (full-width digits too) and "nothing here" words as empty', async () => {
    // Before the fix every row below was refused: 昭和58年 is not a date, and － not a number.
    const header =
      '番号,枝番,所管課,件名,所在地,勘定科目,用途,耐用年数,取得年月日,供用開始年月日,取得価額,減価償却累計額,帳簿価額,数量,構造,階数';
    const row = (
      n: number,
      name: string,
      year: string,
      area: string,
      structure: string,
      floors: string
    ) =>
      `${n},1,管財課,${name},デモ市本町1-1,事業用資産 建物,公民館,50,${year},－,"100,000,000",－,－,"${area}",${structure},${floors}`;
    const file = path.join(dir, 'kotei-years.csv');
    fs.writeFileSync(
      file,
      [
        header,
        row(5001, '東公民館', '昭和58年', '1,200', '鉄筋コンクリート造', '2'),
        row(5002, '西公民館', '平成５年', '８００', '－', '－'),
        row(5003, '南公民館', '平成14年度', '1,000', 'なし', '1'),
        row(5004, '北公民館', 'H14', '1,000', '鉄骨造', '不明'),
        row(5005, '本町集会所', '令和元年', '300', '木造', '1'),
        row(5006, '旧公民館', '－', '500', '鉄骨造', '該当なし')
      ].join('\r\n') + '\r\n'
    );
    const report = await importFile(db, { path: file });
    expect(report).toMatchObject({ format: 'kotei-shisan', created: 6, errors: [] });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'year_built', 'quantity', 'structure', 'floors'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: '5001-1', year_built: 1983, quantity: 1200, structure: 'rc', floors: 2 },
      { code: '5002-1', year_built: 1993, quantity: 800, structure: null, floors: null },
      { code: '5003-1', year_built: 2002, quantity: 1000, structure: null, floors: 1 },
      { code: '5004-1', year_built: 2002, quantity: 1000, structure: 'steel', floors: null },
      { code: '5005-1', year_built: 2019, quantity: 300, structure: 'wood', floors: 1 },
      { code: '5006-1', year_built: null, quantity: 500, structure: 'steel', floors: null }
    ]);
  });

  it('imports facilities whose use nothing tells as 未分類, counts them, and lets them be classified', async () => {
    // Before the fix a facility with no 種別 and an unhelpful name was refused.
    const text = fs.readFileSync(fixture('koukyou-shisetsu-standard.csv'), 'utf8');
    const header = text.split(/\r?\n/)[0]!;
    const columns = header.replace(/^\uFEFF/, '').split(',');
    const row = (id: string, name: string) =>
      columns
        .map((c) =>
          c === 'ID'
            ? id
            : c === '名称'
              ? name
              : c === '緯度'
                ? '34.86'
                : c === '経度'
                  ? '138.26'
                  : ''
        )
        .join(',');
    const file = path.join(dir, 'no-category.csv');
    fs.writeFileSync(
      file,
      [
        header,
        row('U1', '市民体育館'),
        row('U2', '道の駅'),
        row('U3', 'さくら館'),
        row('U4', '北小学校')
      ].join('\n') + '\n'
    );
    const report = await importFile(db, { path: file });
    expect(report).toMatchObject({
      created: 4,
      errors: [],
      categories: { fromColumn: 0, fromName: 2, unclassified: 2 }
    });
    const listed = await facilitiesToClassify(db);
    expect(listed.total).toBe(2);
    expect(listed.facilities.map((f) => [f.code, f.name])).toEqual([
      ['U2', '道の駅'],
      ['U3', 'さくら館']
    ]);
    const who = { username: 'tanaka', now: '2026-12-02T09:00:00Z' };
    await expect(classifyFacilities(db, ['U2'], 'casino', who)).rejects.toMatchObject({
      status: 400
    });
    await expect(classifyFacilities(db, ['U2', 'NOPE'], 'industry', who)).rejects.toMatchObject({
      status: 404
    });
    expect((await facilitiesToClassify(db)).total).toBe(2);
    expect(await classifyFacilities(db, ['U2', 'U3'], 'industry', who)).toBe(2);
    expect((await facilitiesToClassify(db)).total).toBe(0);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'username', 'after'])
      .where('action', '=', 'classify')
      .orderBy('entity_id')
      .execute();
    expect(audit).toEqual([
      { action: 'classify', entity_id: 'U2', username: 'tanaka', after: '{"category":"industry"}' },
      { action: 'classify', entity_id: 'U3', username: 'tanaka', after: '{"category":"industry"}' }
    ]);
  });

  it('takes a list without an ID column, making the same codes at every import', async () => {
    // Before the fix such a list (merged or made by hand) was not recognised at all.
    const file = path.join(dir, 'no-id.csv');
    const rows = [
      '北小学校,デモ市北町1-1,34.8801,138.2512',
      '中央公民館,デモ市本町1-1,34.8702,138.2601',
      '市民体育館,デモ市南町3-3,34.8590,138.2610'
    ];
    fs.writeFileSync(file, `名称,所在地,緯度,経度\n${rows.join('\n')}\n`);
    const first = await importFile(db, { path: file });
    expect(first).toMatchObject({
      format: 'koukyou-shisetsu',
      created: 3,
      errors: [],
      codesGenerated: true
    });
    const read = () =>
      db.selectFrom('facilities').select(['code', 'name', 'category']).orderBy('name').execute();
    const codes = await read();
    expect(codes.map((r) => r.code)).toEqual(
      codes.map(() => expect.stringMatching(/^G[0-9a-f]{8}$/))
    );
    expect(new Set(codes.map((r) => r.code)).size).toBe(3);
    expect(codes.map((r) => r.category)).toEqual(['civic_culture', 'school', 'sports_recreation']);
    // The same list again, rows in another order: the same codes, nothing changed.
    fs.writeFileSync(file, `名称,所在地,緯度,経度\n${[...rows].reverse().join('\n')}\n`);
    expect(await importFile(db, { path: file })).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      errors: []
    });
    expect(await read()).toEqual(codes);
  });

  it('reads a 公共施設一覧 whose header ends in CRLF and rows in LF, as CKAN exports them', async () => {
    // Before the fix such a file was read as one row (the header): nothing imported.
    const text = fs.readFileSync(fixture('koukyou-shisetsu-standard.csv'), 'utf8');
    const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
    const file = path.join(dir, 'ckan-mixed.csv');
    fs.writeFileSync(file, `${header}\r\n${rows.join('\n')}\n`);
    const report = await importFile(db, { path: file });
    expect(report).toMatchObject({ created: 3, errors: [] });
    const codes = await db.selectFrom('facilities').select('code').orderBy('code').execute();
    expect(codes.map((r) => r.code)).toEqual(['S101', 'S102', 'S103']);
  });
});

describe('固定資産台帳', () => {
  it('turns 和暦 dates into fiscal years, accounts and uses into classes and categories, and skips land', async () => {
    const report = await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    expect(report).toMatchObject({ format: 'kotei-shisan', rows: 7, created: 5, errors: [] });
    expect(report.skipped).toEqual({ '事業用資産 土地': 1, 物品: 1 });
    const rows = await db
      .selectFrom('assets')
      .select([
        'code',
        'asset_class',
        'category',
        'year_built',
        'quantity',
        'structure',
        'floors',
        'acquisition_yen',
        'service_life_years'
      ])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      // 昭和52年4月1日 → FY1977; "3,450.5" ㎡; 鉄筋コンクリート造 → rc
      {
        code: '1001-1',
        asset_class: 'building',
        category: 'school',
        year_built: 1977,
        quantity: 3450.5,
        structure: 'rc',
        floors: 3,
        acquisition_yen: 1_250_000_000,
        service_life_years: 47
      },
      // S55.3.1 is March 1980 → FY1979; the use 小学校 outranks 体育館 in the name
      {
        code: '1001-2',
        asset_class: 'building',
        category: 'school',
        year_built: 1979,
        quantity: 1020,
        structure: 'steel',
        floors: 1,
        acquisition_yen: 220_000_000,
        service_life_years: 34
      },
      // H7/4/1 → FY1995
      {
        code: '2001-1',
        asset_class: 'road',
        category: 'general',
        year_built: 1995,
        quantity: 3200,
        structure: null,
        floors: null,
        acquisition_yen: 160_000_000,
        service_life_years: 15
      },
      // R4.4.1 → FY2022; 橋りょう → bridge, PC → pc
      {
        code: '2002-1',
        asset_class: 'bridge',
        category: 'bridge',
        year_built: 2022,
        quantity: 420,
        structure: 'pc',
        floors: null,
        acquisition_yen: 210_000_000,
        service_life_years: 60
      },
      // 平成元年5月1日 → FY1989
      {
        code: '3001-1',
        asset_class: 'building',
        category: 'civic_culture',
        year_built: 1989,
        quantity: 1800,
        structure: 'rc',
        floors: 2,
        acquisition_yen: 540_000_000,
        service_life_years: 50
      }
    ]);
  });

  it('re-imports: unchanged rows are left alone; a changed row is updated and audited', async () => {
    await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    const again = await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    const changed = path.join(dir, 'kotei-changed.csv');
    fs.writeFileSync(
      changed,
      fs
        .readFileSync(fixture('kotei-shisan-wareki.csv'), 'utf8')
        .replace('"1,800",鉄筋コンクリート造,2', '"1,950",鉄筋コンクリート造,3')
    );
    const report = await importFile(db, { path: changed, username: 'tanaka' });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect(report.changes).toEqual([{ code: '3001-1', fields: ['quantity', 'floors'] }]);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'asset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', entity_id: '3001-1', username: 'tanaka' });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ quantity: 1800, floors: 2 });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ quantity: 1950, floors: 3 });
    const row = await db
      .selectFrom('assets')
      .select(['quantity', 'version'])
      .where('code', '=', '3001-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ quantity: 1950, version: 2 });
  });
});

describe('GeoJSON', () => {
  it('reads pipes in 平面直角座標系 VIII (detected from the city), measuring their lengths', async () => {
    const report = await importFile(db, { path: fixture('pipes-zone8.geojson') });
    expect(report).toMatchObject({ format: 'geojson', crs: 'EPSG:6676', created: 4, errors: [] });
    const rows = await db
      .selectFrom('assets')
      .select([
        'code',
        'asset_class',
        'category',
        'quantity',
        'unit',
        'geometry',
        'min_lon',
        'min_lat'
      ])
      .orderBy('code')
      .execute();
    // Planar lengths in the zone (m): the ellipsoidal length differs by the zone's scale there
    // (0.9999 × (1 + x²/2R²) ≈ 0.99991 at 22 km from the central meridian), not more.
    const planar: Record<string, number> = { S9001: 200, W9001: 200, W9002: 400, W9003: 50 + 100 };
    for (const r of rows) {
      expect(Math.abs((r.quantity * 0.99991) / planar[r.code]! - 1)).toBeLessThan(0.0001);
      expect(r.unit).toBe('m');
    }
    expect(rows.map((r) => `${r.code} ${r.asset_class} ${r.category}`)).toEqual([
      'S9001 sewer_pipe sanitary',
      'W9001 water_pipe distribution',
      'W9002 water_pipe conveyance',
      'W9003 water_pipe distribution'
    ]);
    // The first vertex of W9001, (−22100, −127100) in zone VIII, converted by proj4 independently.
    const zone8 =
      '+proj=tmerc +lat_0=36 +lon_0=138.5 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const [lon, lat] = proj4(zone8, 'EPSG:4326', [-22100, -127100]);
    const w1 = JSON.parse(rows[1]!.geometry);
    expect(w1.coordinates[0][0]).toBeCloseTo(lon!, 9);
    expect(w1.coordinates[0][1]).toBeCloseTo(lat!, 9);
  });

  it('imports flood zones as hazard areas, replacing those of an earlier import of the same file', async () => {
    const zones = path.join(dir, 'flood.geojson');
    fs.writeFileSync(
      zones,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [1, 2].map((k) => ({
          type: 'Feature',
          properties: { level: `L${k}`, depth_max_m: k * 0.5, name: `浸水想定区域 ${k}` },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [138.25, 34.85],
                [138.26 + k / 100, 34.85],
                [138.26, 34.86],
                [138.25, 34.85]
              ]
            ]
          }
        }))
      })
    );
    const mapping = emptyMapping('hazards');
    expect(await importFile(db, { path: zones, mapping })).toMatchObject({
      created: 2,
      replaced: 0,
      errors: []
    });
    expect(await importFile(db, { path: zones, mapping })).toMatchObject({
      created: 2,
      replaced: 2
    });
    const rows = await db
      .selectFrom('hazard_zones')
      .select(['kind', 'level', 'depth_max_m', 'source'])
      .execute();
    expect(rows).toEqual([
      { kind: 'flood', level: 'L1', depth_max_m: 0.5, source: 'flood.geojson' },
      { kind: 'flood', level: 'L2', depth_max_m: 1, source: 'flood.geojson' }
    ]);
  });
});

describe('bad files: every problem reported, nothing written', () => {
  const lines = (report: Awaited<ReturnType<typeof importFile>>) =>
    report.errors.map(formatRowError);

  it('lists every bad row of a file at once', async () => {
    const before = await fullHash(db);
    const report = await importFile(db, { path: fixture('bad-rows.csv') });
    expect(report.written).toBe(false);
    expect(lines(report)).toEqual([
      'bad-rows.csv:3: column quantity: must be a number ≥ 0 (value "広い")',
      'bad-rows.csv:4: column year_built: must be a fiscal year (1983, 昭和58年, H14, 平成14年度) or a date in 西暦 or 和暦 (2021-04-01, 昭和52年4月1日, S52.4.1) (value "-1975")',
      'bad-rows.csv:5: column year_built: is in the future (after FY2026) (value "2090")',
      'bad-rows.csv:6: column category: must be a 総務省 use category: civic_culture | social_education | sports_recreation | industry | school | childcare | health_welfare | medical | administration | public_housing | park | utility_plant | other (value "shrine")',
      'bad-rows.csv:7: column code: appears again (first on row 2) (value "OK1")',
      'bad-rows.csv:8: column code: is empty',
      'bad-rows.csv:9: column diameter_mm: is required for water pipes (the unit cost depends on it)'
    ]);
    expect(report.unknownCategories).toEqual([{ value: 'shrine', rows: 1 }]);
    expect(await fullHash(db)).toBe(before);
  });

  it('imports only the valid rows when asked, listing the others', async () => {
    const report = await importFile(db, { path: fixture('bad-rows.csv'), validOnly: true });
    expect(report).toMatchObject({ written: true, created: 1, valid: 1 });
    expect(report.errors).toHaveLength(7);
    expect(await db.selectFrom('assets').select('code').execute()).toEqual([{ code: 'OK1' }]);
  });

  it('names broken geometry, a missing floor area, missing columns, an empty file and a wrong encoding', async () => {
    const before = await fullHash(db);
    expect(lines(await importFile(db, { path: fixture('bad-geometry.geojson') }))).toEqual([
      'bad-geometry.geojson:1: column geometry: is not a valid LineString (positions of numbers; lines of ≥ 2; closed rings of ≥ 4)',
      'bad-geometry.geojson:2: column geometry: is not a valid LineString (positions of numbers; lines of ≥ 2; closed rings of ≥ 4)',
      'bad-geometry.geojson:3: column geometry: is not a valid Polygon (positions of numbers; lines of ≥ 2; closed rings of ≥ 4)',
      'bad-geometry.geojson:4: column geometry: is missing',
      'bad-geometry.geojson:5: column quantity: a building needs its floor area (a footprint is not a floor area)'
    ]);
    // … and in Japanese, which the import page shows a Japanese reader.
    const geometry = await importFile(db, { path: fixture('bad-geometry.geojson') });
    expect(geometry.errors.map((e) => e.reasonJa)).toEqual([
      expect.stringContaining('LineString として正しくありません'),
      expect.stringContaining('LineString として正しくありません'),
      expect.stringContaining('Polygon として正しくありません'),
      '図形がありません',
      '建物には延床面積が必要です（図形の面積は延床面積ではありません）'
    ]);
    expect(lines(await importFile(db, { path: fixture('missing-columns.csv') }))).toEqual([
      'missing-columns.csv:1: column category, year_built, unit, structure, material, diameter_mm, pipe_kind: missing column(s); the header must name code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind'
    ]);
    expect(lines(await importFile(db, { path: fixture('empty.csv') }))).toEqual([
      'empty.csv: the file is empty'
    ]);
    expect(
      lines(await importFile(db, { path: fixture('koukyou-shisetsu-sjis.csv'), encoding: 'utf-8' }))
    ).toEqual([
      'koukyou-shisetsu-sjis.csv: not valid UTF-8 (line 1); is it in the other encoding?'
    ]);
    const utf16 = path.join(dir, 'utf16.csv');
    fs.writeFileSync(utf16, Buffer.from('\uFEFFcode,name\nA,B\n', 'utf16le'));
    expect(lines(await importFile(db, { path: utf16 }))).toEqual([
      'utf16.csv: not a text file (it holds NUL bytes: UTF-16 or binary); save it as UTF-8 or Shift_JIS'
    ]);
    // Said in Japanese too, for the import page.
    expect((await importFile(db, { path: utf16 })).errors[0]!.reasonJa).toBe(
      'テキストファイルではありません（NUL バイトを含みます：UTF-16 かバイナリ）。UTF-8 か Shift_JIS で保存してください'
    );
    expect((await importFile(db, { path: fixture('empty.csv') })).errors[0]!.reasonJa).toBe(
      'ファイルが空です'
    );
    expect(await fullHash(db)).toBe(before);
  });

  it('finds a bad row near the end of a 50 MB file, streaming it, and writes nothing', async () => {
    const big = path.join(dir, 'big.csv');
    const out = fs.openSync(big, 'w');
    fs.writeSync(
      out,
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind\n'
    );
    let bytes = 0;
    let rows = 0;
    const chunk: string[] = [];
    while (bytes < 50 * 1024 * 1024) {
      rows += 1;
      const line = `R${String(rows).padStart(7, '0')},市道 第${rows}区間 デモ市の長い路線名をここに書く,road,general,${1960 + (rows % 60)},${(rows % 900) + 100},m2,,,,\n`;
      chunk.push(line);
      bytes += Buffer.byteLength(line);
      if (chunk.length === 10_000) fs.writeSync(out, chunk.splice(0).join(''));
    }
    chunk.push('RBAD,壊れた行,road,general,1990,-5,m2,,,,\n');
    fs.writeSync(out, chunk.join(''));
    fs.closeSync(out);
    expect(fs.statSync(big).size).toBeGreaterThan(50 * 1024 * 1024);
    const before = await fullHash(db);
    const report = await importFile(db, { path: big });
    expect(report.rows).toBe(rows + 1);
    expect(lines(report)).toEqual([
      `big.csv:${rows + 2}: column quantity: must be a number ≥ 0 (value "-5")`
    ]);
    expect(await fullHash(db)).toBe(before);
  }, 120_000);
});

describe('atomicity and dry runs', () => {
  const manyRows = () => {
    const file = path.join(dir, 'many.csv');
    const lines = [
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind'
    ];
    for (let k = 0; k < 1200; k++)
      lines.push(`M${k},建物${k},building,school,${1970 + (k % 50)},${500 + k},m2,rc,,,`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };

  it('leaves the database exactly as before when the write fails halfway', async () => {
    await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    const before = await fullHash(db);
    await expect(
      importFile(db, {
        path: manyRows(),
        afterBatch: (written) => {
          if (written >= 500) throw new Error('disk full (injected)');
        }
      })
    ).rejects.toThrow('disk full (injected)');
    expect(await fullHash(db)).toBe(before);
  });

  it('a write that fails while rows still stream stops the reading worker (none left waiting)', async () => {
    // More rows than the worker may read ahead (asset-rows.ts: WINDOW batches): unstopped, it
    // would wait for this writer until the task's time limit.
    const file = path.join(dir, 'longer.csv');
    const lines = [
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind'
    ];
    for (let k = 0; k < 30_000; k++) lines.push(`L${k},建物${k},building,school,1980,100,m2,rc,,,`);
    fs.writeFileSync(file, lines.join('\n'));
    await expect(
      importFile(db, {
        path: file,
        afterBatch: (written) => {
          if (written >= 500) throw new Error('disk full (injected)');
        }
      })
    ).rejects.toThrow('disk full (injected)');
    await vi.waitFor(() => expect(poolActivity().active).toBe(0), { timeout: 5_000 });
    expect(await importFile(db, { path: file })).toMatchObject({ created: 30_000, errors: [] });
  });

  // SQLite has one writer: an import's open transaction keeps every other writer (and, in the
  // server, every request on its one connection) waiting.
  it.skipIf(onPostgres)(
    'a bad file ends its transaction at the bad row: the rest is read for its problems holding no lock',
    async () => {
      const target = await testTarget('lock');
      const importer = await target.open();
      await migrateToLatest(importer);
      const other = await target.open();
      const file = path.join(dir, 'bad-early.csv');
      const lines = [
        'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind'
      ];
      for (let k = 1; k <= 30_000; k++)
        lines.push(`E${k},建物${k},building,school,${k === 5 ? 'いつか' : 1980},100,m2,rc,,,`);
      fs.writeFileSync(file, lines.join('\n'));
      // Another writer, while the import reads its 20,000th row: busy (after 5 s) if the
      // import's transaction were still open.
      const probes: Promise<string>[] = [];
      const report = await importFile(importer, {
        path: file,
        onProgress: (phase, rows) => {
          if (phase === 'validate' && rows >= 20_000 && probes.length === 0)
            probes.push(
              sql`create table lock_probe (x integer)`.execute(other).then(
                () => 'written',
                (e: unknown) => String(e)
              )
            );
        }
      });
      expect(report).toMatchObject({ rows: 30_000, valid: 29_999, created: 0, written: false });
      expect(report.errors).toMatchObject([{ row: 6, column: 'year_built', value: 'いつか' }]);
      expect(await Promise.all(probes)).toEqual(['written']);
      await Promise.all([importer.destroy(), other.destroy()]);
    },
    30_000
  );

  it('into an empty register (indexes built after the rows): a failed load and a finished one keep every index', async () => {
    const indexes = async () =>
      onPostgres
        ? (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'assets' order by 1`.execute(
              db
            )
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'assets' order by 1`.execute(
              db
            )
          ).rows.map((r) => r.name);
    const before = await indexes();
    expect(before.length).toBeGreaterThan(3);
    await expect(
      importFile(db, {
        path: manyRows(),
        afterBatch: (written) => {
          if (written >= 500) throw new Error('disk full (injected)');
        }
      })
    ).rejects.toThrow('disk full (injected)');
    expect(await indexes()).toEqual(before);
    expect(await importFile(db, { path: manyRows() })).toMatchObject({ created: 1200 });
    expect(await indexes()).toEqual(before);
    // … and they answer: a year's buildings are found by the year index's query.
    expect(
      await db.selectFrom('assets').select('code').where('year_built', '=', 1970).execute()
    ).toHaveLength(24);
  });

  it('counts what a dry run would do, and changes nothing', async () => {
    await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    const before = await fullHash(db);
    const report = await importFile(db, { path: manyRows(), dryRun: true });
    expect(report).toMatchObject({ dryRun: true, written: false, created: 1200, updated: 0 });
    expect(await fullHash(db)).toBe(before);
  });
});

describe('round trips', () => {
  it('export → import gives the same assets (CSV), and CSV → XLSX → CSV keeps every value', async () => {
    await importFile(db, { path: fixture('kotei-shisan-wareki.csv') });
    await importFile(db, { path: fixture('pipes-zone8.geojson') });
    await db
      .updateTable('assets')
      .set({ condition_grade: 'C', soundness: 42.5, importance: 5 })
      .where('code', '=', '1001-1')
      .execute();
    const csv = await assetsCsv(db);
    expect(csv.startsWith('\uFEFFcode,name,class')).toBe(true);

    const copy = await newDb();
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, csv);
    expect(await importFile(copy, { path: file })).toMatchObject({ created: 9, errors: [] });
    expect(await assetsCsv(copy)).toBe(csv);

    const xlsx = path.join(dir, 'export.xlsx');
    fs.writeFileSync(xlsx, await assetsXlsx(copy));
    const third = await newDb();
    expect(await importFile(third, { path: xlsx })).toMatchObject({
      kind: 'xlsx',
      created: 9,
      errors: []
    });
    expect(await assetsCsv(third)).toBe(csv);
    await Promise.all([copy.destroy(), third.destroy()]);
  });
});

describe('structure and material words', () => {
  it("reads the words municipalities write for structures and pipe materials, in Hozen's own CSV too", async () => {
    // Before the fix S造, W, ＳＲＣ造, LGS, ヒューム管 and VU were refused.
    const db = await newDb();
    const file = path.join(dir, 'words.csv');
    fs.writeFileSync(
      file,
      [
        'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind',
        'W1,体育館,building,school,1980,900,m2,S造,,,',
        'W2,倉庫,building,other,1980,100,m2,Ｗ,,,',
        'W3,庁舎,building,administration,1975,5000,m2,ＳＲＣ造,,,',
        'W4,プレハブ,building,other,1995,80,m2,LGS,,,',
        'W5,校舎,building,school,1970,3000,m2,ＲＣ（鉄筋コンクリート造）,,,',
        'P1,汚水管,sewer_pipe,,1985,120,m,,ヒューム管,300,',
        'P2,汚水管,sewer_pipe,,1995,80,m,,VU,200,',
        'P3,汚水管,sewer_pipe,,1975,60,m,,陶管,250,'
      ].join('\n') + '\n'
    );
    expect(await importFile(db, { path: file })).toMatchObject({ created: 8, errors: [] });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'structure', 'material'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'P1', structure: null, material: 'concrete' },
      { code: 'P2', structure: null, material: 'pvc' },
      { code: 'P3', structure: null, material: 'clay' },
      { code: 'W1', structure: 'steel', material: null },
      { code: 'W2', structure: 'wood', material: null },
      { code: 'W3', structure: 'src', material: null },
      { code: 'W4', structure: 'light_steel', material: null },
      { code: 'W5', structure: 'rc', material: null }
    ]);
    await db.destroy();
  });
});

describe('numbers as spreadsheets leave them', () => {
  it('reads full-width digits, separators and units; refuses rounded identifiers and ambiguous commas, naming them', async () => {
    const db = await newDb();
    const file = path.join(dir, 'mangled.csv');
    fs.writeFileSync(
      file,
      [
        '管理番号,名称,区分,用途,建築年度,延床面積,取得価額,階数',
        'M-1,北小学校 校舎,建物,小学校,１９７５,"１，２３４．５㎡","1,500千円",３階',
        'M-2,北小学校 体育館,建物,小学校,1980,"850.25 m2","12,345,678円",1',
        'M-3,南公民館,建物,公民館,1990,1.2345E+03,,2',
        '4.00E+12,法人番号の行,建物,公民館,1990,100,,1',
        'M-5,東保育園,建物,保育園,1985,"12,5",,1'
      ].join('\r\n') + '\r\n'
    );
    const mapping = parseMapping({
      target: 'assets',
      columns: {
        code: '管理番号',
        name: '名称',
        class: '区分',
        category: '用途',
        year_built: '建築年度',
        quantity: '延床面積',
        acquisition_yen: '取得価額',
        floors: '階数'
      },
      classes: { 建物: 'building' }
    });
    if (!mapping.ok) throw new Error(mapping.errors.join('; '));
    const report = await importFile(db, { path: file, format: 'mapped', mapping: mapping.mapping });
    expect(report.written).toBe(false);
    expect(report.errors).toEqual([
      {
        file: 'mangled.csv',
        row: 5,
        column: '管理番号',
        value: '4.00E+12',
        reason: expect.stringMatching(/rounded number .* digits are lost/),
        reasonJa: expect.stringMatching(/丸められた数値.*桁が失われています/)
      },
      {
        file: 'mangled.csv',
        row: 6,
        column: '延床面積',
        value: '12,5',
        reason: expect.stringMatching(/^is ambiguous/),
        reasonJa: expect.stringMatching(/^どの数値か曖昧です/)
      }
    ]);
    // The valid rows carry the values a reader sees in the cells.
    const valid = await importFile(db, {
      path: file,
      format: 'mapped',
      mapping: mapping.mapping,
      validOnly: true
    });
    expect(valid).toMatchObject({ created: 3, written: true });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'year_built', 'quantity', 'acquisition_yen', 'floors'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'M-1', year_built: 1975, quantity: 1234.5, acquisition_yen: 1_500_000, floors: 3 },
      { code: 'M-2', year_built: 1980, quantity: 850.25, acquisition_yen: 12_345_678, floors: 1 },
      { code: 'M-3', year_built: 1990, quantity: 1234.5, acquisition_yen: null, floors: 2 }
    ]);
    await db.destroy();
  });
});

describe('words no rule knows', () => {
  it('lists them with their row counts and a dictionary to fill, refused until filled, then imports', async () => {
    const db = await newDb();
    const file = path.join(dir, 'unknown-words.csv');
    fs.writeFileSync(
      file,
      [
        'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,condition_grade',
        'U1,校舎,building,school,1975,3000,m2,混構造,,,,概ね良好',
        'U2,倉庫,building,other,1980,90,m2,混構造,,,,要観察',
        'U3,庁舎,building,administration,1970,5000,m2,ＲＣ造,,,,早急に対応する必要がある',
        'U4,車庫,building,other,1990,60,m2,テント,,,,'
      ].join('\n') + '\n'
    );
    const report = await importFile(db, { path: file });
    expect(report.written).toBe(false);
    expect(report.unknownWords).toEqual([
      { field: 'structure', value: '混構造', rows: 2 },
      { field: 'structure', value: 'テント', rows: 1 },
      { field: 'condition_grade', value: '要観察', rows: 1 }
    ]);
    expect(report.dictionaryTemplate?.dictionaries).toEqual({
      structure: { 混構造: '', テント: '' },
      condition_grade: { 要観察: '' }
    });
    // The template as it is: refused, naming each word to fill and Hozen's words.
    const unfilled = parseMapping(report.dictionaryTemplate);
    expect(unfilled.ok).toBe(false);
    expect(!unfilled.ok && unfilled.errors).toEqual([
      expect.stringMatching(
        /^dictionaries\.structure\.混構造: give Hozen's word for "混構造" \(one of .*rc/
      ),
      expect.stringContaining('"テント"'),
      expect.stringContaining('"要観察"')
    ]);
    const filled = parseMapping({
      ...report.dictionaryTemplate,
      dictionaries: {
        structure: { 混構造: 'rc', テント: 'light_steel' },
        condition_grade: { 要観察: 'B' }
      }
    });
    if (!filled.ok) throw new Error(filled.errors.join('; '));
    expect(await importFile(db, { path: file, mapping: filled.mapping })).toMatchObject({
      created: 4,
      errors: []
    });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'structure', 'condition_grade'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'U1', structure: 'rc', condition_grade: 'A' },
      { code: 'U2', structure: 'rc', condition_grade: 'B' },
      { code: 'U3', structure: 'rc', condition_grade: 'D' },
      { code: 'U4', structure: 'light_steel', condition_grade: null }
    ]);
    await db.destroy();
  });
});

describe('施設カルテ-style lists', () => {
  it('creates each facility and its building from one row, and a 未分類 facility’s building waits', async () => {
    const db = await newDb();
    const file = path.join(dir, 'karte.csv');
    // As a city's 施設カルテ export writes it: Shift_JIS, 和暦, full-width digits, － for "none".
    const text = [
      'NO,名称,所在地,延床面積,建築年,構造,階数,緯度,経度',
      '101,中央図書館,静岡県島田市中央町1-1,"2,450.80",昭和58年,ＲＣ造,３,34.8365,138.1769',
      '102,北部体育館,静岡県島田市北町2-2,1820,Ｈ５,鉄骨造,2,34.85,138.18',
      '103,第一倉庫,静岡県島田市南町3-3,120.5,平成14年度,軽量鉄骨造,1,－,－',
      '104,旧青葉荘,静岡県島田市青葉町4-4,300,S45,木造,2,－,－',
      '105,中央公園,静岡県島田市中央町5,－,－,－,－,34.84,138.17'
    ].join('\r\n');
    fs.writeFileSync(file, Buffer.from(new TextEncoder().encode(text)));
    const sjis = path.join(dir, 'karte-sjis.csv');
    execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932', file, '-o', sjis]);
    const report = await importFile(db, { path: sjis });
    expect(report).toMatchObject({
      format: 'koukyou-shisetsu',
      encoding: 'shift_jis',
      errors: [],
      created: 5,
      buildings: { created: 3, updated: 0, unchanged: 0, pending: 1 },
      categories: { fromColumn: 0, fromName: 4, unclassified: 1 }
    });
    const buildings = await db
      .selectFrom('assets')
      .innerJoin('facilities', 'facilities.id', 'assets.facility_id')
      .select([
        'assets.code',
        'assets.asset_class',
        'assets.category',
        'assets.quantity',
        'assets.year_built',
        'assets.structure',
        'assets.floors',
        'assets.geometry',
        'facilities.code as facility'
      ])
      .orderBy('assets.code')
      .execute();
    expect(buildings).toEqual([
      {
        code: '101-B',
        asset_class: 'building',
        category: 'social_education',
        quantity: 2450.8,
        year_built: 1983,
        structure: 'rc',
        floors: 3,
        geometry: JSON.stringify({ type: 'Point', coordinates: [138.1769, 34.8365] }),
        facility: '101'
      },
      {
        code: '102-B',
        asset_class: 'building',
        category: 'sports_recreation',
        quantity: 1820,
        year_built: 1993,
        structure: 'steel',
        floors: 2,
        geometry: JSON.stringify({ type: 'Point', coordinates: [138.18, 34.85] }),
        facility: '102'
      },
      {
        code: '103-B',
        asset_class: 'building',
        category: 'other',
        quantity: 120.5,
        year_built: 2002,
        structure: 'light_steel',
        floors: 1,
        geometry: 'null',
        facility: '103'
      }
    ]);
    // The same file again changes nothing.
    expect(await importFile(db, { path: sjis })).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 5,
      buildings: { created: 0, updated: 0, unchanged: 3, pending: 1 }
    });
    await db.destroy();
  });
});

describe('mappings with a dictionary for every coded field', () => {
  it("turns any field's words into Hozen's with the mapping's dictionaries, the shorthands kept", async () => {
    const db = await newDb();
    const file = path.join(dir, 'own-table.csv');
    fs.writeFileSync(
      file,
      [
        '管理番号,施設名,区分,用途,建築年度,延床,構造種別,健全度判定',
        'K-1,東小学校 校舎,建物,小学校,1975,3200,コンクリ,要注意',
        'K-2,東小学校 倉庫,建物,小学校,1990,80,てっこつ,健全',
        'K-3,旧保育所,建物,保育施設,1968,400,もくぞう,危険'
      ].join('\n') + '\n'
    );
    const parsed = parseMapping({
      target: 'assets',
      columns: {
        code: '管理番号',
        name: '施設名',
        class: '区分',
        category: '用途',
        year_built: '建築年度',
        quantity: '延床',
        structure: '構造種別',
        condition_grade: '健全度判定'
      },
      values: { unit: 'm2' },
      dictionaries: {
        condition_grade: { 健全: 'A', 要注意: 'C', 危険: 'D' },
        structure: { コンクリ: 'rc', てっこつ: 'steel' }
      },
      classes: { 建物: 'building' },
      structures: { もくぞう: 'wood' }
    });
    expect(parsed.ok).toBe(true);
    const report = await importFile(db, {
      path: file,
      format: 'mapped',
      mapping: parsed.ok ? parsed.mapping : null
    });
    expect(report).toMatchObject({ created: 3, errors: [] });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'asset_class', 'category', 'structure', 'condition_grade'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      {
        code: 'K-1',
        asset_class: 'building',
        category: 'school',
        structure: 'rc',
        condition_grade: 'C'
      },
      {
        code: 'K-2',
        asset_class: 'building',
        category: 'school',
        structure: 'steel',
        condition_grade: 'A'
      },
      {
        code: 'K-3',
        asset_class: 'building',
        category: 'childcare',
        structure: 'wood',
        condition_grade: 'D'
      }
    ]);
    // A dictionary for a field the target does not have is refused, naming it.
    expect(
      parseMapping({ target: 'assets', dictionaries: { colour: { 赤: 'red' } } })
    ).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('"colour" is not a field of assets')]
    });
    await db.destroy();
  });
});

describe('Shapefiles', () => {
  it('imports a zipped Shapefile in JGD2000 zone VIII with a Shift_JIS DBF, each building where it is', async () => {
    // Before: a .zip was taken for a workbook and refused. Made here as a city's GIS keeps it:
    // ogr2ogr writes the layer in 平面直角座標系 VIII of JGD2000 (EPSG:2450), the DBF in CP932.
    const db = await newDb();
    const work = fs.mkdtempSync(path.join(dir, 'shp-'));
    const points = [
      { code: 'SH1', name: '北小学校 校舎', category: 'school', lon: 138.2512, lat: 34.8801 },
      { code: 'SH2', name: '中央公民館', category: 'civic_culture', lon: 138.2601, lat: 34.8702 },
      {
        code: 'SH3',
        name: '市民体育館（旧館）',
        category: 'sports_recreation',
        lon: 138.261,
        lat: 34.859
      }
    ];
    const zip = path.join(work, 'shisetsu.zip');
    fs.writeFileSync(
      zip,
      zippedShapefile(
        work,
        'shisetsu',
        points.map((p, i) => ({
          lon: p.lon,
          lat: p.lat,
          properties: {
            code: p.code,
            name: p.name,
            class: 'building',
            category: p.category,
            year_built: 1970 + i * 10,
            quantity: 1000 + i,
            unit: 'm2',
            structure: 'RC造'
          }
        }))
      )
    );
    const shp = fs.mkdtempSync(path.join(work, 'alone-'));
    fs.writeFileSync(
      path.join(shp, 'shisetsu.shp'),
      unzipSync(fs.readFileSync(zip))['shisetsu.shp']!
    );

    const report = await importFile(db, { path: zip });
    expect(report).toMatchObject({
      kind: 'shapefile',
      encoding: 'shift_jis',
      crs: 'EPSG:6676',
      created: 3,
      errors: []
    });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'name', 'category', 'structure', 'geometry'])
      .orderBy('code')
      .execute();
    expect(rows.map((r) => [r.code, r.name, r.category, r.structure])).toEqual(
      points.map((p) => [p.code, p.name, p.category, 'rc'])
    );
    rows.forEach((r, i) => {
      const [lon, lat] = (JSON.parse(r.geometry) as { coordinates: [number, number] }).coordinates;
      // Back from the plane to lon/lat within a few centimetres.
      expect(Math.abs(lon - points[i]!.lon)).toBeLessThan(1e-6);
      expect(Math.abs(lat - points[i]!.lat)).toBeLessThan(1e-6);
    });
    // A .shp alone is refused, saying what to upload.
    const alone = await importFile(db, { path: path.join(shp, 'shisetsu.shp') });
    expect(alone.errors[0]!.reason).toContain('upload a .zip holding the .shp');
    await db.destroy();
  });
});

describe('GeoPackages', () => {
  it('imports the chosen layer of a GeoPackage made by GDAL, each feature where it is', async () => {
    const db = await newDb();
    const work = fs.mkdtempSync(path.join(dir, 'gpkg-'));
    const file = path.join(work, '施設.gpkg');
    const buildings = [
      { code: 'GP1', name: '東図書館', lon: 138.2501, lat: 34.8612, year: '昭和58年' },
      { code: 'GP2', name: '西体育館', lon: 138.2402, lat: 34.8555, year: 'H5' }
    ];
    // Two layers as a city's GIS keeps them: buildings in JGD2000 zone VIII (EPSG:2450),
    // sewer pipes in JGD2011 zone VIII (EPSG:6676).
    geoPackage(file, [
      {
        name: 'tatemono',
        epsg: 2450,
        points: buildings.map((b) => ({
          lon: b.lon,
          lat: b.lat,
          properties: {
            code: b.code,
            name: b.name,
            class: 'building',
            category: '図書館',
            year_built: b.year,
            quantity: '1,200㎡',
            structure: 'ＲＣ造'
          }
        }))
      },
      {
        name: 'gesuikan',
        epsg: 6676,
        points: [{ lon: 138.25, lat: 34.86, properties: { code: 'X1' } }]
      }
    ]);
    // Two layers and none chosen: refused, naming them — on the page's inspection too.
    expect(await inspectFile(file, '施設.gpkg')).toEqual({
      problem:
        'the GeoPackage holds 2 layers (gesuikan, tatemono): choose one with the layer option',
      layers: ['gesuikan', 'tatemono']
    });
    const inspection = await inspectFile(file, '施設.gpkg', 'auto', 'tatemono');
    expect('header' in inspection && inspection.header).toEqual(
      expect.arrayContaining(['code', 'name', 'year_built', 'quantity'])
    );
    const unchosen = await importFile(db, { path: file });
    expect(unchosen.errors[0]!.reason).toBe(
      'the GeoPackage holds 2 layers (gesuikan, tatemono): choose one with the layer option'
    );
    const report = await importFile(db, { path: file, layer: 'tatemono' });
    expect(report).toMatchObject({
      kind: 'geopackage',
      crs: 'EPSG:6676',
      rows: 2,
      created: 2,
      errors: []
    });
    const rows = await db
      .selectFrom('assets')
      .select(['code', 'category', 'year_built', 'quantity', 'structure', 'geometry'])
      .orderBy('code')
      .execute();
    expect(rows.map((r) => [r.code, r.category, r.year_built, r.quantity, r.structure])).toEqual([
      ['GP1', 'social_education', 1983, 1200, 'rc'],
      ['GP2', 'social_education', 1993, 1200, 'rc']
    ]);
    rows.forEach((r, i) => {
      const [lon, lat] = (JSON.parse(r.geometry) as { coordinates: [number, number] }).coordinates;
      expect(Math.abs(lon - buildings[i]!.lon)).toBeLessThan(1e-6);
      expect(Math.abs(lat - buildings[i]!.lat)).toBeLessThan(1e-6);
    });
    // A layer that is not there, and a file that is no GeoPackage.
    expect((await importFile(db, { path: file, layer: 'kyouryou' })).errors[0]!.reason).toBe(
      'no layer "kyouryou" in the GeoPackage (layers: gesuikan, tatemono)'
    );
    const fake = path.join(work, 'fake.gpkg');
    fs.writeFileSync(fake, 'code,name\n1,a\n');
    expect((await importFile(db, { path: fake })).errors[0]!.reason).toMatch(
      /^not a (readable )?GeoPackage/
    );
    await db.destroy();
  });
});

describe('data completeness', () => {
  it('reports per class what the register lacks and the yen resting on the unknown-year rule', async () => {
    const db = await newDb();
    await ensureBuiltinStandards(db, '2026-12-02T00:00:00Z');
    const file = path.join(dir, 'gaps.csv');
    fs.writeFileSync(
      file,
      [
        'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,lon,lat',
        'C1,東小学校,building,school,1975,3000,m2,rc,,,,138.25,34.86',
        'C2,旧倉庫,building,other,－,400,m2,不明,,,,,',
        'C3,北橋,bridge,,1980,200,m2,,,,,138.26,34.87'
      ].join('\n') + '\n'
    );
    expect(await importFile(db, { path: file })).toMatchObject({ created: 3, errors: [] });
    const report = await dataCompleteness(db);
    expect(report.classes).toEqual([
      {
        assetClass: 'building',
        assets: 2,
        yearBuilt: 1,
        quantity: 2,
        build: 1,
        position: 1,
        condition: 0
      },
      {
        assetClass: 'bridge',
        assets: 1,
        yearBuilt: 1,
        quantity: 1,
        build: 0,
        position: 1,
        condition: 0
      }
    ]);
    expect(report.gaps.map((g) => [g.code, g.missing])).toEqual([
      ['C2', ['yearBuilt', 'build', 'position', 'condition']],
      ['C3', ['build', 'condition']]
    ]);
    expect(report.costOnUnknownYear).toBe(report.gaps[0]!.cost);
    expect(report.costOnUnknownYear).toBeGreaterThan(0);
    expect(report.totalCost).toBeGreaterThan(report.costOnUnknownYear);
    await db.destroy();
  });
});

describe('formula injection', () => {
  it('writes no cell a spreadsheet would run, in every CSV, and a round trip keeps the text', async () => {
    // Before the fix the names below came out raw in assets.csv, projection.csv and audit.csv.
    const db = await newDb();
    const attacks = [
      '=HYPERLINK("http://evil.example","開く")',
      "=cmd|' /C calc'!A0",
      '+1+1',
      '@SUM(A1:A9)',
      '-2+3'
    ];
    const file = path.join(dir, 'formulas.csv');
    fs.writeFileSync(
      file,
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind\n' +
        attacks
          .map((name, i) => `F${i},"${name.replace(/"/g, '""')}",building,school,1980,100,m2,rc,,,`)
          .join('\n') +
        '\n'
    );
    expect(await importFile(db, { path: file, username: '=evil()' })).toMatchObject({
      created: 5,
      errors: []
    });
    const startsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);
    const cells = (csv: string) =>
      Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',' }).data.flat();
    const assets = await assetsCsv(db);
    for (const name of attacks) expect(cells(assets)).toContain(`'${name}`);
    expect(cells(assets).filter(startsFormula)).toEqual([]);
    const projection = await projectionCsv(db, { start: 2026, years: 60 });
    expect(cells(projection).filter(startsFormula)).toEqual([]);
    // Re-imported, every name is what it was.
    const copy = await newDb();
    const exported = path.join(dir, 'formulas-export.csv');
    fs.writeFileSync(exported, assets);
    expect(await importFile(copy, { path: exported })).toMatchObject({ created: 5, errors: [] });
    const names = await copy.selectFrom('assets').select('name').orderBy('code').execute();
    expect(names.map((r) => r.name)).toEqual(attacks);
    expect(await assetsCsv(copy)).toBe(assets);
    await Promise.all([db.destroy(), copy.destroy()]);
  });
});

describe('hostile workbooks', () => {
  it('refuses a 2-cell workbook spanning A1:XFD1048576 in a moment, naming the cell', async () => {
    // Before the fix the reader walked rows × columns (17 billion cells) and the heap ran out.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('assets');
    sheet.getCell('A1').value = 'code';
    sheet.getCell('XFD1048576').value = 1;
    const file = path.join(dir, 'bomb.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(fs.statSync(file).size).toBeLessThan(10_000);
    const db = await newDb();
    const report = await importFile(db, { path: file });
    expect(report.errors).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /^the workbook is too large: cell XFD1048576 lies beyond column ALL; Hozen reads at most 1,000 columns/
        )
      })
    ]);
    expect(await db.selectFrom('assets').select('id').execute()).toEqual([]);
    await db.destroy();
  });
});

describe('exports', () => {
  it('GeoJSON a real GIS client reads: ogrinfo lists the layer, its count and geometry type', async () => {
    const demo = await testDatabase('demo');
    await migrateToLatest(demo);
    await seedDemoCity(demo);
    for (const [cls, type] of [
      ['water_pipe', 'Line String'],
      ['building', 'Point'],
      ['road', 'Line String']
    ] as const) {
      const file = path.join(dir, `${cls}.geojson`);
      fs.writeFileSync(file, await assetsGeoJson(demo, cls));
      const count = Number(
        (
          await demo
            .selectFrom('assets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('asset_class', '=', cls)
            .executeTakeFirstOrThrow()
        ).n
      );
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      expect(info).toContain(`Geometry: ${type}`);
      expect(info).toContain(`Feature Count: ${count}`);
      expect(info).toMatch(/WGS 84/);
    }
    // The projection workbook: one sheet per table, fiscal years labelled 2026年度, yen formats.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await projectionXlsx(demo, { years: 10, start: 2026 })) as unknown as ArrayBuffer
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '工種別',
      '資産区分別',
      '分類別',
      '資産別工事',
      '主要指標'
    ]);
    const byWork = workbook.getWorksheet('工種別')!;
    expect(byWork.getCell('A2').value).toBe('2026年度');
    expect(byWork.getCell('A11').value).toBe('2035年度');
    const totalColumn = byWork.getRow(1).values as string[];
    const total = totalColumn.indexOf('合計(円)');
    expect(byWork.getColumn(total).numFmt).toBe('#,##0');
    // The workbook's yearly totals are the CSV's, summed by year.
    const csv = await projectionCsv(demo, { years: 10, start: 2026 });
    expect(csv.startsWith('\uFEFFfiscal_year,asset_class,category,work_type,cost_yen')).toBe(true);
    const csvTotal2026 = csv
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('2026,'))
      .reduce((s, l) => s + Number(l.split(',').at(-1)), 0);
    expect(Math.abs((byWork.getRow(2).getCell(total).value as number) - csvTotal2026)).toBeLessThan(
      60
    );

    // A budget run (scenario result): the money funded, the yearly loop and each work's outcome.
    const budget = 5_000_000_000;
    const run = new ExcelJS.Workbook();
    await run.xlsx.load(
      (await projectionXlsx(demo, {
        years: 10,
        start: 2026,
        budget,
        lang: 'en'
      })) as unknown as ArrayBuffer
    );
    expect(run.worksheets.map((s) => s.name)).toEqual([
      'By work type',
      'By asset class',
      'By category',
      'Under the budget',
      'Works funded and waiting',
      'Key figures'
    ]);
    const loop = run.getWorksheet('Under the budget')!;
    expect(loop.getCell('A2').value).toBe('FY2026');
    for (let r = 2; r <= 11; r++)
      expect(loop.getRow(r).getCell(4).value as number).toBeLessThanOrEqual(budget * (1 + 1e-9));
    const outcomes = run.getWorksheet('Works funded and waiting')!;
    expect(outcomes.rowCount).toBeGreaterThan(100);
    // Status and reason in words, never the engine's keys.
    const column = (n: number) =>
      new Set(
        outcomes
          .getColumn(n)
          .values.slice(2)
          .map((v) => String(v ?? ''))
      );
    expect([...column(6)].sort()).toEqual(['funded', 'waiting (backlog)']);
    expect(column(7).has('budget_exhausted')).toBe(false);
    expect(column(7).has("the year's budget ran out")).toBe(true);
    const budgetCsv = await projectionCsv(demo, { years: 10, start: 2026, budget });
    expect(budgetCsv.split('\n')[0]).toBe(
      '\uFEFFfiscal_year,asset_class,category,work_type,cost_yen,needed_yen,funded_yen,backlog_yen,backlog_count'
    );
    await demo.destroy();
  }, 60_000);
});

describe('npm run import / export', () => {
  const run = (script: string, args: string[], env: Record<string, string>) => {
    const r = spawnSync(
      process.execPath,
      // As `npm run import` runs it: the bundled command (scripts/run.mjs).
      ['scripts/run.mjs', script, ...args],
      {
        env: { ...process.env, ...env },
        encoding: 'utf8'
      }
    );
    return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
  };

  it('creates and migrates the database, imports, and exits 2 with every problem on a bad file', async () => {
    const database = (await testTarget('cli')).env;
    const ok = run('import', [fixture('koukyou-shisetsu-sjis.csv')], database);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /koukyou-shisetsu, shift_jis, 8 rows, 8 created, 0 updated, 0 unchanged/
    );
    const dry = run('import', [fixture('kotei-shisan-wareki.csv'), '--dry-run'], database);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^dry run, nothing written: .* 5 created/);
    const bad = run('import', [fixture('bad-rows.csv')], database);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')).toContain(
      'bad-rows.csv:3: column quantity: must be a number ≥ 0 (value "広い")'
    );
    // The word no rule knows, with a mapping to fill in.
    expect(bad.stderr).toContain('1 word(s) no rule knows (category "shrine" ×1)');
    expect(bad.stderr).toMatch(/"dictionaries":\{"category":\{"shrine":""\}\}/);
    expect(run('import', [fixture('bad-rows.csv'), '--format', 'dbase'], database).stderr).toMatch(
      /^hozen: --format must be one of/
    );
    expect(run('import', [], database).stderr).toBe(
      'hozen: name the file to import: npm run import -- FILE [options]'
    );
    const out = path.join(dir, 'cli-assets.csv');
    expect(run('export', ['assets.csv', '--out', out], database).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toBe(
      '\uFEFFcode,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,facility_code,importance,condition_grade,soundness,floors,acquisition_yen,service_life_years,acquired_on,lon,lat,geometry'
    );
    expect(run('export', ['assets.shp'], database).stderr).toMatch(
      /^hozen: name the export: assets.csv, /
    );
  }, 60_000);
});
