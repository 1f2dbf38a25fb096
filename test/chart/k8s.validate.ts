// Validates rendered objects against the Kubernetes OpenAPI schemas shipped by kubernetes-models
// (types, enums, required fields) and the Prometheus Operator's CRD schemas. KEDA's ScaledObject
// has no model here: its shape is checked by the chart tests directly.
import type { K8sObject } from './chart.support.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: object) => Model;

const cache = new Map<string, ModelClass | null>();

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | null> {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key)!;
  const path =
    apiVersion.startsWith('monitoring.coreos.com/')
      ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
      : apiVersion.startsWith('keda.sh/')
        ? null
        : `kubernetes-models/${apiVersion}/${kind}`;
  let model: ModelClass | null = null;
  if (path) {
    const mod = (await import(path)) as Record<string, ModelClass>;
    model = mod[kind] ?? null;
    if (!model) throw new Error(`no model for ${key}`);
  }
  cache.set(key, model);
  return model;
}

/** Problems found, one line per object (empty: all valid). Unknown kinds are problems too. */
export async function validateObjects(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const o of objects) {
    let Model: ModelClass | null;
    try {
      Model = await modelFor(o.apiVersion, o.kind);
    } catch (error) {
      problems.push(`${o.apiVersion} ${o.kind} ${o.metadata?.name}: ${(error as Error).message}`);
      continue;
    }
    if (!Model) continue;
    try {
      new Model(o).validate();
    } catch (error) {
      problems.push(`${o.kind} ${o.metadata?.name}: ${(error as Error).message}`);
    }
  }
  return problems;
}
