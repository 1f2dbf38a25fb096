// What a cached verdict is keyed on: the policy fingerprint (scanner config and model versions),
// the direction, the exact texts and, for answers, what the scan depended on (the prompt and the
// vault of placeholders). Keys hold only a hash; the value is sealed with a second hash of the
// same material, so Redis never holds readable text: only a process that has the text can use it.
import { createHash } from 'node:crypto';

export const KEY_SCHEMA_VERSION = 'v1';

export interface ScanIdentity {
  fingerprint: string;
  direction: 'input' | 'output';
  texts: readonly string[];
  /** Anything else the verdict depends on (the prompt, the vault), in a fixed order. */
  context?: readonly string[];
}

/** A cache entry's key (without the prefix) and the secret that seals its value. */
export interface EntryId {
  key: string;
  secret: Buffer;
}

function digest(domain: string, id: ScanIdentity): Buffer {
  const hash = createHash('sha256').update(domain).update('\0').update(id.fingerprint).update('\0').update(id.direction);
  // Length-prefixed parts: ["ab","c"] and ["a","bc"] must not collide.
  for (const part of [...id.texts, '\u0001', ...(id.context ?? [])]) hash.update(`\0${Buffer.byteLength(part)}:`).update(part);
  return hash.digest();
}

export function entryId(id: ScanIdentity): EntryId {
  return { key: `${KEY_SCHEMA_VERSION}:${digest('key', id).toString('base64url')}`, secret: digest('seal', id) };
}
