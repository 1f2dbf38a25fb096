import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { murmur3 } from '@ollama-guard/classifier';

export interface Row {
  text: string;
  label: string;
  source: string;
}

export interface DataFile {
  /** Path relative to the data directory (recorded in provenance). */
  file: string;
  sha256: string;
  rows: Row[];
}

export const DEFAULT_DATA_DIR = '../shared/data';
export const PROMPT_GUARD_FILE = 'prompt-guard/train.jsonl';
export const TOXICITY_FILE = 'toxicity/train.jsonl';
/** Share of every (source, label) group held out for validation. */
export const VALIDATION_FRACTION = 0.2;

/** --data flag, else TRAINING_DATA_DIR, else ../shared/data (relative to the working directory). */
export function dataDirFromArgs(argv: string[]): string {
  const i = argv.indexOf('--data');
  const eq = argv.find((a) => a.startsWith('--data='));
  const dir = eq ? eq.slice('--data='.length) : i >= 0 ? argv[i + 1] : process.env.TRAINING_DATA_DIR;
  return resolve(dir && dir.length > 0 ? dir : DEFAULT_DATA_DIR);
}

export function loadDataFile(dataDir: string, file: string): DataFile {
  const path = join(dataDir, file);
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    throw new Error(`${path}: cannot read training data (${(err as NodeJS.ErrnoException).code ?? err}); pass --data <dir> or set TRAINING_DATA_DIR`);
  }
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const rows: Row[] = [];
  raw
    .toString('utf8')
    .split('\n')
    .forEach((line, n) => {
      if (line.trim() === '') return;
      const r = JSON.parse(line) as Partial<Row>;
      if (typeof r.text !== 'string' || typeof r.label !== 'string' || typeof r.source !== 'string') throw new Error(`${path}:${n + 1}: expected {text, label, source}`);
      rows.push({ text: r.text, label: r.label, source: r.source });
    });
  return { file, sha256, rows };
}

const encoder = new TextEncoder();

function rowKey(row: Row, seed: number): number {
  const b = encoder.encode(row.text);
  return murmur3(b, 0, b.length, seed);
}

/**
 * Deterministic split: within every (source, label) group, rows are ordered by a seeded hash of
 * their text and the first VALIDATION_FRACTION go to validation. Independent of file order, so the
 * evaluation script recomputes exactly the same held-out rows.
 */
export function splitRows(rows: Row[], seed: number, fraction = VALIDATION_FRACTION): { train: Row[]; validation: Row[] } {
  const groups = new Map<string, Array<{ row: Row; key: number; pos: number }>>();
  rows.forEach((row, pos) => {
    const g = `${row.source}\u0000${row.label}`;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push({ row, key: rowKey(row, seed), pos });
  });
  const held = new Set<number>();
  for (const members of groups.values()) {
    members.sort((a, b) => a.key - b.key || a.pos - b.pos);
    const n = Math.round(members.length * fraction);
    for (let i = 0; i < n; i++) held.add(members[i]!.pos);
  }
  const train: Row[] = [];
  const validation: Row[] = [];
  rows.forEach((row, pos) => (held.has(pos) ? validation : train).push(row));
  return { train, validation };
}

/** Row counts per source and label, for provenance and model cards. */
export function countRows(rows: Row[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of [...rows].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))) {
    out[r.source] ??= {};
    out[r.source]![r.label] = (out[r.source]![r.label] ?? 0) + 1;
  }
  return out;
}
