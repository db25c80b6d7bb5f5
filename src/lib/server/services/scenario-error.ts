import { said, SaidError } from '../../i18n/said';

/** A scenario the service refuses (400), cannot find (404) or finds changed meanwhile (409). */
export class ScenarioError extends SaidError {}

export const unknownStandard = (key: string) =>
  said(`試算基準「${key}」はありません`, `unknown standard "${key}"`);
