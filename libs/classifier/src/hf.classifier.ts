import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { z } from 'zod';
import type { LabelScores, LoadClassifierOptions, TextClassifier } from './classifier.types.js';
import { mergeWindowScores, riskScore } from './classifier.types.js';
import { readJsonFile } from './json.file.js';
import { ModelLoadError } from './model-load.error.js';
import { int64TensorFrom, openSession, ort } from './onnx.session.js';

const hfConfigSchema = z
  .object({
    id2label: z.record(z.string(), z.string()).refine((m) => Object.keys(m).length > 0, 'must name at least one label'),
    max_position_embeddings: z.number().int().positive().optional(),
    problem_type: z.string().nullable().optional(),
    pad_token_id: z.number().int().nullable().optional(),
    model_type: z.string().optional(),
  })
  .loose();

const tokenizerJsonSchema = z.object({ model: z.object({ type: z.string().optional() }).loose() }).loose();

const tokenizerConfigSchema = z
  .object({ model_max_length: z.number().optional(), pad_token: z.union([z.string(), z.object({ content: z.string() }).loose()]).nullable().optional() })
  .loose();

/** Label names that mean "nothing wrong" when a model's config does not say otherwise. */
const BENIGN_NAME = /^(safe|benign|clean|legit(imate)?|neutral|normal|ok|none|negative|non[-_ ]?toxic|not[-_ ]?toxic|no[-_ ]?injection|label_0)$/i;

/** Files that make a directory a Hugging Face model directory (the model may also sit in onnx/). */
export const HF_FILES = { config: 'config.json', tokenizer: 'tokenizer.json', tokenizerConfig: 'tokenizer_config.json', model: 'model.onnx' } as const;

/**
 * A Hugging Face sequence classifier exported to ONNX (optimum's export layout). Texts longer than
 * the model's window are split into overlapping token windows; each window gets the model's own
 * special tokens, and the riskiest window decides (mergeWindowScores).
 */
export class HfClassifier implements TextClassifier {
  readonly format = 'hf' as const;
  readonly maxBatch: number;
  readonly threshold: number;
  readonly benignLabels: readonly string[];
  readonly maxLength: number;
  readonly stride: number;

  private constructor(
    readonly name: string,
    readonly labels: readonly string[],
    readonly version: string,
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly multiLabel: boolean,
    private readonly special: { prefix: number[]; suffix: number[]; pad: number },
    maxLength: number,
    opts: LoadClassifierOptions,
  ) {
    this.maxBatch = opts.maxBatch ?? 8;
    this.threshold = opts.threshold ?? 0.5;
    this.benignLabels = opts.benignLabels ?? labels.filter((l) => BENIGN_NAME.test(l));
    this.maxLength = maxLength;
    const body = maxLength - special.prefix.length - special.suffix.length;
    if (body < 2) throw new ModelLoadError(name, `maxLength ${maxLength} leaves no room for text besides the special tokens`);
    this.stride = Math.min(opts.stride ?? Math.floor(body / 4), body - 1);
  }

