/** The calendar quarter of a date written YYYY-MM-DD: `2026-Q3`. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Every quarter from `from`'s to `to`'s, both included, in order (none when `to` is before `from`). */
export function quartersBetween(from: string, to: string): string[] {
  const quarters: string[] = [];
  if (to < from) return quarters;
  let year = Number(from.slice(0, 4));
  let quarter = Math.ceil(Number(from.slice(5, 7)) / 3);
  const last = quarterOf(to);
  for (;;) {
    const label = `${year}-Q${quarter}`;
    quarters.push(label);
    if (label === last) return quarters;
    if (++quarter > 4) {
      quarter = 1;
      year++;
    }
  }
}
