import { isCalendarDay } from './calendar-day';

describe(isCalendarDay.name, () => {
  it('takes real days only', () => {
    expect(['2028-02-29', '2026-12-31'].map(isCalendarDay)).toEqual([true, true]);
    expect(['2027-02-29', '2026-13-01', '26-11-01', '2026-11-01T00:00'].map(isCalendarDay)).toEqual([false, false, false, false]);
  });

  it('keeps to the years the database and people use', () => {
    expect(['0000-01-01', '1899-12-31', '2200-01-01', 20261101].map(isCalendarDay)).toEqual([false, false, false, false]);
    expect(['1900-01-01', '2199-12-31'].map(isCalendarDay)).toEqual([true, true]);
  });
});
