/** The record card (施設カルテ) as the pages draw it: a facility, its assets, works, audit. */
import type { AssetClass } from './engine/asset-classes';

export interface CardAsset {
  id: number;
  code: string;
  name: string;
  assetClass: AssetClass;
  category: string;
  yearBuilt: number | null;
  quantity: number;
  unit: string;
  lengthM: number | null;
  widthM: number | null;
  structure: string | null;
  material: string | null;
  diameterMm: number | null;
  floors: number | null;
  conditionGrade: string | null;
  soundness: number | null;
  importance: number;
  status: string;
  /** Inside a hazard zone (flood inundation), for BCP priority. */
  inHazardZone: boolean;
  version: number;
  inspections: {
    inspectedOn: string;
    part: string;
    grade: string;
    soundness: number | null;
    inspector: string | null;
    note: string | null;
  }[];
}

/** What staff decide for a facility: keep it under the standard, extend its buildings' lives,
 * consolidate it into another facility, or close it (複合化・統廃合), from a fiscal year. */
export const FACILITY_POLICIES = ['standard', 'extend', 'consolidate', 'close'] as const;
export type FacilityPolicy = (typeof FACILITY_POLICIES)[number];

/** An asset's or a facility's works over the horizon, under the standard and alternatives. */
export interface Lifecycle {
  startYear: number;
  years: number;
  /** Yearly cost: the national method, with life extension, and under the chosen policy (a
   * facility whose policy is not `standard`). */
  series: { soumu: number[]; longevity: number[]; policy: number[] | null };
  /** Works under the national method (or the chosen policy, when there is one). */
  works: { assetCode: string; workType: string; dueYear: number; cost: number }[];
}

export interface AuditEntry {
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  after: string | null;
  note: string | null;
}

/** A work done (実績) as a card lists it, with its documents' names. */
export interface WorkDoneEntry {
  id: number;
  assetCode: string;
  workType: string;
  completedOn: string;
  costYen: number;
  contractor: string | null;
  note: string | null;
  planItemId: number | null;
  documents: { id: number; name: string; size: number }[];
}

/** A planned action on the facility or its assets, in the adopted plan (else the newest draft). */
export interface CardPlanItem {
  id: number;
  code: string;
  action: string;
  fiscalYear: number;
  status: string;
}

export interface RecordCard {
  facility: {
    id: number;
    code: string;
    name: string;
    nameKana: string | null;
    category: string;
    address: string | null;
    lon: number | null;
    lat: number | null;
    yearlyUsers: number | null;
    runningCostYen: number | null;
    costPerUser: number | null;
    isShelter: boolean;
    policy: FacilityPolicy;
    policyYear: number | null;
    consolidateInto: string | null;
    version: number;
  };
  assets: CardAsset[];
  lifecycle: Lifecycle;
  audit: AuditEntry[];
  works: WorkDoneEntry[];
  planItems: CardPlanItem[];
}

/** The card of one asset (a road segment, a bridge, a pipe, or a building). */
export interface AssetCard {
  asset: CardAsset;
  facility: { code: string; name: string } | null;
  lifecycle: Lifecycle;
  audit: AuditEntry[];
  works: WorkDoneEntry[];
  planItems: CardPlanItem[];
}
