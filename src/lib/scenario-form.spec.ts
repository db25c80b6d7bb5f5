import { describe, expect, it } from 'vitest';
import { formText, readScenarioForm, type ScenarioFormText } from './scenario-form';
import type { ScenarioParams } from './scenario';

const horizon = { startYear: 2026, years: 40 };
const params: ScenarioParams = {
  budget: { kind: 'schedule', amounts: [12.5e8, 10e8, 0] },
  inflation: 0.015,
  discount: 0.02,
  referenceInvestment: 7.5e9,
  weights: { importance: 2, hazard: 0 },
  overrides: [
    { kind: 'life_extension', categories: ['school', 'public_housing'] },
    { kind: 'floor_reduction', percent: 15 },
    { kind: 'close', facilityCodes: ['F0012'], year: 2031 },
    { kind: 'new_building', code: 'NEW1', category: 'school', area: 5000, year: 2030 },
    { kind: 'life_extension', facilityCodes: ['F0001'] }
  ],
  facilityPolicies: true,
  adoptedPlan: true,
  committed: [{ assetCode: 'B0001', year: 2027 }],
  samples: 50,
  seed: 9,
  funding: null
};

describe('the scenario form', () => {
  it('shows a scenario as its fields and reads them back unchanged', () => {
    const text = formText({ name: '計画案', standard: 'longevity' }, params);
    expect(text).toMatchObject({
      budget: 'schedule',
      schedule: '12.5\n10\n0',
      inflation: '1.5',
      wImportance: '2',
      wCondition: '',
      committed: 'B0001 2027',
      extend: ['school', 'public_housing'],
      reduction: '15',
      closures: 'F0012 2031'
    });
    const read = readScenarioForm(text, params, horizon);
    expect(read).toEqual({ ok: true, name: '計画案', standard: 'longevity', params });
  });

  it('keeps the overrides it does not edit, and drops the ones emptied', () => {
    const text = formText({ name: 'x', standard: 'soumu' }, params);
    const read = readScenarioForm(
      { ...text, extend: [], reduction: '', closures: '' },
      params,
      horizon
    );
    expect(read.ok && read.params.overrides).toEqual([
      { kind: 'new_building', code: 'NEW1', category: 'school', area: 5000, year: 2030 },
      { kind: 'life_extension', facilityCodes: ['F0001'] }
    ]);
  });

  it('reads a flat budget and commas in the schedule', () => {
    const text = formText({ name: 'x', standard: 'soumu' }, params);
    const flat = readScenarioForm({ ...text, budget: 'flat', amount: '75' }, params, horizon);
    expect(flat.ok && flat.params.budget).toEqual({ kind: 'flat', amount: 7.5e9 });
    const listed = readScenarioForm({ ...text, schedule: '1, 2.25,3' }, params, horizon);
    expect(listed.ok && listed.params.budget).toEqual({
      kind: 'schedule',
      amounts: [1e8, 2.25e8, 3e8]
    });
  });

  it('names every bad field, and the line of a bad list entry', () => {
    const text: ScenarioFormText = {
      ...formText({ name: 'x', standard: 'soumu' }, params),
      name: '',
      schedule: '10\nten',
      inflation: '35',
      wOverdue: '-1',
      samples: '2.5',
      seed: 'abc',
      committed: 'B0001 2027\nB0002\nB0003 2099',
      closures: 'F0001 year',
      reduction: '120'
    };
    const read = readScenarioForm(text, params, horizon);
    expect(read).toEqual({
      ok: false,
      problems: {
        name: 'a name',
        schedule: 'amount 2 ("ten") is not an amount in 100M yen from 0 to 100,000',
        inflation: 'a percentage from -10 to 20 (got "35")',
        wOverdue: 'a weight from 0 to 100 (got "-1")',
        samples: 'a whole number of samples from 0 to 1000 (got "2.5")',
        seed: 'a whole number from 0 to 2147483647 (got "abc")',
        committed:
          'line 2: "B0002" is not a code and a fiscal year; line 3: 2099 is not a fiscal year from 2026 to 2065',
        closures: 'line 1: year is not a fiscal year from 1900 to 2200',
        reduction: 'a percentage from 0 to 100 (got "120")'
      }
    });
    // Before the fix "0x10" was read as 16 億円, and an unknown use was taken for life extension.
    expect(
      readScenarioForm(
        {
          ...formText({ name: 'x', standard: 'soumu' }, params),
          budget: 'flat',
          amount: '0x10',
          extend: ['school', 'casino']
        },
        params,
        horizon
      )
    ).toEqual({
      ok: false,
      problems: {
        amount: 'an amount in 100M yen from 0 to 100,000 (got "0x10")',
        extend: expect.stringMatching(/^"casino" is not a use category/)
      }
    });
    const wide = readScenarioForm(
      {
        ...formText({ name: 'x', standard: 'soumu' }, params),
        budget: 'flat',
        amount: '１,２００'
      },
      params,
      horizon
    );
    expect(wide.ok && wide.params.budget).toEqual({ kind: 'flat', amount: 1200e8 });
    const long = readScenarioForm(
      { ...formText({ name: 'x', standard: 'soumu' }, params), schedule: '1 '.repeat(41) },
      params,
      horizon
    );
    expect(long).toEqual({
      ok: false,
      problems: { schedule: '41 amounts for a horizon of 40 years' }
    });
    const noAmount = readScenarioForm(
      { ...formText({ name: 'x', standard: 'soumu' }, params), budget: 'flat', amount: '' },
      params,
      horizon
    );
    expect(noAmount.ok).toBe(false);
  });
});
