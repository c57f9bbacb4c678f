import { Column, ColumnOptions, ValueTransformer } from 'typeorm';
import { Cents, toCents } from './money';

/**
 * `bigint` columns arrive from node-postgres as strings. This transformer turns them into
 * numbers of cents and refuses, in both directions, any value that is not a safe integer.
 */
export const moneyTransformer: ValueTransformer = {
  to(value: Cents | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return toCents(value).toString();
  },
  from(value: string | null): Cents | null {
    if (value === null) return null;
    return toCents(value);
  },
};

/** A money column: integer cents stored as `bigint`. */
export function MoneyColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'bigint', transformer: moneyTransformer });
}
