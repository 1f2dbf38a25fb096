/**
 * npm run eval:models [-- --data <dir>] [--only <model>] [--no-cards] [--models <dir>] [--hide-held-out] [--held-out-errors]
 *
 * Scores every shipped model on the held-out split (recomputed from the data files with the seed
 * recorded in the model's classifier.json), side by side with a baseline (llm_guardrail for the
 * prompt models, obscenity's word list for toxicity), plus the hand-written generalization probes
 * and single-threaded latency; prints the tables and writes models/<name>/MODEL_CARD.md.
 *
 * The model's heldOutProbeBatch is the held-out estimate: it is reported on its own, left out
 * of the threshold sweep and of the printed probe errors (unless --held-out-errors), and
 * --hide-held-out drops it entirely, for evaluation runs made while tuning.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CompactClassifier, loadClassifier, type TextClassifier } from '@ollama-guard/classifier';
import { llmGuardrail, obscenityWordList, type Baseline } from './baselines.js';
import { dataDirFromArgs, loadDataFile, type DataFile, type Row } from './dataset.js';
import { binaryMetrics, fmt, percentile, type BinaryMetrics } from './metrics.js';
import { DEV_PROBES_LABEL, MODEL_SPECS, earlierHeldOutLabel, heldOutLabel, specByName, type ModelSpec } from './model.specs.js';
import { writeModelCard, type CardInput } from './model-card.writer.js';
import { arg } from './cli.args.js';


export interface SourceResult {
  source: string;
  model: BinaryMetrics;
  baseline: BinaryMetrics;
}

function baselineFor(spec: ModelSpec): Baseline {
  if (spec.name === 'toxicity') return obscenityWordList();
  if (spec.name === 'harmful-request') return llmGuardrail(['malicious']);
  return llmGuardrail(['injection', 'jailbreak']);
}

async function scoreAll(classifier: TextClassifier, texts: string[]): Promise<number[]> {
  const risks: number[] = [];
  for (let i = 0; i < texts.length; i += 64) {
    const scores = await classifier.classify(texts.slice(i, i + 64));
    risks.push(...scores.map((s) => classifier.risk(s)));
  }
  return risks;
}

function perSource(rows: Row[], positive: (r: Row) => boolean, model: boolean[], baseline: boolean[]): SourceResult[] {
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const pick = (src: string | null, flags: boolean[]) => {
    const idx = rows.map((r, i) => (src === null || r.source === src ? i : -1)).filter((i) => i >= 0);
    return binaryMetrics(idx.map((i) => positive(rows[i]!)), idx.map((i) => flags[i]!));
  };
  return [...sources.map((s) => ({ source: s, model: pick(s, model), baseline: pick(s, baseline) })), { source: 'TOTAL', model: pick(null, model), baseline: pick(null, baseline) }];
}

function printTable(title: string, modelName: string, baselineName: string, results: SourceResult[]): void {
  console.log(`\n${title}\n${''.padEnd(28)}${''.padEnd(6)}${''.padEnd(6)} | ${modelName.padEnd(31)} | ${baselineName}`);
  console.log(`${'source'.padEnd(28)}${'n'.padStart(6)}${'pos'.padStart(6)} |  prec   rec    F1    FPR   | prec   rec    F1    FPR`);
  for (const r of results) {
    const m = r.model;
    const b = r.baseline;
    console.log(
      `${r.source.padEnd(28)}${String(m.n).padStart(6)}${String(m.positives).padStart(6)} | ${fmt(m.precision)} ${fmt(m.recall)} ${fmt(m.f1)} ${fmt(m.fpr)}  | ${fmt(b.precision)} ${fmt(b.recall)} ${fmt(b.f1)} ${fmt(b.fpr)}`,
    );
  }
}

/** A realistic 1,000-character prompt built from benign validation rows. */
function latencyPrompt(rows: Row[]): string {
  let text = '';
  for (const r of rows) {
    if (text.length >= 1000) break;
    text += `${r.text} `;
  }
  return text.padEnd(1000, ' lorem ipsum').slice(0, 1000);
}

export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  featurizeP50: number;
  batch32PerText: number;
}

async function measureLatency(classifier: TextClassifier, text: string): Promise<Latency> {
  for (let i = 0; i < 300; i++) await classifier.classify([text]);
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await classifier.classify([text]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const feat: number[] = [];
  if (classifier instanceof CompactClassifier) {
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      classifier.featurizeWindows(text);
      feat.push(performance.now() - t);
    }
    feat.sort((a, b) => a - b);
  }
  const batch = Array.from({ length: 32 }, (_, i) => `${i} ${text}`.slice(0, 1000));
  await classifier.classify(batch);
  const tb = performance.now();
  for (let i = 0; i < 50; i++) await classifier.classify(batch);
  const batchPerText = (performance.now() - tb) / 50 / 32;
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length, featurizeP50: percentile(feat, 50), batch32PerText: batchPerText };
}

const SWEEP = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

