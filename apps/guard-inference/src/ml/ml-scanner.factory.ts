import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shortHash, type Direction, type MlScannerFactory, type PolicyScanner, type ScanFinding } from '@ollama-guard/policy';
import { ScannerConfigError } from '@ollama-guard/scanners';
import type { InferencePool, ModelInfo, ModelSpec } from './inference.pool.js';

export interface MlScannerSpec {
  /** Key of the shipped model in the pool, and its directory name under `inference.models_dir`. */
  readonly model: string;
  readonly directions: readonly Direction[];
  /** How findings describe the risk ("prompt injection risk 0.97 ..."). */
  readonly subject: string;
}

export const ML_SCANNERS: Readonly<Record<string, MlScannerSpec>> = {
  prompt_injection: { model: 'prompt-injection', directions: ['input'], subject: 'prompt injection' },
  toxicity: { model: 'toxicity', directions: ['input', 'output'], subject: 'toxicity' },
  harmful_request: { model: 'harmful-request', directions: ['input'], subject: 'harmful request' },
};

/** The shipped model directories under `modelsDir`, keyed as the pool and ML_SCANNERS expect. */
export function defaultModelDirs(modelsDir: string): Record<string, string> {
  return Object.fromEntries(Object.values(ML_SCANNERS).map((s) => [s.model, join(modelsDir, s.model)]));
}

const OPTIONS = ['model_dir', 'max_length', 'stride'] as const;

interface ParsedOptions {
  model_dir?: string;
  max_length?: number;
  stride?: number;
}

export interface OnnxScannerFactoryOptions {
  /** Relative `model_dir` options start here (default: the working directory, like `inference.models_dir`). */
  readonly baseDir?: string;
}

/**
 * The ML scanners, backed by an InferencePool. The pool may be passed lazily (a function) because
 * Nest builds this factory before the pool has started; only create()/defaultThreshold() need it.
 */
export class OnnxScannerFactory implements MlScannerFactory {
  readonly names: readonly string[] = Object.keys(ML_SCANNERS);
  private readonly pool: () => InferencePool;
  private readonly baseDir: string;
  /** Loads started for model_dir / window options, by pool key, so ready() can report them. */
  private readonly loads = new Map<string, Promise<ModelInfo>>();

  constructor(pool: InferencePool | (() => InferencePool), options: OnnxScannerFactoryOptions = {}) {
    this.pool = typeof pool === 'function' ? pool : () => pool;
    this.baseDir = options.baseDir ?? process.cwd();
  }

  defaultThreshold(name: string): number {
    return this.shippedModel(name, specOf(name)).threshold;
  }

  create(name: string, direction: Direction, options: Readonly<Record<string, unknown>>): PolicyScanner {
    const spec = specOf(name);
    if (!spec.directions.includes(direction)) {
      throw new ScannerConfigError(`scanner "${name}" scans ${spec.directions.join(' and ')} only, not ${direction}`, name);
    }
    const opts = this.parseOptions(name, options);
    const optionsHash = shortHash(opts);
    const pool = this.pool();
    if (opts.model_dir === undefined && opts.max_length === undefined && opts.stride === undefined) {
      const info = this.shippedModel(name, spec);
      return new OnnxScanner(name, `${info.version}+${optionsHash}`, spec.subject, pool, spec.model, info);
    }
    const modelSpec: ModelSpec = { dir: opts.model_dir ?? this.shippedModel(name, spec).dir, maxLength: opts.max_length, stride: opts.stride };
    const window = opts.max_length !== undefined || opts.stride !== undefined ? `[max_length=${opts.max_length ?? 'default'},stride=${opts.stride ?? 'default'}]` : '';
    const key = `${opts.model_dir ?? spec.model}${window}`;
    // Reading a large mounted model just to hash it would block the event loop at policy build
    // time, so until it is loaded its version is a fingerprint of the directory's files.
    const modelVersion = opts.model_dir !== undefined ? `files:${directoryFingerprint(opts.model_dir)}` : this.shippedModel(name, spec).version;
    const load = pool.load(key, modelSpec);
    this.loads.set(key, load);
    // Reported by ready() and by every scan, not as an unhandled rejection.
    load.catch(() => undefined);
    return new OnnxScanner(name, `${modelVersion}+${optionsHash}`, spec.subject, pool, key, load);
  }

  /** Settles when every model a create() call started loading is loaded; rejects with the first load error. */
  async ready(): Promise<void> {
    await Promise.all(this.loads.values());
  }

