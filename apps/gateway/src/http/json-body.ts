// Reads the buffered body as a JSON object and checks the types of the fields the gateway
// itself relies on. Everything else in the body is left alone and forwarded byte for byte.
import { ApiError } from './api-error.js';

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(body: unknown): JsonObject {
  const raw = Buffer.isBuffer(body) ? body : undefined;
  if (!raw || raw.length === 0) throw new ApiError(400, 'missing request body: expected a JSON object', 'missing_body');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, `invalid JSON in request body: ${(error as Error).message}`, 'invalid_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, `request body must be a JSON object, got ${typeName(value)}`, 'invalid_body');
  }
  return value as JsonObject;
}

export type FieldType = 'string' | 'boolean' | 'number' | 'object' | 'array' | 'null' | 'string[]' | 'number[]' | 'number[][]';

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'number');
    case 'number[][]':
      return Array.isArray(value) && value.every((v) => isType(v, 'number[]'));
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

const describeTypes = (types: readonly FieldType[]) =>
  types.map((t) => (t.endsWith('[]') ? `an array of ${t.slice(0, -2)}s` : /^[aeiou]/.test(t) ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`)).join(' or ');

/** Checks `object[key]` (reported as `path`) against the allowed types; absent is fine unless required. */
export function checkField(object: JsonObject, key: string, types: readonly FieldType[], options: { path?: string; required?: string } = {}): void {
  const value = object[key];
  const path = options.path ?? key;
  if (value === undefined) {
    if (options.required) throw new ApiError(400, options.required, 'missing_field', path);
    return;
  }
  if (!types.some((type) => isType(value, type))) {
    throw new ApiError(400, `invalid type for "${path}": expected ${describeTypes(types)}, got ${typeName(value)}`, 'invalid_type', path);
  }
}

/** Checks every element of an array field with `check(element, path)`. */
export function checkEach(object: JsonObject, key: string, check: (element: JsonObject, path: string) => void): void {
  const items = object[key];
  if (!Array.isArray(items)) return;
  items.forEach((item, index) => {
    const path = `${key}[${index}]`;
    if (!isType(item, 'object')) throw new ApiError(400, `invalid type for "${path}": expected an object, got ${typeName(item)}`, 'invalid_type', path);
    check(item as JsonObject, path);
  });
}