async function evaluate(spec: ModelSpec, dataDir: string, modelsDir: string, cards: boolean): Promise<void> {
  const dir = join(modelsDir, spec.name);
  const manifest = JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')) as { training: { seed: number; data: Array<{ file: string; sha256: string }> } };
  const files: Record<string, DataFile> = {};
  for (const f of spec.dataFiles) {
    files[f] = loadDataFile(dataDir, f);
    const recorded = manifest.training.data.find((d) => d.file === f);
    if (recorded && recorded.sha256 !== files[f]!.sha256) console.warn(`WARNING ${f}: sha256 differs from the one ${spec.name} was trained on; the held-out split is not the training one`);
  }
  const seed = manifest.training.seed;
  const data = spec.build(files, seed);
  const rows = data.validationRows;
  const positive = (r: Row) => spec.positiveDataLabels.includes(r.label);

  const classifier = await loadClassifier(dir, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const baseline = baselineFor(spec);
  const risks = await scoreAll(classifier, rows.map((r) => r.text));
  const flags = risks.map((r) => r >= classifier.threshold);
  const baseFlags = await baseline.detect(rows.map((r) => r.text));
  const validation = perSource(rows, positive, flags, baseFlags);

  const hideHeldOut = process.argv.includes('--hide-held-out');
  const heldBatch = spec.heldOutProbeBatch;
  const isHeld = (r: Row) => r.source.startsWith(heldBatch);
  const probeRows = readFileSync(spec.probeFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => !(hideHeldOut && isHeld(r)));
  const probePositive = (r: Row) => spec.positiveDataLabels.includes(r.label);
  const probeRisks = await scoreAll(classifier, probeRows.map((r) => r.text));
  const probeFlags = probeRisks.map((r) => r >= classifier.threshold);
  const probeBase = await baseline.detect(probeRows.map((r) => r.text));
  const probes = perSource(probeRows, probePositive, probeFlags, probeBase);
  const subtotal = (source: string, idx: number[]): SourceResult => ({
    source,
    model: binaryMetrics(idx.map((i) => probePositive(probeRows[i]!)), idx.map((i) => probeFlags[i]!)),
    baseline: binaryMetrics(idx.map((i) => probePositive(probeRows[i]!)), idx.map((i) => probeBase[i]!)),
  });
  // Development batches guided templates and hyperparameters; the held-out batch is reported on its own.
  const dev = probeRows.map((r, i) => (isHeld(r) ? -1 : i)).filter((i) => i >= 0);
  const held = probeRows.map((r, i) => (isHeld(r) ? i : -1)).filter((i) => i >= 0);
  const earlier = (spec.earlierHeldOutBatches ?? []).map((b) => subtotal(earlierHeldOutLabel(b), probeRows.map((r, i) => (r.source.startsWith(b) ? i : -1)).filter((i) => i >= 0)));
  probes.splice(probes.length - 1, 0, ...earlier, subtotal(DEV_PROBES_LABEL, dev), ...(held.length > 0 ? [subtotal(heldOutLabel(heldBatch), held)] : []));

  const sweep = SWEEP.map((t) => ({
    threshold: t,
    validation: binaryMetrics(rows.map(positive), risks.map((r) => r >= t)),
    probes: binaryMetrics(dev.map((i) => probePositive(probeRows[i]!)), dev.map((i) => probeRisks[i]! >= t)),
  }));

  const latency = await measureLatency(classifier, latencyPrompt(rows.filter((r) => !positive(r))));

  console.log(`\n======== ${spec.name} (threshold ${classifier.threshold}, version ${classifier.version.slice(0, 16)}) ========`);
  printTable('held-out validation split (per source)', spec.name, baseline.name, validation);
  printTable(`generalization probes (hand-written; earlier batches guided development, ${heldBatch} is held out)`, spec.name, baseline.name, probes);
  console.log('\nthreshold sweep (totals):   validation: prec   rec    F1    FPR   | dev probes: prec   rec    F1    FPR');
  for (const s of sweep) {
    console.log(`  ${s.threshold.toFixed(2)}${''.padEnd(26)}${fmt(s.validation.precision)} ${fmt(s.validation.recall)} ${fmt(s.validation.f1)} ${fmt(s.validation.fpr)} |             ${fmt(s.probes.precision)} ${fmt(s.probes.recall)} ${fmt(s.probes.f1)} ${fmt(s.probes.fpr)}`);
  }
  console.log(`\nlatency, one 1,000-char prompt, 1 thread: p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms (featurize p50 ${latency.featurizeP50.toFixed(3)} ms); batch of 32: ${latency.batch32PerText.toFixed(3)} ms/text`);
  const showHeld = process.argv.includes('--held-out-errors');
  const misses = probeRows
    .map((r, i) => ({ r, risk: probeRisks[i]! }))
    .filter(({ r, risk }) => (showHeld || !isHeld(r)) && probePositive(r) !== risk >= classifier.threshold);
  if (misses.length > 0) console.log(`probe errors${showHeld ? '' : ` (${heldBatch} not shown)`}:\n${misses.map(({ r, risk }) => `  ${r.source} risk ${risk.toFixed(2)}: ${r.text.slice(0, 110).replace(/\n/g, ' ')}`).join('\n')}`);

  if (cards) {
    const input: CardInput = {
      spec,
      dir,
      manifest: JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')),
      onnxBytes: statSync(join(dir, 'model.onnx')).size,
      version: classifier.version,
      baselineName: baseline.name,
      validation,
      probes,
      sweep,
      latency,
    };
    await writeFile(join(dir, 'MODEL_CARD.md'), writeModelCard(input));
    console.log(`wrote ${join(dir, 'MODEL_CARD.md')}`);
  }
  await classifier.dispose();
}

async function main(): Promise<void> {
  const dataDir = dataDirFromArgs(process.argv.slice(2));
  const modelsDir = resolve(arg('models') ?? 'models');
  const only = arg('only')?.split(',');
  const specs = only ? only.map(specByName) : MODEL_SPECS;
  // A card always reports the held-out batch, so a run that hides it writes none.
  const cards = !process.argv.includes('--no-cards') && !process.argv.includes('--hide-held-out');
  for (const spec of specs) await evaluate(spec, dataDir, modelsDir, cards);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
