import type { HashingFeaturizerConfig } from '@ollama-guard/classifier';
import { generateAttacks, wrapHarmful } from './augment.attacks.js';
import { embedInLong, generateBenign, longBenign } from './augment.benign.js';
import { generateHarmfulData } from './augment.harmful.js';
import { generateImplicit } from './augment.implicit.js';
import { generateOrdinary } from './augment.ordinary.js';
import { generateShortEveryday, wrapInChat } from './augment.short.js';
import { generateAnswers, generateToxicity } from './augment.toxicity.js';
import { PROMPT_GUARD_FILE, TOXICITY_FILE, splitRows, type DataFile, type Row } from './dataset.js';
import type { MlpConfig } from './mlp.trainer.js';
import { Rng } from './prng.js';

/** One training example: text, model label, origin (data source or generator) and loss weight. */
export interface Example {
  text: string;
  label: string;
  source: string;
  weight: number;
}

export interface BuiltDataset {
  train: Example[];
  /** Held-out rows of the data files, mapped to model labels, with their original source. */
  validation: Example[];
  /** Original rows used for training / validation (before mapping), for provenance. */
  trainRows: Row[];
  validationRows: Row[];
  /** Generated rows per generator. */
  augmented: Record<string, number>;
}

export type ModelName = 'prompt-injection' | 'toxicity' | 'harmful-request';

export interface ModelSpec {
  name: ModelName;
  description: string;
  labels: string[];
  benignLabels: string[];
  dataFiles: string[];
  featurizer: HashingFeaturizerConfig;
  mlp: Omit<MlpConfig, 'buckets' | 'classes' | 'seed'>;
  /** Texts longer than this many normalized words are scored (and trained) in windows. */
  window: { words: number; stride: number };
  threshold: number;
  thresholdReason: string;
  /** Which original data labels count as positive (risky) when measuring the shipped model. */
  positiveDataLabels: string[];
  probeFile: string;
  /** Source prefix of the probe batch kept out of tuning (see heldOutLabel). */
  heldOutProbeBatch: string;
  /**
   * Earlier held-out batches, spent by a previous round (their errors may since have been looked
   * at): they count as development probes but are also reported on their own (see earlierHeldOutLabel).
   */
  earlierHeldOutBatches?: string[];
  build(files: Record<string, DataFile>, seed: number): BuiltDataset;
}

export const DEFAULT_SEED = 20251125;

/**
 * Probe batches (tools/train/probes/*.jsonl, source prefix probe, probe2, ...): the earlier batches
 * guided development (generator templates and hyperparameters were changed after seeing their
 * errors); each model's `heldOutProbeBatch` was written before its last tuning round and kept out
 * of it, and eval:models reports it on its own as the estimate for traffic from other origins.
 */
export const heldOutLabel = (batch: string) => `${batch} (held out) total`;
export const earlierHeldOutLabel = (batch: string) => `${batch} (earlier held-out) total`;
export const DEV_PROBES_LABEL = 'development probes total';

const FEATURIZER: HashingFeaturizerConfig = {
  type: 'hashed-ngrams',
  version: 1,
  buckets: 1 << 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  wordWeight: 1,
  charWeight: 1,
  sublinearTf: true,
  seed: 0x6f67, // "og"
};

const MLP_BASE: ModelSpec['mlp'] = {
  dim: 32,
  hidden: [],
  epochs: 5,
  batchSize: 128,
  lr: 0.01,
  weightDecay: 0,
  // Decay and label smoothing keep rare n-grams from deciding alone; on the probes they raised
  // recall on unseen attack styles at equal false-positive rate.
  embeddingWeightDecay: 0.01,
  featureDropout: 0.2,
  hiddenDropout: 0,
  labelSmoothing: 0.05,
  float16Embedding: true,
};

/** Weights so that every label carries the same total weight (rare classes are not drowned). */
function balance(examples: Example[]): Example[] {
  const total = new Map<string, number>();
  for (const e of examples) total.set(e.label, (total.get(e.label) ?? 0) + e.weight);
  const target = examples.reduce((s, e) => s + e.weight, 0) / total.size;
  return examples.map((e) => ({ ...e, weight: (e.weight * target) / total.get(e.label)! }));
}

