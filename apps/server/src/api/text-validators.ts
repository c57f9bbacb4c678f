import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

/*
 * Text as PostgreSQL stores it: lengths in characters (code points, like its length()), no NUL
 * (text columns cannot hold it), and not blank when required. class-validator's Length counts
 * differently (it skips variation selectors), which let a CHECK constraint answer with a 500.
 */
export function isStorableText(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || value.includes('\u0000')) return false;
  const length = [...value].length;
  return length >= min && length <= max && (min === 0 || value.trim() !== '');
}

/** A string of `min`–`max` characters (code points), without NUL; with min ≥ 1, not blank either. */
export function TextLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'textLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => isStorableText(value, min, max),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be text of ${min === 0 ? 'at most' : `${min} to`} ${max} characters${min > 0 ? ', not blank' : ''}, without NUL characters`,
          options,
        ),
      },
    },
    options,
  );
}

/** A real calendar date written `YYYY-MM-DD` (2027-02-30 is refused, not passed on to the database). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '1900-01-01' && value <= '2199-12-31';
}

export function CalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'calendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: buildMessage((each) => `${each}$property must be a real date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
