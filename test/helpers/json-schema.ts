// A small JSON Schema (2020-12) validator for the subset our documented schemas
// use: type, const, enum, required, properties, additionalProperties, items,
// minItems/maxItems, local $ref, pattern, minLength/maxLength, minimum/maximum,
// format date-time, and if/then. Anything else in a schema is an error here, so a
// schema cannot silently outgrow what the tests check.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', '$defs', 'title', 'description',
  'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'maxItems',
  '$ref', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'format', 'if', 'then',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Every way `value` breaks `schema`, as "path: problem" lines; empty when it conforms. */
export function validate(schema: Schema, value: unknown): string[] {
  const root = schema;
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported: ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
    if (!node || typeof node !== 'object') throw new Error(`$ref ${ref} points nowhere`);
    return node as Schema;
  };
  const check = (s: Schema, v: unknown, path: string): boolean => {
    const before = errors.length;
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`schema keyword "${k}" at ${path} is not supported by the test validator`);
    if (typeof s.$ref === 'string') check(resolve(s.$ref), v, path);
    const t = typeOf(v);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) errors.push(`${path}: expected ${types.join('|')}, got ${t}`);
    }
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && [...v].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: does not match ${s.pattern}`);
      if (s.format === 'date-time' && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v)))) errors.push(`${path}: not a date-time`);
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    }
    if (t === 'object') {
      const o = v as Record<string, unknown>;
      for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) errors.push(`${path}: missing ${r}`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, val] of Object.entries(o)) {
        if (props[k]) check(props[k], val, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') check(s.additionalProperties as Schema, val, `${path}.${k}`);
      }
    }
    if (t === 'array') {
      const a = v as unknown[];
      if (typeof s.minItems === 'number' && a.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && a.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.items && typeof s.items === 'object') a.forEach((item, i) => check(s.items as Schema, item, `${path}[${i}]`));
    }
    if (s.if && typeof s.if === 'object') {
      // `if` only decides; its own failures are not errors.
      const mark = errors.length;
      const matches = check(s.if as Schema, v, path);
      errors.length = mark;
      if (matches && s.then) check(s.then as Schema, v, path);
    }
    return errors.length === before;
  };
  check(schema, value, '$');
  return errors;
}
