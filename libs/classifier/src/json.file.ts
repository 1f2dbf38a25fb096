import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ModelLoadError } from './model-load.error.js';

/** Reads and validates a JSON file; every failure names the file and, for schema errors, the field. */
export async function readJsonFile<T>(path: string, schema?: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelLoadError(path, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ModelLoadError(path, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ModelLoadError(path, `invalid ${at}: ${issue.message}`);
  }
  return parsed.data;
}
