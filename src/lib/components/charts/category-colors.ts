import type { BuildingCategory } from '$lib/engine/asset-classes';

/** One colour per 総務省 use category, the same on every chart. */
export const CATEGORY_COLORS: Record<BuildingCategory, string> = {
  civic_culture: '#e6550d',
  social_education: '#fdae6b',
  sports_recreation: '#31a354',
  industry: '#a1d99b',
  school: '#3182bd',
  childcare: '#9ecae1',
  health_welfare: '#756bb1',
  medical: '#bcbddc',
  administration: '#636363',
  public_housing: '#e7ba52',
  park: '#74c476',
  utility_plant: '#843c39',
  other: '#bdbdbd'
};
