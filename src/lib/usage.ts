/** A facility's use in one fiscal year with its ratios, as the card shows it (null: a part is missing). */
export interface UsageYear {
  fiscalYear: number;
  users: number | null;
  costYen: number | null;
  capacity: number | null;
  enrolled: number | null;
  /** Cost per user (yen). */
  costPerUser: number | null;
  /** Users per ㎡ of its buildings today. */
  usersPerM2: number | null;
  /** Enrolled ÷ capacity. */
  occupancy: number | null;
}
