// The Helm chart, proven without a cluster: `helm lint --strict`, `helm template` with every
// example value set (charts/ollama-guard/ci/), each rendered object validated against the
// Kubernetes schemas, and the properties the chart promises checked on the rendered objects.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART, find, helm, names, NAMESPACE, ofKind, podSpec, render, renderError, type K8sObject } from './chart.support.js';
import { validateObjects } from './k8s.validate.js';

const MONITORING = 'monitoring.coreos.com/v1';
const valueFiles = readdirSync(join(CHART, 'ci')).filter((f) => f.endsWith('-values.yaml')).sort();
const workloads = (objects: K8sObject[]) => objects.filter((o) => ['Deployment', 'StatefulSet', 'Pod'].includes(o.kind));
const envOf = (container: { env?: { name: string; value?: string; valueFrom?: unknown }[] }) => Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

describe('helm lint', () => {
  it('passes --strict with the defaults and with every example value set', async () => {
    const { stdout } = await helm(['lint', '--strict', CHART]);
    expect(stdout).toContain('0 chart(s) failed');
    for (const file of valueFiles) {
      const result = await helm(['lint', '--strict', CHART, '-f', join(CHART, 'ci', file)]);
      expect(result.stdout, file).toContain('0 chart(s) failed');
    }
  }, 60_000);
});

describe.each(valueFiles)('helm template -f ci/%s', (file) => {
  let objects: K8sObject[];
  beforeAll(async () => {
    objects = await render({}, { files: [`ci/${file}`], apiVersions: [MONITORING] });
  });

  it('renders objects that validate against the Kubernetes schemas', async () => {
    expect(objects.length).toBeGreaterThan(5);
    expect(await validateObjects(objects)).toEqual([]);
  });

  it('puts every namespaced object in the release namespace and labels it', () => {
    for (const o of objects) {
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(NAMESPACE);
      expect(o.metadata.labels?.['app.kubernetes.io/instance'], `${o.kind}/${o.metadata.name}`).toBe('og');
      expect(o.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
    }
  });

  it('runs every container under the restricted security context with a read-only root filesystem and /tmp on an emptyDir', () => {
    for (const w of workloads(objects)) {
      const spec = podSpec(w);
      const where = `${w.kind}/${w.metadata.name}`;
      expect(spec.automountServiceAccountToken, where).toBe(false);
      expect(spec.securityContext, where).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser, where).toBeGreaterThan(0);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect(c.securityContext, `${where} ${c.name}`).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          privileged: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        const tmp = (c.volumeMounts ?? []).find((m: { mountPath: string }) => m.mountPath === '/tmp');
        expect(tmp, `${where} ${c.name} mounts /tmp`).toBeDefined();
        expect(spec.volumes.find((v: { name: string }) => v.name === tmp.name).emptyDir, `${where} /tmp is an emptyDir`).toBeDefined();
        expect(c.resources?.requests?.memory, `${where} ${c.name} requests memory`).toBeDefined();
        expect(c.resources?.limits?.memory, `${where} ${c.name} limits memory`).toBeDefined();
      }
    }
  });

  it('probes both apps: HTTP health paths on the admin port, gRPC health on guard-inference, a startup probe each', () => {
    const gateway = podSpec(find(objects, 'Deployment', names.gateway)).containers[0];
    expect(gateway.startupProbe.httpGet).toEqual({ path: '/health/startup', port: 'admin' });
    expect(gateway.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'admin' });
    expect(gateway.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'admin' });
    const guard = podSpec(find(objects, 'Deployment', names.guard)).containers[0];
    expect(guard.startupProbe.grpc).toEqual({ port: 50051, service: 'guard.v1.GuardService' });
    expect(guard.readinessProbe.grpc).toEqual({ port: 50051, service: 'guard.v1.GuardService' });
    expect(guard.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'admin' });
    // Enough time to load the models: at least a minute.
    expect(guard.startupProbe.periodSeconds * guard.startupProbe.failureThreshold).toBeGreaterThanOrEqual(60);
  });

  it('keeps the gateway grace period above its drain timeout plus the preStop pause', () => {
    const spec = podSpec(find(objects, 'Deployment', names.gateway));
    const env = envOf(spec.containers[0]);
    const preStop = Number(spec.containers[0].lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + Number(env.GATEWAY_SHUTDOWN_TIMEOUT_MS) / 1000);
  });

  it('points the gateway at every guard-inference pod through the headless Service', () => {
    const env = envOf(podSpec(find(objects, 'Deployment', names.gateway)).containers[0]);
    expect(env.GUARD_URL).toBe(`dns:///${names.guardHeadless}.${NAMESPACE}.svc.cluster.local:50051`);
    const headless = find(objects, 'Service', names.guardHeadless);
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.ports.map((p: { name: string }) => p.name)).toEqual(['grpc', 'admin']);
  });

  it('rolls the pods when the configuration changes (checksum annotations), and spreads them across zones and nodes', () => {
    for (const name of [names.gateway, names.guard]) {
      const template = find(objects, 'Deployment', name).spec.template;
      expect(template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
      const keys = template.spec.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey);
      expect(keys).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    }
  });

  it('has a PodDisruptionBudget selecting each app (the one-replica dev set turns them off)', () => {
    for (const name of [names.gateway, names.guard]) {
      if (file === 'dev-values.yaml') {
        expect(objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === name)).toBeUndefined();
        continue;
      }
      const pdb = find(objects, 'PodDisruptionBudget', name);
      expect(pdb.spec.maxUnavailable ?? pdb.spec.minAvailable).toBeDefined();
      expect(pdb.spec.selector.matchLabels).toEqual(find(objects, 'Deployment', name).spec.selector.matchLabels);
    }
  });

  it('sets only environment variables the apps read (the config schema), besides OTEL_* and CONFIG_FILE', async () => {
    const { configEntries } = await import('@ollama-guard/config');
    const known = new Set(configEntries().flatMap((e: { spec: { env: readonly string[] } }) => [...e.spec.env]));
    for (const name of [names.gateway, names.guard]) {
      for (const entry of podSpec(find(objects, 'Deployment', name)).containers[0].env as { name: string }[]) {
        if (entry.name.startsWith('OTEL_') || entry.name === 'CONFIG_FILE') continue;
        expect(known, `${name} ${entry.name}`).toContain(entry.name);
      }
    }
  });

  it('renders a config file the apps load as it is (known keys, valid values)', async () => {
    const { loadConfig } = await import('@ollama-guard/config');
    const dir = mkdtempSync(join(tmpdir(), 'og-config-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, find(objects, 'ConfigMap', names.config).data['config.yaml']);
    expect(() => loadConfig({ env: {}, file })).not.toThrow();
  });
});

