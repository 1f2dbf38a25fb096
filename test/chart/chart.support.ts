// Shared by the chart tests: the real helm and kubectl (extracted from the npm layer by
// scripts/k8s-tools.mjs), rendering into parsed objects, and lookups over them.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error plain ESM script without type declarations
import { k8sTools } from '../../scripts/k8s-tools.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHART = join(ROOT, 'charts/ollama-guard');
export const RELEASE = 'og';
export const NAMESPACE = 'guard';

const run = promisify(execFile);
const tools = k8sTools() as { helm: string; kubectl: string };
// helm keeps caches and plugins under $HOME; tests must not depend on or write to the user's.
const helmHome = mkdtempSync(join(tmpdir(), 'og-helm-'));
const helmEnv = { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') };

export async function helm(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(tools.helm, args, { env: helmEnv, maxBuffer: 64 * 1024 * 1024 });
}

export async function kubectl(args: string[]): Promise<string> {
  return (await run(tools.kubectl, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** A Kubernetes object as rendered (loosely typed: tests read paths they know). */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML rendered: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

export interface RenderOptions {
  /** Extra `--api-versions` (capabilities of the imagined cluster). */
  apiVersions?: string[];
  /** Release name (default `og`). */
  release?: string;
  /** Values files (paths relative to the chart, e.g. `ci/sentinel-values.yaml`), before `values`. */
  files?: string[];
}

/** `helm template` with values given as an object (written to a file, so types survive). */
export async function render(values: object = {}, options: RenderOptions = {}): Promise<K8sObject[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'og-values-')), 'values.yaml');
  writeFileSync(file, JSON.stringify(values));
  const args = ['template', options.release ?? RELEASE, CHART, '--namespace', NAMESPACE];
  for (const extra of options.files ?? []) args.push('-f', join(CHART, extra));
  args.push('-f', file);
  for (const api of options.apiVersions ?? []) args.push('--api-versions', api);
  const { stdout } = await helm(args);
  return parseObjects(stdout);
}

/** The error helm prints when rendering fails (schema or `fail`), or '' when it renders. */
export async function renderError(values: object, options: RenderOptions = {}): Promise<string> {
  try {
    await render(values, options);
    return '';
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}; rendered: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

export const names = {
  gateway: `${RELEASE}-ollama-guard-gateway`,
  guard: `${RELEASE}-ollama-guard-guard-inference`,
  guardHeadless: `${RELEASE}-ollama-guard-guard-inference-headless`,
  config: `${RELEASE}-ollama-guard`,
  redis: `${RELEASE}-redis`,
};

/** Every container of a workload's pod template (or of a Pod). */
export function podSpec(o: K8sObject): any {
  return o.kind === 'Pod' ? o.spec : o.spec.template.spec;
}