const fromRow = (r: Row, label: string, weight = 1): Example => ({ text: r.text, label, source: r.source, weight });

/**
 * Short everyday chat turns ("hi Sam!", "thanks, that helped", "tell me a joke about owls") per
 * model. Each model draws them from its own derived stream, so the texts depend only on the seed
 * (tools/train/augment.short.spec.ts regenerates them to check none is a probe text).
 */
export const SHORT_EVERYDAY = { 'prompt-injection': 1500, 'harmful-request': 1500 } as const;
/** Attack / harmful twins: short attacks and harmful asks inside the same chat shells. */
const CHAT_WRAPPED = { 'prompt-injection': 800, 'harmful-request': 800 } as const;

/**
 * Toxicity: compositional implicit-hate rows and their benign twins (augment.implicit.ts) count
 * twice, davidson tweets (16k mostly profane "toxic" rows) half, so that identity-directed hate
 * without swear words is not drowned by profanity; before class balancing.
 */
const TOXICITY_WEIGHTS = { implicit: 2, davidson: 0.5 } as const;
const IMPLICIT_COUNTS = { hate: 8000, clean: 8000 } as const;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function shortEverydayFor(model: keyof typeof SHORT_EVERYDAY, seed: number) {
  return generateShortEveryday(Rng.derive(seed, `${model}/short-everyday`), SHORT_EVERYDAY[model]);
}

// ---------------------------------------------------------------------------------------------
// prompt-injection: benign | injection | jailbreak. Plain harmful requests (no attack wrapper) are
// negatives here: the model detects attempts to subvert instructions, and the separate
// harmful-request model judges what is being asked for.
// ---------------------------------------------------------------------------------------------
function buildPromptInjection(files: Record<string, DataFile>, seed: number): BuiltDataset {
  const { train, validation } = splitRows(files[PROMPT_GUARD_FILE]!.rows, seed);
  const rng = Rng.derive(seed, 'prompt-injection/augment');
  const benignTexts = train.filter((r) => r.label === 'benign').map((r) => r.text);
  const harmfulTexts = train.filter((r) => r.label === 'harmful').map((r) => r.text);
  const attacks = generateAttacks(rng, { override: 900, secret: 1200, delimiter: 400, contextSwitch: 400, embedded: 600, persona: 800 });
  const generated = [
    ...attacks,
    ...wrapHarmful(rng, harmfulTexts, 500),
    ...generateBenign(rng, { trigger: 2500, password: 500, security: 600, ordinary: 800, followUp: 500, carrier: 600 }),
    ...generateOrdinary(rng, 2500),
    ...longBenign(rng, benignTexts, 600),
    ...embedInLong(rng, benignTexts, attacks.filter((a) => a.source !== 'aug_embedded').map((a) => a.text), 400),
    ...shortEverydayFor('prompt-injection', seed),
    ...wrapInChat(
      Rng.derive(seed, 'prompt-injection/chat-wrapped'),
      [...attacks.filter((a) => (a.source === 'aug_secret_extraction' || a.source === 'aug_override') && wordCount(a.text) <= 24).map((a) => a.text), ...train.filter((r) => r.label === 'injection' && wordCount(r.text) <= 24).map((r) => r.text)],
      CHAT_WRAPPED['prompt-injection'],
      'injection',
      'aug_chat_wrapped_attack',
    ),
  ];
  const map = (r: Row) => (r.label === 'harmful' ? 'benign' : r.label);
  const examples = balance([...train.map((r) => fromRow(r, map(r))), ...generated.map((g) => ({ ...g, weight: 1 }))]);
  return { train: examples, validation: validation.map((r) => fromRow(r, map(r))), trainRows: train, validationRows: validation, augmented: countBy(generated) };
}

