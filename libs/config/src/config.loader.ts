// Sources, highest first: environment variables, the YAML file named by CONFIG_FILE, defaults.
// Every problem is collected and reported at once, each naming its key, so start-up fails fast
// with everything an operator needs to fix.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InvalidValue, type KeySpec } from './config.keys.js';
import { configChecks } from './config.checks.js';
import { configSchema, type AppConfig } from './config.schema.js';

export const CONFIG_FILE_ENV = 'CONFIG_FILE';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigEntry {
  /** Dotted YAML path, e.g. `upstream.url`. */
  path: string;
  spec: KeySpec<unknown>;
}

type Env = Record<string, string | undefined>;
type Tree = { [key: string]: unknown };

const isSpec = (node: unknown): node is KeySpec<unknown> => typeof (node as KeySpec<unknown>)?.parse === 'function';
const isObject = (node: unknown): node is Tree => typeof node === 'object' && node !== null && !Array.isArray(node);

/** Every leaf of the schema with its dotted path, in declaration order. */
export function configEntries(schema: object = configSchema, prefix = ''): ConfigEntry[] {
  return Object.entries(schema).flatMap(([key, node]) =>
    isSpec(node) ? [{ path: prefix + key, spec: node }] : configEntries(node as object, `${prefix}${key}.`),
  );
}

export interface LoadConfigOptions {
  env?: Env;
  /** YAML file; defaults to the CONFIG_FILE environment variable. */
  file?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  const file = options.file ?? (env[CONFIG_FILE_ENV] || undefined);
  const yaml = file ? readYaml(file, problems) : {};
  const entries = configEntries();
  if (file) checkUnknownKeys(yaml, new Set(entries.flatMap((e) => [e.path, ...(e.spec.yaml ?? [])])), file, problems);

  const result: Tree = {};
  for (const { path, spec } of entries) {
    const fromEnv = spec.env.find((name) => env[name] !== undefined && env[name] !== '');
    const filePath = [path, ...(spec.yaml ?? [])].find((p) => valueAt(yaml, p) !== undefined) ?? path;
    const fromFile = valueAt(yaml, filePath);
    const [raw, source] =
      fromEnv !== undefined ? [env[fromEnv], `env ${fromEnv}`] : fromFile !== undefined ? [fromFile, `${file} ${filePath}`] : [undefined, ''];
    let value = spec.default;
    if (raw !== undefined) {
      try {
        value = spec.parse(raw);
      } catch (error) {
        if (!(error instanceof InvalidValue)) throw error;
        problems.push(`${path} (${source}): ${error.message}`);
      }
    }
    if (spec.overlay) {
      try {
        value = spec.overlay(env, value);
      } catch (error) {
        if (!(error instanceof InvalidValue)) throw error;
        problems.push(`${path} (env): ${error.message}`);
      }
    }
    assign(result, path, value);
  }
  // Rules spanning several keys only make sense once every key parsed.
  if (problems.length === 0) for (const check of configChecks) problems.push(...check(result as unknown as AppConfig));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(result) as unknown as AppConfig;
}

function readYaml(file: string, problems: string[]): Tree {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${CONFIG_FILE_ENV}: cannot read ${file}: ${(error as Error).message}`);
    return {};
  }
  try {
    const doc: unknown = parseYaml(text) ?? {};
    if (isObject(doc)) return doc;
    problems.push(`${file}: expected a mapping of sections at the top level`);
  } catch (error) {
    problems.push(`${file}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return {};
}

function checkUnknownKeys(tree: Tree, known: Set<string>, file: string, problems: string[], prefix = ''): void {
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix + key;
    if (known.has(path)) continue;
    const isSection = [...known].some((k) => k.startsWith(`${path}.`));
    if (isSection && isObject(node)) checkUnknownKeys(node, known, file, problems, `${path}.`);
    else if (isSection) problems.push(`${path} (${file}): expected a section (mapping), got ${JSON.stringify(node)}`);
    else problems.push(`${path} (${file}): unknown key`);
  }
}

function valueAt(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) node = isObject(node) ? node[part] : undefined;
  return node ?? undefined;
}

function assign(tree: Tree, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
  node[parts[parts.length - 1]] = value;
}

function deepFreeze<T>(value: T): T {
  if (isObject(value) || Array.isArray(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