  private shippedModel(name: string, spec: MlScannerSpec): ModelInfo {
    const info = this.pool().models()[spec.model];
    if (!info) throw new Error(`scanner "${name}": model "${spec.model}" is not loaded in the inference pool`);
    return info;
  }

  private parseOptions(name: string, raw: Readonly<Record<string, unknown>>): ParsedOptions {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScannerConfigError(`scanner "${name}": options must be a mapping`, name);
    const out: ParsedOptions = {};
    for (const [option, value] of Object.entries(raw)) {
      if (value === undefined || value === null) continue;
      const fail = (expected: string): never => {
        throw new ScannerConfigError(`scanner "${name}": option "${option}" ${expected}, got ${JSON.stringify(value)}`, name, option);
      };
      switch (option) {
        case 'model_dir': {
          if (typeof value !== 'string' || value.trim() === '') fail('must be a directory path');
          const dir = resolve(this.baseDir, value as string);
          let isDir = false;
          try {
            isDir = statSync(dir).isDirectory();
          } catch {
            fail(`must be an existing directory (${dir} not found)`);
          }
          if (!isDir) fail(`must be a directory (${dir} is a file)`);
          out.model_dir = dir;
          break;
        }
        case 'max_length':
          out.max_length = integer(value, 2) ?? fail('must be an integer >= 2');
          break;
        case 'stride':
          out.stride = integer(value, 0) ?? fail('must be an integer >= 0');
          break;
        default:
          throw new ScannerConfigError(`scanner "${name}": unknown option "${option}" (known: ${OPTIONS.join(', ')})`, name, option);
      }
    }
    if (out.max_length !== undefined && out.stride !== undefined && out.stride >= out.max_length) {
      throw new ScannerConfigError(`scanner "${name}": option "stride" must be smaller than max_length (${out.max_length}), got ${out.stride}`, name, 'stride');
    }
    return out;
  }
}

/** One ML scanner: a model key in the pool plus how to word its findings. */
export class OnnxScanner implements PolicyScanner {
  readonly kind = 'ml' as const;
  private info: ModelInfo | undefined;
  private readonly loading: Promise<ModelInfo> | undefined;

  constructor(
    readonly name: string,
    readonly version: string,
    private readonly subject: string,
    private readonly pool: InferencePool,
    /** The model's key in the pool. */
    readonly model: string,
    info: ModelInfo | Promise<ModelInfo>,
  ) {
    if (info instanceof Promise) this.loading = info;
    else this.info = info;
  }

  async scan(text: string): Promise<ScanFinding> {
    if (text.trim() === '') return { score: 0, reason: 'empty text' };
    // A model named by model_dir loads after the policy is built; a failed load fails every scan (rebuild the policy to retry).
    const info = this.info ?? (this.info = await this.loading!);
    const { scores, risk } = await this.pool.classify(this.model, text);
    return { score: risk, reason: `${this.subject} risk ${risk.toFixed(2)} (label ${riskiestLabel(scores, info.benignLabels)})` };
  }
}

function specOf(name: string): MlScannerSpec {
  const spec = ML_SCANNERS[name];
  if (!spec) throw new ScannerConfigError(`unknown ML scanner "${name}" (known: ${Object.keys(ML_SCANNERS).join(', ')})`, name);
  return spec;
}

/** The label that carries the risk; for an all-benign model output, the top label overall. */
function riskiestLabel(scores: Record<string, number>, benign: readonly string[]): string {
  let best: [string, number] | undefined;
  for (const [label, p] of Object.entries(scores)) if (!benign.includes(label) && (!best || p > best[1])) best = [label, p];
  if (best) return best[0];
  for (const [label, p] of Object.entries(scores)) if (!best || p > best[1]) best = [label, p];
  return best?.[0] ?? 'none';
}

function integer(value: unknown, min: number): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= min ? n : undefined;
}

/** Names, sizes and modification times of the files a loader may read (top level and onnx/). */
function directoryFingerprint(dir: string): string {
  const files: Array<[string, number, number]> = [];
  for (const sub of ['', 'onnx']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      try {
        const st = statSync(join(dir, sub, n));
        if (st.isFile()) files.push([join(sub, n), st.size, Math.trunc(st.mtimeMs)]);
      } catch {
        // Vanished between readdir and stat: the loader will report it.
      }
    }
  }
  return shortHash(files);
}
