// JSON columns: PostgreSQL returns jsonb parsed, SQLite returns text. One place decides.

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Counts and big integers: pg returns bigint columns as strings; SQLite as numbers. */
export function toSafeInt(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : (value as number);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(value)}`);
  return n;
}
