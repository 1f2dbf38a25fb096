// k8s/: every overlay renders with the real `kubectl kustomize`, validates against the Kubernetes
// schemas, and deploys the same apps as the chart (release `ollama-guard`): names, ports, probes,
// security context and environment. The components generated from the chart are up to date.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { find, helm, kubectl, parseObjects, podSpec, ROOT, type K8sObject } from './chart.support.js';
import { validateObjects } from './k8s.validate.js';

const overlays = readdirSync(join(ROOT, 'k8s/overlays')).sort();
const kustomize = async (path: string) => parseObjects(await kubectl(['kustomize', join(ROOT, path)]));
const APPS = ['ollama-guard-gateway', 'ollama-guard-guard-inference'];

describe('k8s/ (kustomize)', () => {
  let chart: K8sObject[];
  beforeAll(async () => {
    chart = parseObjects((await helm(['template', 'ollama-guard', join(ROOT, 'charts/ollama-guard'), '--namespace', 'ollama-guard'])).stdout);
  });

  it('has the dev, prod and sentinel overlays', () => {
    expect(overlays).toEqual(['dev', 'prod', 'sentinel']);
  });

  it.each(['k8s/base', ...overlays.map((o) => `k8s/overlays/${o}`)])('%s renders objects that validate against the Kubernetes schemas', async (path) => {
    const objects = await kustomize(path);
    expect(objects.length).toBeGreaterThan(5);
    expect(await validateObjects(objects)).toEqual([]);
  });

  it('the base deploys the chart’s apps: same names, ports, probes, security context, volumes and environment names', async () => {
    const base = await kustomize('k8s/base');
    for (const name of APPS) {
      const [ours, theirs] = [podSpec(find(base, 'Deployment', name)), podSpec(find(chart, 'Deployment', name))];
      const [a, b] = [ours.containers[0], theirs.containers[0]];
      for (const field of ['name', 'ports', 'startupProbe', 'livenessProbe', 'readinessProbe', 'securityContext', 'resources', 'lifecycle', 'volumeMounts']) expect(a[field], `${name} ${field}`).toEqual(b[field]);
      for (const field of ['securityContext', 'automountServiceAccountToken', 'terminationGracePeriodSeconds', 'topologySpreadConstraints']) expect(ours[field], `${name} ${field}`).toEqual(theirs[field]);
      // The chart adds Redis; the base runs without it (components add it).
      const envNames = (c: { env: { name: string }[] }) => c.env.map((e) => e.name).filter((n) => !n.startsWith('REDIS_'));
      expect(envNames(a), name).toEqual(envNames(b));
    }
    for (const name of ['ollama-guard-gateway', 'ollama-guard-guard-inference-headless']) {
      expect(find(base, 'Service', name).spec, name).toEqual(find(chart, 'Service', name).spec);
    }
  });

  it('the Redis and NetworkPolicy components are what the chart renders (k8s/components/generate.mjs --check)', async () => {
    await expect(promisify(execFile)(process.execPath, [join(ROOT, 'k8s/components/generate.mjs'), '--check'])).resolves.toBeDefined();
  });

  it('dev: one replica each, standalone Redis with a generated Secret that every reference follows', async () => {
    const objects = await kustomize('k8s/overlays/dev');
    expect(objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'ollama-guard-dev')).toBe(true);
    const secret = objects.find((o) => o.kind === 'Secret')!;
    expect(secret.metadata.name).toMatch(/^ollama-guard-redis-[a-z0-9]+$/);
    for (const name of APPS) {
      const deployment = find(objects, 'Deployment', name);
      expect(deployment.spec.replicas).toBe(1);
      const env = podSpec(deployment).containers[0].env as { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[];
      expect(env.find((e) => e.name === 'REDIS_PASSWORD')?.valueFrom?.secretKeyRef.name).toBe(secret.metadata.name);
      expect(env.find((e) => e.name === 'CACHE_BACKEND')?.value).toBe('auto');
    }
    expect(find(objects, 'StatefulSet', 'ollama-guard-redis-node').spec.replicas).toBe(1);
  });

  it('prod: released images, HPAs owning the replica counts, Sentinel, network policies', async () => {
    const objects = await kustomize('k8s/overlays/prod');
    for (const name of APPS) {
      const deployment = find(objects, 'Deployment', name);
      expect(deployment.spec.replicas).toBeUndefined();
      expect(podSpec(deployment).containers[0].image).toMatch(/^ghcr\.io\/ollama-guard\/(gateway|guard-inference):0\.1\.0$/);
      expect(find(objects, 'HorizontalPodAutoscaler', name).spec.behavior.scaleDown).toBeDefined();
    }
    const sts = find(objects, 'StatefulSet', 'ollama-guard-redis-node');
    expect(sts.spec.replicas).toBe(3);
    expect(find(objects, 'Service', 'ollama-guard-redis-headless').spec.publishNotReadyAddresses).toBe(true);
    const env = podSpec(find(objects, 'Deployment', 'ollama-guard-gateway')).containers[0].env as { name: string; value?: string }[];
    expect(env.find((e) => e.name === 'REDIS_MODE')?.value).toBe('sentinel');
    expect(env.find((e) => e.name === 'REDIS_SENTINELS')?.value?.split(',')).toHaveLength(3);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual(['ollama-guard-gateway', 'ollama-guard-guard-inference', 'ollama-guard-redis']);
    expect(JSON.stringify(objects)).not.toContain('dev-only-password');
  });
});
