import type { Locale } from '@fa/shared';
import { formText } from '../form-values';
import { FormProblems } from '../intake/form-problems';
import { INVALID, parseDollars, parseWholeNumber } from '../intake/form-input';

/*
 * The small readers the agreement and payment-order forms share: each reads one field, adds a
 * problem named at the field's input when it cannot be used, and answers the value or null.
 */

/** What a form read: the input for its use case when nothing is to fix, and the values to show again. */
export interface ReadForm<T> {
  input: T | null;
  values: Record<string, string>;
}

export type FormBody = Record<string, unknown>;

/** The longest reason or comment a person writes (the database's CHECKs count code points). */
export const TEXT_MAX = 4000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A group of checkboxes: one value, several, or none. */
export function formList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(formText).filter((text) => text !== '');
}

export function choice<T extends string>(value: string, allowed: readonly T[], field: string, label: string, problems: FormProblems): T | null {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.add(field, value === '' ? 'required' : 'choice', {}, label);
  return null;
}

/** Counts characters as PostgreSQL does (code points), so the database's CHECK never answers first. */
export function longText(value: string, max: number, field: string, label: string, problems: FormProblems, required: boolean): void {
  if (required && value === '') problems.add(field, 'required', {}, label);
  else if ([...value].length > max) problems.add(field, 'tooLong', { max }, label);
}

/** Dollars typed either language's way, to cents; zero allowed only when `allowZero`. */
export function dollars(text: string, locale: Locale, field: string, label: string, problems: FormProblems, options: { required: boolean; allowZero: boolean }): number | null {
  const cents = parseDollars(text, locale);
  if (cents === null) {
    if (options.required) problems.add(field, 'required', {}, label);
  } else if (cents === INVALID || (cents === 0 && !options.allowZero)) {
    problems.add(field, 'money', {}, label);
  } else {
    return cents;
  }
  return null;
}

export function wholeNumber(text: string, min: number, max: number, field: string, label: string, problems: FormProblems): number | null {
  const value = parseWholeNumber(text, min, max);
  if (value === null) problems.add(field, 'required', {}, label);
  else if (value === INVALID) problems.add(field, 'integer', { min, max }, label);
  else return value;
  return null;
}

/**
 * The hidden key a money-moving form was drawn with: sending the same form twice is one
 * operation; a form that lost it (an old page) is asked again rather than guessed.
 */
export function requestKey(value: string, field: string, problems: FormProblems): string | null {
  if (UUID.test(value)) return value;
  problems.add(field, 'formExpired', {}, 'requestKey');
  return null;
}
