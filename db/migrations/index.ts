/**
 * Every migration, by name, in the order they apply. Listed statically so that the same set loads
 * in the SvelteKit server bundle, in the command-line scripts and in tests; a test checks that
 * every file in this folder is listed here.
 */
import type { Migration } from 'kysely';
import * as initialSchema from './2026112701_initial_schema';
import * as assetRegisterFields from './2026112801_asset_register_fields';
import * as facilityPolicy from './2026112901_facility_policy';
import * as shareLinks from './2026113001_share_links';
import * as sessions from './2026113002_sessions';
import * as loginFailures from './2026113003_login_failures';
import * as loginThrottle from './2026120201_login_throttle';
import * as shareTokenHash from './2026120202_share_token_hash';
import * as plannedFacilities from './2026120301_planned_facilities';
import * as dropUnusedTables from './2026120302_drop_unused_tables';
import * as planCycle from './2026120401_plan_cycle';
import * as acquiredOn from './2026120501_acquired_on';
import * as population from './2026120601_population';
import * as facilityUsage from './2026120701_facility_usage';
import * as publicComments from './2026120801_public_comments';
import * as facilityPhotos from './2026120802_facility_photos';

export const migrations: Record<string, Migration> = {
  '2026112701_initial_schema': initialSchema,
  '2026112801_asset_register_fields': assetRegisterFields,
  '2026112901_facility_policy': facilityPolicy,
  '2026113001_share_links': shareLinks,
  '2026113002_sessions': sessions,
  '2026113003_login_failures': loginFailures,
  '2026120201_login_throttle': loginThrottle,
  '2026120202_share_token_hash': shareTokenHash,
  '2026120301_planned_facilities': plannedFacilities,
  '2026120302_drop_unused_tables': dropUnusedTables,
  '2026120401_plan_cycle': planCycle,
  '2026120501_acquired_on': acquiredOn,
  '2026120601_population': population,
  '2026120701_facility_usage': facilityUsage,
  '2026120801_public_comments': publicComments,
  '2026120802_facility_photos': facilityPhotos
};
