/**
 * The demo city's use year by year (synthetic, labelled as the demo city is): five fiscal years
 * to the as-of year for every facility in service with users or a running cost recorded on its
 * card. Users drift by a rate of their own (most fall, a few grow) and end at the card's figure;
 * costs rise 1 % a year to the card's; nurseries and kindergartens have a capacity (定員) and
 * fewer children enrolled each year.
 */
import type { Random } from '../random';

export interface DemoUsageRecord {
  facility_code: string;
  fiscal_year: number;
  users: number | null;
  cost_yen: number | null;
  capacity: number | null;
  enrolled: number | null;
}

const YEARS = 5;

export function demoUsage(
  random: Random,
  facilities: readonly {
    code: string;
    subcategory: string | null;
    status: string;
    yearly_users: number | null;
    running_cost_yen: number | null;
  }[],
  asOfYear: number
): DemoUsageRecord[] {
  const out: DemoUsageRecord[] = [];
  for (const f of facilities) {
    if (f.status !== 'active' || (f.yearly_users === null && f.running_cost_yen === null)) continue;
    const rate = random.uniform(-0.06, 0.02);
    const places =
      f.subcategory === 'nursery' || f.subcategory === 'kindergarten'
        ? random.int(6, 15) * 10
        : null;
    const fill = random.uniform(0.75, 0.95);
    for (let y = asOfYear - YEARS + 1; y <= asOfYear; y++) {
      const back = asOfYear - y;
      const noise = back === 0 ? 1 : random.uniform(0.97, 1.03);
      out.push({
        facility_code: f.code,
        fiscal_year: y,
        users:
          f.yearly_users === null
            ? null
            : Math.round((f.yearly_users / (1 + rate) ** back) * noise),
        cost_yen:
          f.running_cost_yen === null
            ? null
            : Math.round(f.running_cost_yen / 1.01 ** back / 1_000) * 1_000,
        capacity: places,
        enrolled: places === null ? null : Math.round(places * Math.min(1, fill + 0.03 * back))
      });
    }
  }
  return out;
}