// ---------------------------------------------------------------------------------------------
// harmful-request: benign | harmful. Jailbreak and injection rows are left out (their wrappers are
// the prompt-injection model's business); benign security questions are the hard negatives.
// ---------------------------------------------------------------------------------------------
function buildHarmful(files: Record<string, DataFile>, seed: number): BuiltDataset {
  const { train, validation } = splitRows(files[PROMPT_GUARD_FILE]!.rows, seed);
  const keep = (r: Row) => r.label === 'benign' || r.label === 'harmful';
  const rng = Rng.derive(seed, 'harmful-request/augment');
  const benignGenerated = [
    ...generateBenign(rng, { trigger: 600, password: 300, security: 900, ordinary: 400, followUp: 100, carrier: 200 }),
    ...generateOrdinary(rng, 1000),
  ];
  const harmfulGenerated = generateHarmfulData(rng, { benign: 1600, harmful: 1400 });
  const generated = [
    ...benignGenerated,
    ...harmfulGenerated,
    ...shortEverydayFor('harmful-request', seed),
    ...wrapInChat(
      Rng.derive(seed, 'harmful-request/chat-wrapped'),
      [...harmfulGenerated.filter((g) => g.label === 'harmful').map((g) => g.text), ...train.filter((r) => r.label === 'harmful' && wordCount(r.text) <= 24).map((r) => r.text)],
      CHAT_WRAPPED['harmful-request'],
      'harmful',
      'aug_chat_wrapped_harmful',
    ),
  ];
  const examples = balance([...train.filter(keep).map((r) => fromRow(r, r.label)), ...generated.map((g) => ({ ...g, weight: 1 }))]);
  const trainRows = train.filter(keep);
  const validationRows = validation.filter(keep);
  return { train: examples, validation: validationRows.map((r) => fromRow(r, r.label)), trainRows, validationRows, augmented: countBy(generated) };
}

// ---------------------------------------------------------------------------------------------
// toxicity: clean | toxic, for prompts and answers. Benign prompt-guard rows (ordinary prompts,
// maths problems, role-play requests) are added as clean so ordinary traffic is not flagged.
// ---------------------------------------------------------------------------------------------
function buildToxicity(files: Record<string, DataFile>, seed: number): BuiltDataset {
  const { train, validation } = splitRows(files[TOXICITY_FILE]!.rows, seed);
  const prompts = splitRows(files[PROMPT_GUARD_FILE]!.rows, seed);
  const promptClean = prompts.train.filter((r) => r.label === 'benign');
  const rng = Rng.derive(seed, 'toxicity/augment');
  const generated = [
    ...generateToxicity(rng, { hate: 5000, insult: 1000, cleanIdentity: 4000, cleanThings: 800, identityFacts: 3000 }),
    ...generateOrdinary(rng, 1500).map((g) => ({ ...g, label: 'clean' })),
    // Own stream, so the other generated rows do not move with its size.
    ...generateAnswers(Rng.derive(seed, 'toxicity/answers'), 1500),
    // Own stream too, so the rows above are unchanged by it.
    ...generateImplicit(Rng.derive(seed, 'toxicity/implicit'), IMPLICIT_COUNTS),
  ];
  const examples = balance([
    ...train.map((r) => fromRow(r, r.label, r.source === 'davidson' ? TOXICITY_WEIGHTS.davidson : 1)),
    ...promptClean.map((r) => fromRow(r, 'clean', 0.5)),
    ...generated.map((g) => ({ ...g, weight: g.source.startsWith('aug_implicit') ? TOXICITY_WEIGHTS.implicit : 1 })),
  ]);
  return {
    train: examples,
    validation: validation.map((r) => fromRow(r, r.label)),
    trainRows: [...train, ...promptClean],
    validationRows: validation,
    augmented: countBy(generated),
  };
}

function countBy(rows: Array<{ source: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.source] = (out[r.source] ?? 0) + 1;
  return out;
}

