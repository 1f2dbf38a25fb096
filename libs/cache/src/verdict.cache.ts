// The verdict cache: TieredCache over guard.v1.Verdict, encoded as its protobuf bytes. Both apps
// key a scan the same way, so a verdict computed by any replica serves every other one.
import { Verdict, type VaultEntry } from '@ollama-guard/contracts';
import { entryId, type EntryId } from './cache.key.js';
import { TieredCache, type ValueCodec } from './tiered.cache.js';

export const VERDICT_CODEC: ValueCodec<Verdict> = {
  encode: (verdict) => Verdict.encode(verdict).finish(),
  decode: (bytes) => Verdict.decode(bytes),
};

export class VerdictCache extends TieredCache<Verdict> {}

export function promptEntry(fingerprint: string, texts: readonly string[]): EntryId {
  return entryId({ fingerprint, direction: 'input', texts });
}

/** An answer's verdict depends on the prompt (relevance-style scanners) and the vault (deanonymize). */
export function outputEntry(fingerprint: string, prompt: string, output: string, vault: readonly VaultEntry[]): EntryId {
  return entryId({ fingerprint, direction: 'output', texts: [output], context: [prompt, ...vault.flatMap((v) => [v.placeholder, v.original])] });
}

/** Only complete verdicts are worth keeping: never one with a failed scanner. */
export function isCacheableVerdict(verdict: Verdict): boolean {
  return verdict.fingerprint !== '' && verdict.results.every((result) => !result.error);
}