  static async load(dir: string, name: string, opts: LoadClassifierOptions = {}): Promise<HfClassifier> {
    // optimum writes everything to one directory; Hub repositories often keep the ONNX files in onnx/.
    const base = !existsSync(join(dir, HF_FILES.model)) && existsSync(join(dir, 'onnx', HF_FILES.model)) ? join(dir, 'onnx') : dir;
    const pick = (file: string) => (existsSync(join(base, file)) ? join(base, file) : join(dir, file));
    const config = await readJsonFile(pick(HF_FILES.config), hfConfigSchema);
    const tokenizerPath = pick(HF_FILES.tokenizer);
    const tokenizerJson = await readJsonFile(tokenizerPath, tokenizerJsonSchema);
    const tokenizerConfigPath = pick(HF_FILES.tokenizerConfig);
    const tokenizerConfig = existsSync(tokenizerConfigPath) ? await readJsonFile(tokenizerConfigPath, tokenizerConfigSchema) : {};

    const ids = Object.keys(config.id2label).map(Number);
    if (ids.some((i) => !Number.isInteger(i) || i < 0)) throw new ModelLoadError(pick(HF_FILES.config), 'invalid id2label: keys must be label indices 0..n-1');
    const labels = ids.sort((a, b) => a - b).map((i, k) => {
      if (i !== k) throw new ModelLoadError(pick(HF_FILES.config), `invalid id2label: missing label ${k}`);
      return config.id2label[String(i)]!;
    });

    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (err) {
      throw new ModelLoadError(tokenizerPath, `unsupported tokenizer: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const special = specialTokens(tokenizer, tokenizerJson as Record<string, unknown>, tokenizerConfig, config.pad_token_id ?? undefined);

    const modelMax = tokenizerConfig.model_max_length !== undefined && tokenizerConfig.model_max_length < 1e6 ? tokenizerConfig.model_max_length : undefined;
    const maxLength = opts.maxLength ?? Math.min(512, modelMax ?? config.max_position_embeddings ?? 512);

    const { session, sha256 } = await openSession(join(base, HF_FILES.model), opts, { inputs: ['input_ids', 'attention_mask'] });
    return new HfClassifier(name, labels, sha256, session, tokenizer, config.problem_type === 'multi_label_classification', special, maxLength, opts);
  }

  risk(scores: LabelScores): number {
    if (!this.multiLabel) return riskScore(scores, this.benignLabels);
    let max = 0;
    for (const [label, p] of Object.entries(scores)) if (!this.benignLabels.includes(label)) max = Math.max(max, p);
    return max;
  }

  /** Token windows (with special tokens) covering a whole text. */
  windows(text: string): number[][] {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    const { prefix, suffix } = this.special;
    const body = this.maxLength - prefix.length - suffix.length;
    const wrap = (chunk: number[]) => [...prefix, ...chunk, ...suffix];
    if (ids.length <= body) return [wrap(ids)];
    const step = body - this.stride;
    const out: number[][] = [];
    for (let start = 0; ; start += step) {
      if (start + body >= ids.length) {
        out.push(wrap(ids.slice(ids.length - body)));
        return out;
      }
      out.push(wrap(ids.slice(start, start + body)));
    }
  }

  async classify(texts: string[]): Promise<LabelScores[]> {
    const owner: number[] = [];
    const windows: number[][] = [];
    texts.forEach((t, i) => {
      for (const w of this.windows(t)) {
        owner.push(i);
        windows.push(w);
      }
    });
    // Sorting by length keeps padding small when long and short texts share a call.
    const order = windows.map((_, k) => k).sort((a, b) => windows[a]!.length - windows[b]!.length || a - b);
    const perWindow: LabelScores[] = new Array(windows.length);
    for (let start = 0; start < order.length; start += this.maxBatch) {
      const chunk = order.slice(start, start + this.maxBatch);
      const scores = await this.run(chunk.map((k) => windows[k]!));
      chunk.forEach((k, j) => (perWindow[k] = scores[j]!));
    }
    const grouped: LabelScores[][] = texts.map(() => []);
    perWindow.forEach((s, k) => grouped[owner[k]!]!.push(s));
    return grouped.map((w) => mergeWindowScores(w, this.benignLabels));
  }

  private async run(batch: number[][]): Promise<LabelScores[]> {
    const width = Math.max(...batch.map((w) => w.length));
    const ids = new Int32Array(batch.length * width).fill(this.special.pad);
    const mask = new Int32Array(batch.length * width);
    batch.forEach((w, b) => {
      ids.set(w, b * width);
      mask.fill(1, b * width, b * width + w.length);
    });
    const dims = [batch.length, width];
    const feeds: Record<string, ort.Tensor> = { input_ids: int64TensorFrom(ids, dims), attention_mask: int64TensorFrom(mask, dims) };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = int64TensorFrom(new Int32Array(ids.length), dims);
    const outName = this.session.outputNames.includes('logits') ? 'logits' : this.session.outputNames[0]!;
    const out = await this.session.run(feeds);
    const logits = out[outName]!.data as Float32Array;
    const n = this.labels.length;
    if (logits.length !== batch.length * n) throw new Error(`${this.name}: model output "${outName}" has ${logits.length / batch.length} values per text, config.json has ${n} labels`);
    return batch.map((_, b) => {
      const row = Array.from(logits.subarray(b * n, (b + 1) * n));
      const probs = this.multiLabel ? row.map((x) => 1 / (1 + Math.exp(-x))) : softmax(row);
      const s: LabelScores = {};
      probs.forEach((p, j) => (s[this.labels[j]!] = p));
      return s;
    });
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function softmax(x: number[]): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Special tokens the tokenizer's post-processor wraps around one sequence, found by encoding a probe. */
function specialTokens(
  tokenizer: Tokenizer,
  tokenizerJson: Record<string, unknown>,
  tokenizerConfig: { pad_token?: string | { content: string } | null },
  configPad: number | undefined,
): { prefix: number[]; suffix: number[]; pad: number } {
  const probe = 'hello world';
  const plain: number[] = tokenizer.encode(probe, { add_special_tokens: false }).ids;
  const full: number[] = tokenizer.encode(probe, { add_special_tokens: true }).ids;
  let at = -1;
  for (let i = 0; i + plain.length <= full.length && at < 0; i++) if (plain.every((t: number, j: number) => full[i + j] === t)) at = i;
  const prefix = at >= 0 ? full.slice(0, at) : [];
  const suffix = at >= 0 ? full.slice(at + plain.length) : [];
  const padding = tokenizerJson.padding as { pad_id?: number } | null | undefined;
  const padName = typeof tokenizerConfig.pad_token === 'string' ? tokenizerConfig.pad_token : tokenizerConfig.pad_token?.content;
  const pad = padding?.pad_id ?? (padName !== undefined ? tokenizer.token_to_id(padName) : undefined) ?? configPad ?? tokenizer.token_to_id('[PAD]') ?? tokenizer.token_to_id('<pad>') ?? 0;
  return { prefix, suffix, pad };
}