describe('chart properties', () => {
  it('renders the bundled standalone Redis by default, with the apps wired to it and its password from its Secret', async () => {
    const objects = await render();
    const sts = find(objects, 'StatefulSet', `${names.redis}-node`);
    expect(sts.spec.replicas).toBe(1);
    expect(podSpec(sts).containers.map((c: { name: string; image: string }) => c.image)).toEqual(['redis:7.4-alpine']);
    const env = envOf(podSpec(find(objects, 'Deployment', names.gateway)).containers[0]);
    expect(env).toMatchObject({ REDIS_MODE: 'standalone', REDIS_HOST: `${names.redis}.${NAMESPACE}.svc.cluster.local`, REDIS_PORT: '6379' });
    expect(env.REDIS_PASSWORD).toEqual({ secretKeyRef: { name: names.redis, key: 'redis-password' } });
    expect(find(objects, 'Secret', names.redis).data['redis-password']).toBeDefined();
    const config = find(objects, 'ConfigMap', names.config).data['config.yaml'];
    expect(config).toContain('backend: auto');
  });

  it('Sentinel: a StatefulSet of Redis and Sentinel pairs, headless Service publishing not-ready addresses, hostnames announced, the quorum, every Sentinel given to the apps', async () => {
    const objects = await render({}, { files: ['ci/sentinel-values.yaml'] });
    const sts = find(objects, 'StatefulSet', `${names.redis}-node`);
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.serviceName).toBe(`${names.redis}-headless`);
    expect(podSpec(sts).containers.map((c: { name: string }) => c.name)).toEqual(['redis', 'sentinel']);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
    const headless = find(objects, 'Service', `${names.redis}-headless`);
    expect(headless.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    const scripts = find(objects, 'ConfigMap', names.redis).data;
    expect(scripts['start-sentinel.sh']).toContain('sentinel announce-hostnames yes');
    expect(scripts['start-sentinel.sh']).toContain('sentinel resolve-hostnames yes');
    expect(scripts['start-sentinel.sh']).toMatch(/sentinel monitor mymaster \$MASTER 6379 2/);
    expect(scripts['start-redis.sh']).toContain('replica-announce-ip');
    expect(find(objects, 'PodDisruptionBudget', names.redis).spec.maxUnavailable).toBe(1);
    const env = envOf(podSpec(find(objects, 'Deployment', names.guard)).containers[0]);
    const domain = `${names.redis}-headless.${NAMESPACE}.svc.cluster.local`;
    expect(env).toMatchObject({
      REDIS_MODE: 'sentinel',
      REDIS_SENTINEL_MASTER: 'mymaster',
      REDIS_SENTINELS: [0, 1, 2].map((i) => `${names.redis}-node-${i}.${domain}:26379`).join(','),
    });
    expect(env.REDIS_SENTINEL_PASSWORD).toEqual({ secretKeyRef: { name: names.redis, key: 'redis-password' } });
  });

  it('Sentinel scripts are valid shell', async () => {
    const { execFileSync } = await import('node:child_process');
    const scripts = find(await render({}, { files: ['ci/sentinel-values.yaml'] }), 'ConfigMap', names.redis).data as Record<string, string>;
    for (const [name, text] of Object.entries(scripts).filter(([n]) => n.endsWith('.sh'))) {
      expect(() => execFileSync('sh', ['-n'], { input: text }), name).not.toThrow();
    }
  });

  it('refuses a Sentinel setup that cannot keep a quorum', async () => {
    expect(await renderError({ redis: { architecture: 'sentinel', replicas: 2 } })).toContain('at least 3 pods');
    expect(await renderError({ redis: { architecture: 'sentinel', sentinel: { quorum: 4 } } })).toContain('quorum');
  });

  it('external Redis, standalone: no subchart, host, port, db, user, TLS with the CA mounted, password from the chart Secret', async () => {
    const objects = await render({}, { files: ['ci/external-standalone-values.yaml'] });
    expect(ofKind(objects, 'StatefulSet')).toEqual([]);
    const spec = podSpec(find(objects, 'Deployment', names.gateway));
    const env = envOf(spec.containers[0]);
    expect(env).toMatchObject({ REDIS_MODE: 'standalone', REDIS_HOST: 'my-redis.example.internal', REDIS_PORT: '6380', REDIS_DB: '2', REDIS_USERNAME: 'ollama-guard', REDIS_TLS: 'true', REDIS_TLS_CA: '/etc/ollama-guard/redis-ca/ca.pem' });
    expect(env.REDIS_PASSWORD).toEqual({ secretKeyRef: { name: `${names.config}-external-redis`, key: 'redis-password' } });
    expect(find(objects, 'Secret', `${names.config}-external-redis`).stringData['redis-password']).toBe('external-test-password');
    expect(spec.volumes.find((v: { name: string }) => v.name === 'redis-ca').secret.secretName).toBe('redis-ca');
  });

  it('external Redis, Sentinel: the Sentinels and both passwords from an existing Secret', async () => {
    const objects = await render({}, { files: ['ci/external-sentinel-values.yaml'] });
    const env = envOf(podSpec(find(objects, 'Deployment', names.guard)).containers[0]);
    expect(env).toMatchObject({ REDIS_MODE: 'sentinel', REDIS_SENTINEL_MASTER: 'cache' });
    expect(String(env.REDIS_SENTINELS).split(',')).toHaveLength(3);
    expect(env.REDIS_PASSWORD).toEqual({ secretKeyRef: { name: 'redis-credentials', key: 'password' } });
    expect(env.REDIS_SENTINEL_PASSWORD).toEqual({ secretKeyRef: { name: 'redis-credentials', key: 'sentinel-password' } });
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });

  it('external Redis, Cluster: the startup nodes, and network policies opening exactly their ports', async () => {
    const objects = await render({}, { files: ['ci/external-cluster-values.yaml'] });
    const env = envOf(podSpec(find(objects, 'Deployment', names.gateway)).containers[0]);
    expect(env).toMatchObject({ REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: 'redis-0.example.internal:7000,redis-1.example.internal:7001,redis-2.example.internal:7002' });
    expect(env.REDIS_DB).toBeUndefined();
    const egress = find(objects, 'NetworkPolicy', names.gateway).spec.egress as { ports: { port: number }[] }[];
    expect(egress.some((rule) => rule.ports.map((p) => p.port).join() === '7000,7001,7002')).toBe(true);
  });

  it('refuses both Redis at once, or an external mode without its endpoints', async () => {
    expect(await renderError({ externalRedis: { host: 'x' } })).toContain('redis.enabled=false');
    expect(await renderError({ redis: { enabled: false }, externalRedis: { mode: 'cluster', host: 'x' } })).toContain('externalRedis.clusterNodes is required');
  });

  it('existingSecret: no Secret created, the admin token and API keys read from it', async () => {
    const objects = await render({}, { files: ['ci/existing-secret-values.yaml'] });
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const spec = podSpec(find(objects, 'Deployment', names.gateway));
    const env = envOf(spec.containers[0]);
    expect(env.ADMIN_TOKEN).toEqual({ secretKeyRef: { name: 'ollama-guard-auth', key: 'admin-token', optional: true } });
    expect(env.API_KEYS_FILE).toBe('/etc/ollama-guard/api-keys/api-keys.yaml');
    expect(spec.volumes.find((v: { name: string }) => v.name === 'api-keys').secret.secretName).toBe('ollama-guard-auth');
    expect(env.REDIS_PASSWORD).toEqual({ secretKeyRef: { name: 'redis-auth', key: 'password' } });
    expect(find(objects, 'StatefulSet', `${names.redis}-node`)).toBeDefined();
  });

  it('production: streaming-friendly Ingress, HPA with behavior, KEDA instead of the guard HPA, ServiceMonitors, dashboard, tracing', async () => {
    const objects = await render({}, { files: ['ci/production-values.yaml'], apiVersions: [MONITORING] });
    const ingress = find(objects, 'Ingress', names.gateway);
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    });
    expect(ingress.spec.rules[0].http.paths[0].backend.service.port.name).toBe('http');
    expect(ingress.spec.tls[0].secretName).toBe('llm-example-com-tls');

    const hpa = find(objects, 'HorizontalPodAutoscaler', names.gateway);
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(hpa.spec.behavior.scaleUp.policies.length).toBeGreaterThan(0);
    expect(hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name)).toEqual(['cpu', 'memory']);
    expect(find(objects, 'Deployment', names.gateway).spec.replicas).toBeUndefined();
    expect(find(objects, 'Deployment', names.guard).spec.replicas).toBeUndefined();

    const scaled = find(objects, 'ScaledObject', names.guard);
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toHaveLength(1);
    expect(scaled.spec.scaleTargetRef.name).toBe(names.guard);
    expect(scaled.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown).toBeDefined();
    const prometheus = scaled.spec.triggers.find((t: { type: string }) => t.type === 'prometheus');
    expect(prometheus.metadata.query).toContain(`service="${names.guardHeadless}"`);
    expect(prometheus.metadata.query).not.toContain('{{');
    expect(scaled.spec.triggers.map((t: { type: string }) => t.type)).toEqual(['prometheus', 'cpu']);

    const monitors = ofKind(objects, 'ServiceMonitor');
    expect(monitors.map((m) => m.metadata.name)).toEqual([names.gateway, names.guard]);
    for (const m of monitors) {
      expect(m.metadata.labels?.release).toBe('kube-prometheus-stack');
      expect(m.spec.endpoints).toEqual([expect.objectContaining({ port: 'admin', path: '/metrics' })]);
    }
    // The gateway Service carries the admin port the ServiceMonitor scrapes.
    expect(find(objects, 'Service', names.gateway).spec.ports.map((p: { name: string }) => p.name)).toEqual(['http', 'admin']);

    const dashboard = find(objects, 'ConfigMap', `${names.config}-dashboard`);
    expect(dashboard.metadata.labels?.grafana_dashboard).toBe('1');
    expect(JSON.parse(dashboard.data['ollama-guard.json']).panels.length).toBeGreaterThan(0);

    const env = envOf(podSpec(find(objects, 'Deployment', names.guard)).containers[0]);
    expect(env).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4318', OTEL_SERVICE_NAME: 'ollama-guard-guard-inference', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' });
    const secret = find(objects, 'Secret', names.config);
    expect(secret.stringData['admin-token']).toBe('admin-test-token');
    expect(secret.stringData['api-keys.yaml']).toContain('sha256: 5e884898');
  });

  it('renders the ServiceMonitors only when the cluster has the Prometheus Operator API', async () => {
    const values = { metrics: { serviceMonitor: { enabled: true } } };
    expect(ofKind(await render(values), 'ServiceMonitor')).toEqual([]);
    expect(ofKind(await render(values, { apiVersions: [MONITORING] }), 'ServiceMonitor')).toHaveLength(2);
  });

  it('network policies: guard-inference accepts only the gateway, Redis only the apps, and no egress reaches the metadata address', async () => {
    const objects = await render({}, { files: ['ci/production-values.yaml'] });
    const policies = ofKind(objects, 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual([names.gateway, names.guard, names.redis].sort());
    const guard = find(objects, 'NetworkPolicy', names.guard);
    const grpcRule = guard.spec.ingress.find((r: { ports: { port: string }[] }) => r.ports.some((p) => p.port === 'grpc'));
    expect(grpcRule.from).toEqual([{ podSelector: { matchLabels: find(objects, 'Deployment', names.gateway).spec.selector.matchLabels } }]);
    for (const policy of policies) {
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      for (const rule of policy.spec.egress) {
        if (rule.to === undefined) throw new Error(`${policy.metadata.name}: an egress rule open to every address`);
        for (const peer of rule.to) {
          if (peer.ipBlock?.cidr === '0.0.0.0/0') expect(peer.ipBlock.except, policy.metadata.name).toContain('169.254.169.254/32');
          if (peer.ipBlock?.cidr === '::/0') expect(peer.ipBlock.except, policy.metadata.name).toContain('fd00:ec2::254/128');
          if (peer.ipBlock) expect(peer.ipBlock.cidr).not.toBe('169.254.169.254/32');
        }
      }
    }
    const gatewayEgressPorts = find(objects, 'NetworkPolicy', names.gateway).spec.egress.flatMap((r: { ports?: { port: number }[] }) => (r.ports ?? []).map((p) => p.port));
    expect(gatewayEgressPorts).toEqual(expect.arrayContaining([50051, 11434, 53, 6379, 4318]));
    const redisIngress = find(objects, 'NetworkPolicy', names.redis).spec.ingress[0].from.map((f: { podSelector: { matchLabels: Record<string, string> } }) => f.podSelector.matchLabels['app.kubernetes.io/component']);
    expect(redisIngress).toEqual(['gateway', 'guard-inference', 'redis']);
    // The gateway API is open only to the ingress controller's namespace (and the helm test pod).
    const api = find(objects, 'NetworkPolicy', names.gateway).spec.ingress[0];
    expect(api.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('ingress-nginx');
  });

  it('the checksum annotation changes when the config changes, and only then', async () => {
    const checksum = async (values: object) => find(await render(values), 'Deployment', names.guard).spec.template.metadata.annotations['checksum/config'];
    const base = await checksum({});
    expect(await checksum({ gateway: { replicas: 5 } })).toBe(base);
    expect(await checksum({ config: { log: { level: 'debug' } } })).not.toBe(base);
    const withSecret = async (token: string) => find(await render({ auth: { adminToken: token } }), 'Deployment', names.gateway).spec.template.metadata.annotations['checksum/secret'];
    expect(await withSecret('a')).not.toBe(await withSecret('b'));
  });

  it('Hugging Face models: the PVC mounted read-only where the policy points, a longer startup budget', async () => {
    const objects = await render({}, { files: ['ci/huggingface-values.yaml'] });
    const spec = podSpec(find(objects, 'Deployment', names.guard));
    const mount = spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'hf-models');
    expect(mount).toEqual({ name: 'hf-models', mountPath: '/models/hf', readOnly: true });
    expect(spec.volumes.find((v: { name: string }) => v.name === 'hf-models').persistentVolumeClaim.claimName).toBe('hf-models');
    expect(spec.containers[0].startupProbe.failureThreshold).toBe(150);
    expect(find(objects, 'ConfigMap', names.config).data['config.yaml']).toContain('model_dir: /models/hf/deberta-v3-prompt-injection');
    // Or filled by an init container into an emptyDir.
    const init = await render({ guardInference: { huggingFace: { enabled: true, initContainer: { enabled: true, command: ['sh', '-c', 'cp -r /src/. "$HF_MODELS_DIR"'] } } } });
    const initSpec = podSpec(find(init, 'Deployment', names.guard));
    expect(initSpec.initContainers[0].volumeMounts[0]).toEqual({ name: 'hf-models', mountPath: '/models/hf' });
    expect(initSpec.volumes.find((v: { name: string }) => v.name === 'hf-models').emptyDir.sizeLimit).toBe('4Gi');
    expect(await renderError({ guardInference: { huggingFace: { enabled: true } } })).toContain('needs a volume or initContainer');
  });

  it('replaces the shipped models with a mounted volume at MODELS_DIR', async () => {
    const objects = await render({ guardInference: { models: { dir: '/models/guard', volume: { persistentVolumeClaim: { claimName: 'guard-models' } } } } });
    const container = podSpec(find(objects, 'Deployment', names.guard)).containers[0];
    expect(envOf(container).MODELS_DIR).toBe('/models/guard');
    expect(container.volumeMounts).toContainEqual({ name: 'models', mountPath: '/models/guard', readOnly: true });
  });

  it('a helm test pod that checks both apps and a blocked prompt injection, from the gateway image', async () => {
    const objects = await render();
    const pod = find(objects, 'Pod', `${names.config}-test`);
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const env = envOf(pod.spec.containers[0]);
    expect(env).toMatchObject({ CHECK_BLOCKED_PROMPT: 'true', GUARD_ADMIN_URL: `http://${names.guardHeadless}.${NAMESPACE}.svc.cluster.local:9091` });
    expect(pod.spec.containers[0].image).toBe(podSpec(find(objects, 'Deployment', names.gateway)).containers[0].image);
    expect(find(objects, 'ConfigMap', `${names.config}-test`).data['helm-test.mjs']).toContain('prompt injection blocked');
  });

  it('NOTES.txt tells how to reach and test the release, and warns about what is left open', async () => {
    const { stdout } = await helm(['install', 'og', CHART, '--namespace', NAMESPACE, '--dry-run=client', '--set', 'metrics.serviceMonitor.enabled=true']);
    const notes = stdout.slice(stdout.indexOf('NOTES:'));
    expect(notes).toContain(`kubectl -n ${NAMESPACE} port-forward svc/${names.gateway} 8080:8080`);
    expect(notes).toContain(`helm test og -n ${NAMESPACE}`);
    expect(notes).toContain('no monitoring.coreos.com/v1 API');
    expect(notes).toContain('no admin token is set');
    const production = await helm(['install', 'og', CHART, '--namespace', NAMESPACE, '--dry-run=client', '-f', join(CHART, 'ci/production-values.yaml')]);
    expect(production.stdout).toContain('https://llm.example.com');
    expect(production.stdout).not.toContain('no admin token is set');
  });

  it('gives a grace period shorter than the drain a clear error', async () => {
    expect(await renderError({ gateway: { terminationGracePeriodSeconds: 20 } })).toContain('gateway.terminationGracePeriodSeconds must exceed');
  });
});