export const MODEL_SPECS: ModelSpec[] = [
  {
    name: 'prompt-injection',
    description: 'Flags prompt injection (attempts to override or leak the system\'s instructions, including instructions hidden in documents) and jailbreaks (attempts to switch off the model\'s rules).',
    labels: ['benign', 'injection', 'jailbreak'],
    benignLabels: ['benign'],
    dataFiles: [PROMPT_GUARD_FILE],
    featurizer: FEATURIZER,
    mlp: MLP_BASE,
    window: { words: 384, stride: 96 },
    threshold: 0.5,
    thresholdReason:
      'Argmax-equivalent point. Raising it lowers the held-out FPR (about 0.02 at 0.5, under 0.01 at 0.7) but costs recall on attack styles from other origins (the probes lose several points of recall between 0.5 and 0.7), and recall is the harder target on unseen traffic while the benign probes are already at about 2% FPR.',
    positiveDataLabels: ['injection', 'jailbreak'],
    probeFile: 'tools/train/probes/prompt-injection.probes.jsonl',
    heldOutProbeBatch: 'probe5',
    build: buildPromptInjection,
  },
  {
    name: 'toxicity',
    description: 'Flags toxic text (insults, hate against identity groups, threats, obscene abuse) in prompts and answers.',
    labels: ['clean', 'toxic'],
    benignLabels: ['clean'],
    dataFiles: [TOXICITY_FILE, PROMPT_GUARD_FILE],
    // The shared featurizer (word weight 2 scored the same on the validation split and the
    // development probes, and a different featurizer would cost the guard a second featurization
    // of every prompt, since models with one featurizer share the feature vectors).
    featurizer: FEATURIZER,
    mlp: { ...MLP_BASE, hidden: [32], hiddenDropout: 0.1 },
    window: { words: 384, stride: 96 },
    threshold: 0.5,
    thresholdReason:
      'Argmax-equivalent point, kept after the implicit-hate retraining. Validation F1 is flat between 0.3 and 0.8 (0.946-0.948); development-probe F1 (batches 1-6) is 0.916 at 0.4 and 0.5 and 0.907-0.915 at 0.3 and 0.6, and 0.5 has the lower false-positive rate; lower thresholds buy hate recall with false positives on neutral sentences about identity groups about one for one. The held-out batch 7 played no part in the choice. Most held-out false positives are davidson tweets labelled neither that contain slurs or profanity.',
    positiveDataLabels: ['toxic'],
    probeFile: 'tools/train/probes/toxicity.probes.jsonl',
    heldOutProbeBatch: 'probe7',
    earlierHeldOutBatches: ['probe6'],
    build: buildToxicity,
  },
  {
    name: 'harmful-request',
    description: 'Flags plain requests for harmful content (weapons, malware, fraud, abuse), with or without an attack wrapper.',
    labels: ['benign', 'harmful'],
    benignLabels: ['benign'],
    dataFiles: [PROMPT_GUARD_FILE],
    featurizer: FEATURIZER,
    mlp: { ...MLP_BASE, hidden: [32], hiddenDropout: 0.1 },
    window: { words: 384, stride: 96 },
    threshold: 0.5,
    thresholdReason:
      'Argmax-equivalent point, lowered from 0.6. With the hidden layer and 1,500 short chat turns the benign short turns score low (probe_short_everyday FPR 0.018 anywhere between 0.5 and 0.7), so the threshold no longer has to absorb them; 0.5 gives held-out recall 0.947 at held-out FPR 0.013 (0.933 / 0.010 at 0.6). False positives on benign questions about dangerous topics (development probes, 30 prompts) stay at 6-7 of 30 from 0.4 to 0.65 and fall to 4 at 0.7, at 3 points of held-out recall. Note: held-out probe batch 5 was first scored at 0.6 by mistake (the threshold change had not been applied yet); 0.5 had been chosen before that and was kept although batch 5 scores better at 0.6 (F1 0.79 against 0.71, 2 against 5 of its 15 benign prompts flagged), because choosing by it would have spent the held-out batch.',
    positiveDataLabels: ['harmful'],
    probeFile: 'tools/train/probes/harmful-request.probes.jsonl',
    heldOutProbeBatch: 'probe5',
    build: buildHarmful,
  },
];

export function specByName(name: string): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown model "${name}" (known: ${MODEL_SPECS.map((s) => s.name).join(', ')})`);
  return spec;
}
