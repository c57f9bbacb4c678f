const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a value from outside (a path, a form) can be an id of ours; PostgreSQL would refuse it otherwise. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
