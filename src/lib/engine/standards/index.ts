import type { Standard } from '../standard';
import { longevity } from './longevity';
import { soumu } from './soumu';

/** The standards built into Hozen, by key. */
export const BUILTIN_STANDARDS: Record<string, Standard> = { soumu, longevity };