describe('values.schema.json', () => {
  it.each([
    ['an unknown top-level key', { replicaCount: 3 }, "additional properties 'replicaCount' not allowed"],
    ['an unknown nested key', { gateway: { autoscaling: { enable: true } } }, "additional properties 'enable' not allowed"],
    ['a port of the wrong type', { gateway: { port: '8080' } }, '/gateway/port'],
    ['a port out of range', { guardInference: { port: 70000 } }, '/guardInference/port'],
    ['an unknown Redis architecture', { redis: { architecture: 'cluster' } }, '/redis/architecture'],
    ['an unknown external Redis mode', { redis: { enabled: false }, externalRedis: { mode: 'replicated' } }, '/externalRedis/mode'],
    ['a Sentinel address without a port', { redis: { enabled: false }, externalRedis: { mode: 'sentinel', sentinels: ['sentinel-0'] } }, '/externalRedis/sentinels/0'],
    ['a plain API key instead of its hash', { auth: { apiKeys: { enabled: true, keys: [{ name: 'a', key: 'secret' }] } } }, '/auth/apiKeys/keys/0'],
    ['an upstream that is not an URL', { upstream: { url: 'ollama:11434' } }, '/upstream/url'],
    ['a boolean as a string', { networkPolicy: { enabled: 'yes' } }, '/networkPolicy/enabled'],
    ['a subchart key the subchart does not know', { redis: { sentinels: 3 } }, "additional properties 'sentinels' not allowed"],
    ['an out-of-range CPU target', { gateway: { autoscaling: { targetCPUUtilizationPercentage: 150 } } }, 'targetCPUUtilizationPercentage'],
  ])('rejects %s', async (_what, values, message) => {
    expect(await renderError(values)).toContain(message);
  });

  it('accepts every example value set (above) and the defaults', async () => {
    expect(await renderError({})).toBe('');
  });
});
