/**
 * Declarative input validation: each operation lists its fields once, the validator parses raw
 * query/form strings or JSON values and words failures the way AWS does.
 */

/** A failed constraint, worded like AWS's `1 validation error detected: ...`. */
export class FieldError extends Error {}

/** One input field: how to parse it and whether it must be present. */
export class Field<T, R extends boolean = false> {
  constructor(
    private readonly parser: (raw: unknown, name: string) => T,
    readonly isRequired: R,
  ) {}

  /** The same field, but absent values are rejected. */
  required(): Field<T, true> {
    return new Field(this.parser, true);
  }

  /** Parses a present raw value. */
  parse(raw: unknown, name: string): T {
    return this.parser(raw, name);
  }
}

const fail = (name: string, raw: unknown, constraint: string): never => {
  throw new FieldError(`Value '${String(raw)}' at '${name}' failed to satisfy constraint: ${constraint}`);
};

/** An integer (JSON number or decimal string) within [min, max]. */
export function int(range: { min?: number; max?: number } = {}): Field<number> {
  return new Field((raw, name) => {
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n)) return fail(name, raw, 'Member must be an integer');
    if (range.min !== undefined && n < range.min)
      fail(name, raw, `Member must have value greater than or equal to ${range.min}`);
    if (range.max !== undefined && n > range.max)
      fail(name, raw, `Member must have value less than or equal to ${range.max}`);
    return n;
  }, false);
}

/** A string with optional length bounds and pattern. */
export function str(rules: { min?: number; max?: number; pattern?: RegExp } = {}): Field<string> {
  return new Field((raw, name) => {
    if (typeof raw !== 'string') return fail(name, raw, 'Member must be a string');
    if (rules.min !== undefined && raw.length < rules.min)
      fail(name, raw, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && raw.length > rules.max)
      fail(name, raw, `Member must have length less than or equal to ${rules.max}`);
    if (rules.pattern && !rules.pattern.test(raw))
      fail(name, raw, `Member must satisfy regular expression pattern: ${rules.pattern.source}`);
    return raw;
  }, false);
}

/** A boolean (JSON boolean or `true`/`false`). */
export function bool(): Field<boolean> {
  return new Field((raw, name) => {
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    return fail(name, raw, 'Member must be a boolean');
  }, false);
}

/** One of a fixed set of strings. */
export function oneOf<const V extends string>(values: readonly V[]): Field<V> {
  return new Field((raw, name) => {
    if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw as V;
    return fail(name, raw, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }, false);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = Field<any, boolean>;
/** The parsed values of a field spec: required fields typed T, others T | undefined. */
export type Parsed<S extends Record<string, AnyField>> = {
  [K in keyof S]: S[K] extends Field<infer T, true>
    ? T
    : S[K] extends Field<infer T, false>
      ? T | undefined
      : never;
};

/**
 * Parses every field of `spec`, reading raw values with `get`; throws FieldError on the first failure.
 * Empty strings count as absent, as AWS query parsers treat them.
 */
export function validate<S extends Record<string, AnyField>>(
  spec: S,
  get: (name: string) => unknown,
): Parsed<S> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const raw = get(name);
    if (raw === undefined || raw === null || raw === '') {
      if (field.isRequired)
        throw new FieldError(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    out[name] = field.parse(raw, name);
  }
  return out as Parsed<S>;
}
