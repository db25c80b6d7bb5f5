/**
 * The typed shape of Hozen's database, as the migrations in `db/migrations/` leave it.
 * One interface per table; `Selectable/Insertable/Updateable` aliases for the ones the
 * repositories read and write. Columns are snake_case; nullable columns are `T | null`.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are ISO-8601 text (portable between SQLite and PostgreSQL). */
type Timestamp = string;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface FacilitiesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_kana: string | null;
  /** 総務省 use category key (see `src/lib/engine/asset-classes.ts`). */
  category: string;
  /** Finer use, e.g. elementary_school. */
  subcategory: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  yearly_users: number | null;
  running_cost_yen: number | null;
  /** 1 when the facility is a designated evacuation shelter (指定避難所). */
  is_shelter: Generated<number>;
  status: Generated<string>;
  note: string | null;
  /** standard | extend | consolidate | close (see record-card.service.ts). */
  policy: Generated<string>;
  /** Fiscal year of the consolidation or closure. */
  policy_year: number | null;
  /** Code of the facility it is consolidated into. */
  consolidate_into: string | null;
  /** A planned facility (status `planned`): the fiscal year it opens, its floor area, structure. */
  planned_year: number | null;
  planned_area_m2: number | null;
  planned_structure: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetsTable {
  id: Generated<number>;
  code: string;
  facility_id: number | null;
  name: string;
  asset_class: string;
  category: string;
  subcategory: string | null;
  /** Japanese fiscal year of construction; null when unknown. */
  year_built: number | null;
  /** Floor area (㎡), road or deck area (㎡) or pipe length (m): see `unit`. */
  quantity: number;
  unit: string;
  length_m: number | null;
  width_m: number | null;
  structure: string | null;
  material: string | null;
  diameter_mm: number | null;
  floors: number | null;
  /** Buildings A–D, bridges I–IV, pavement I–III. */
  condition_grade: string | null;
  /** 健全度 0–100 where known. */
  soundness: number | null;
  /** 1 (low) – 5 (critical): consequence of failure. */
  importance: Generated<number>;
  status: Generated<string>;
  /** 取得価額 (yen) and 耐用年数 (years) from the fixed-asset register, where imported. */
  acquisition_yen: number | null;
  service_life_years: number | null;
  /** 取得年月日 (ISO date) from the fixed-asset register, where imported. */
  acquired_on: string | null;
  /** GeoJSON geometry (lon/lat, WGS84/JGD2011) as text; 'null' for an asset not yet placed (its
   * bounding box is then 0, 0, 0, 0). */
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InspectionsTable {
  id: Generated<number>;
  asset_id: number;
  inspected_on: string;
  part: Generated<string>;
  grade: string;
  soundness: number | null;
  inspector: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface HazardZonesTable {
  id: Generated<number>;
  kind: string;
  level: string;
  depth_min_m: number | null;
  depth_max_m: number | null;
  name: string | null;
  source: string | null;
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

export interface BasemapFeaturesTable {
  id: Generated<number>;
  /** boundary | river | channel | rail | urban */
  kind: string;
  name: string | null;
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  is_active: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StandardsTable {
  id: Generated<number>;
  key: string;
  name_ja: string;
  name_en: string;
  description: string | null;
  is_builtin: Generated<number>;
  based_on_id: number | null;
  params: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScenariosTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  standard_id: number;
  start_year: number;
  horizon_years: number;
  params: string;
  is_preset: Generated<number>;
  share_token: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScenarioRunsTable {
  id: Generated<number>;
  scenario_id: number;
  input_hash: string;
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  summary: string | null;
  result: string | null;
  error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
}

/** Kysely's view of the migration bookkeeping table, read to detect a newer schema. */
export interface KyselyMigrationTable {
  name: string;
  timestamp: ColumnType<string, string, never>;
}

export interface ShareLinksTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the link's token; the token itself is shown once and never stored. */
  token_hash: string;
  /** The token's first six characters, to tell links apart. */
  token_prefix: string | null;
  scenario_ids: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  ends_at: string;
  address: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** SHA-256 (hex) of "pair\0ACCOUNT\0ADDRESS" or "addr\0ADDRESS". */
  key: string;
  /** SHA-256 (hex) of the account name (lower case), on the pair's rows: lifts by account. */
  account: string | null;
  at: string;
}

export interface Database {
  settings: SettingsTable;
  facilities: FacilitiesTable;
  assets: AssetsTable;
  inspections: InspectionsTable;
  hazard_zones: HazardZonesTable;
  basemap_features: BasemapFeaturesTable;
  users: UsersTable;
  standards: StandardsTable;
  scenarios: ScenariosTable;
  scenario_runs: ScenarioRunsTable;
  audit_log: AuditLogTable;
  share_links: ShareLinksTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  plan_versions: PlanVersionsTable;
  plan_items: PlanItemsTable;
  actuals: ActualsTable;
  actual_documents: ActualDocumentsTable;
  population_areas: PopulationAreasTable;
  facility_usage: FacilityUsageTable;
  consultations: ConsultationsTable;
  public_comments: PublicCommentsTable;
  facility_photos: FacilityPhotosTable;
}

/** A version of the city's 個別施設計画 (draft, adopted or superseded). */
export interface PlanVersionsTable {
  id: Generated<number>;
  name: string;
  fiscal_year: number;
  status: Generated<string>;
  based_on: number | null;
  adopted_at: Timestamp | null;
  adopted_by: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One planned action of a plan version, on a facility (its buildings) or an asset. */
export interface PlanItemsTable {
  id: Generated<number>;
  plan_id: number;
  facility_code: string | null;
  asset_code: string | null;
  /** See `src/lib/plan/plan.ts`: rebuild, life_extension, renovation, repair, consolidation … */
  action: string;
  fiscal_year: number;
  /** Yen as planned; null: estimated from the standard. */
  cost_yen: number | null;
  status: Generated<string>;
  into_facility: string | null;
  reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A work done (実績): asset, type, completion date, actual cost. */
export interface ActualsTable {
  id: Generated<number>;
  asset_code: string;
  work_type: string;
  completed_on: string;
  fiscal_year: number;
  cost_yen: number;
  contractor: string | null;
  note: string | null;
  plan_item_id: number | null;
  source: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

/** A document of a work done (contract, completion report, photo), stored in the database. */
export interface ActualDocumentsTable {
  id: Generated<number>;
  actual_id: number;
  name: string;
  mime: string;
  size: number;
  content: Uint8Array;
  created_at: Timestamp;
}

export type FacilityRow = Selectable<FacilitiesTable>;
export type NewFacilityRow = Insertable<FacilitiesTable>;
export type FacilityUpdate = Updateable<FacilitiesTable>;
export type AssetRow = Selectable<AssetsTable>;
export type NewAssetRow = Insertable<AssetsTable>;
export type AssetUpdate = Updateable<AssetsTable>;
export type NewHazardZoneRow = Insertable<HazardZonesTable>;
export type NewBasemapFeatureRow = Insertable<BasemapFeaturesTable>;
export type NewInspectionRow = Insertable<InspectionsTable>;
export type NewUserRow = Insertable<UsersTable>;
export type NewSessionRow = Insertable<SessionsTable>;
export type PlanVersionRow = Selectable<PlanVersionsTable>;
export type PlanItemRow = Selectable<PlanItemsTable>;
export type NewPlanItemRow = Insertable<PlanItemsTable>;
export type ActualRow = Selectable<ActualsTable>;
export type NewActualRow = Insertable<ActualsTable>;

/** A small area's population in a census year (counts by sex and five-year group, as JSON). */
export interface PopulationAreasTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  year: number;
  /** {"m": number[18], "f": number[18]}: 0–4 … 80–84, 85+. */
  counts: string;
  total: number;
  lon: number;
  lat: number;
  geometry: string;
  source: string | null;
}
export type NewPopulationAreaRow = Insertable<PopulationAreasTable>;

/** A facility's use in one fiscal year (利用実績), as recorded or imported. */
export interface FacilityUsageTable {
  id: Generated<number>;
  facility_id: number;
  fiscal_year: number;
  /** 利用者数 (people a year). */
  users: number | null;
  /** The year's running cost (yen). */
  cost_yen: number | null;
  /** 定員 (places), where the use has one. */
  capacity: number | null;
  /** 在籍者数・児童数 (those enrolled), where the use has them. */
  enrolled: number | null;
  source: string | null;
  created_at: Timestamp;
}

export type NewFacilityUsageRow = Insertable<FacilityUsageTable>;

/** A public consultation (パブリックコメント) on a plan version or a scenario comparison. */
export interface ConsultationsTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  plan_id: number | null;
  /** The compared scenarios' ids as JSON (e.g. "[1,4]"), when it is on a comparison. */
  scenario_ids: string | null;
  /** The period, dates (YYYY-MM-DD) in the city's time, both days included. */
  opens_on: string;
  closes_on: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A comment sent to a consultation: pending until moderated, then approved or rejected. */
export interface PublicCommentsTable {
  id: Generated<number>;
  consultation_id: number;
  facility_code: string | null;
  /** See `src/lib/consultation.ts`: whole, facility, cost, consolidation, access, other. */
  topic: string;
  body: string;
  status: Generated<string>;
  moderated_by: string | null;
  moderated_at: string | null;
  /** The city's answer (市の考え方). */
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  address_hash: string;
  nonce: string;
  created_at: Timestamp;
}
export type ConsultationRow = Selectable<ConsultationsTable>;
export type PublicCommentRow = Selectable<PublicCommentsTable>;

/** A facility's photo for its public page (metadata removed), with its text alternative. */
export interface FacilityPhotosTable {
  id: Generated<number>;
  facility_id: number;
  mime: string;
  size: number;
  content: Uint8Array;
  alt: string;
  created_by: string | null;
  created_at: Timestamp;
}
