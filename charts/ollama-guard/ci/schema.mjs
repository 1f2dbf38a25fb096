// Source of values.schema.json: `node charts/ollama-guard/ci/schema.mjs` writes it (`--check`
// compares). Every object
// the chart defines is closed (additionalProperties: false), so a misspelt value fails `helm
// install` instead of being ignored; Kubernetes objects passed through (resources, affinity,
// env...) are checked by the API server.
import { readFileSync, writeFileSync } from 'node:fs';

const obj = (properties, extra = {}) => ({ type: 'object', additionalProperties: false, properties, ...extra });
const str = (extra = {}) => ({ type: 'string', ...extra });
const bool = { type: 'boolean' };
const int = (minimum, maximum) => ({ type: 'integer', ...(minimum !== undefined && { minimum }), ...(maximum !== undefined && { maximum }) });
const port = int(1, 65535);
const map = { type: 'object', additionalProperties: { type: 'string' } };
const anyObject = { type: 'object' };
const list = (items = anyObject) => ({ type: 'array', items });
const intOrPercent = { oneOf: [int(0), str({ pattern: '^[0-9]+%$' })] };
const quantity = { type: ['string', 'number'] };
const resources = obj({ requests: { type: 'object', additionalProperties: quantity }, limits: { type: 'object', additionalProperties: quantity }, claims: list() });
const image = obj({ repository: str({ minLength: 1 }), tag: { type: ['string', 'number'] }, pullPolicy: { enum: ['', 'Always', 'IfNotPresent', 'Never'] } }, { required: ['repository'] });
const probe = (extra = {}) => obj({ enabled: bool, periodSeconds: int(1), timeoutSeconds: int(1), failureThreshold: int(1), ...extra });
const scaling = obj({ scaleUp: anyObject, scaleDown: anyObject });
const pdb = obj({ enabled: bool, minAvailable: { oneOf: [int(0), str({ pattern: '^([0-9]+%?)?$' })] }, maxUnavailable: intOrPercent });
const hostPort = str({ pattern: '^[^\\s:,]+:[0-9]{1,5}$' });
const podCommon = {
  podAnnotations: map,
  podLabels: map,
  nodeSelector: map,
  tolerations: list(),
  affinity: anyObject,
  topologySpreadConstraints: list(),
  priorityClassName: str(),
  extraVolumes: list(),
  extraVolumeMounts: list(),
  env: list(obj({ name: str({ minLength: 1 }), value: str(), valueFrom: anyObject }, { required: ['name'] })),
  envFrom: list(),
  resources,
  terminationGracePeriodSeconds: int(1),
  preStopSleepSeconds: int(0),
};

const schema = obj(
  {
    nameOverride: str(),
    fullnameOverride: str({ maxLength: 40 }),
    commonLabels: map,
    imagePullSecrets: list(obj({ name: str({ minLength: 1 }) }, { required: ['name'] })),
    global: obj({ clusterDomain: str({ minLength: 1 }) }),
    image: obj({ tag: { type: ['string', 'number'] }, pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] } }),
    upstream: obj({ url: str({ pattern: '^https?://[^\\s/]+(/.*)?$' }) }, { required: ['url'] }),
    config: { type: 'object', description: 'libs/config YAML; validated by the apps at start-up (unknown keys fail there).' },
    auth: obj({
      existingSecret: str(),
      adminToken: str(),
      apiKeys: obj({
        enabled: bool,
        keys: list(
          obj(
            {
              name: str({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$' }),
              sha256: str({ pattern: '^[0-9a-fA-F]{64}$' }),
              models: list(str()),
              policy: str(),
              rpm: int(0),
              tpm: int(0),
            },
            { required: ['name', 'sha256'] },
          ),
        ),
      }),
    }),
    serviceAccount: obj({ create: bool, name: str(), annotations: map }),
    podSecurityContext: anyObject,
    containerSecurityContext: anyObject,
    tmpSizeLimit: str({ pattern: '^[0-9]+(Ki|Mi|Gi)$' }),
    tracing: obj({
      enabled: bool,
      endpoint: str(),
      protocol: { enum: ['http/protobuf', 'http/json', 'grpc'] },
      sampler: { enum: ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] },
      samplerArg: str({ pattern: '^(0(\\.[0-9]+)?|1(\\.0+)?)$' }),
      resourceAttributes: str(),
    }),
    gateway: obj({
      image,
      replicas: int(0),
      port,
      adminPort: port,
      shutdownTimeoutMs: int(0),
      ...podCommon,
      startupProbe: probe(),
      livenessProbe: probe(),
      readinessProbe: probe(),
      service: obj({ type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }, port, exposeAdminPort: bool, annotations: map }),
      ingress: obj({
        enabled: bool,
        className: str(),
        nginxStreaming: bool,
        streamTimeoutSeconds: int(1),
        proxyBodySize: str({ pattern: '^[0-9]+[kmgKMG]?$' }),
        annotations: map,
        hosts: list(
          obj({ host: str(), paths: list(obj({ path: str({ pattern: '^/' }), pathType: { enum: ['Prefix', 'Exact', 'ImplementationSpecific'] } }, { required: ['path', 'pathType'] })) }, { required: ['paths'] }),
        ),
        tls: list(obj({ secretName: str(), hosts: list(str()) })),
      }),
      autoscaling: obj({
        enabled: bool,
        minReplicas: int(1),
        maxReplicas: int(1),
        targetCPUUtilizationPercentage: int(1, 100),
        targetMemoryUtilizationPercentage: { oneOf: [{ type: 'null' }, int(1, 100)] },
        behavior: scaling,
      }),
      pdb,
    }),
    guardInference: obj({
      image,
      replicas: int(0),
      port,
      adminPort: port,
      workers: int(1, 64),
      threads: int(1, 64),
      ...podCommon,
      models: obj({ dir: str({ pattern: '^/' }), volume: anyObject }),
      huggingFace: obj({
        enabled: bool,
        mountPath: str({ pattern: '^/' }),
        volume: anyObject,
        sizeLimit: str({ pattern: '^[0-9]+(Ki|Mi|Gi|Ti)$' }),
        initContainer: obj({ enabled: bool, image: str({ minLength: 1 }), command: list(str()), args: list(str()), env: list(), resources }),
      }),
      startupProbe: probe(),
      livenessProbe: probe(),
      readinessProbe: probe(),
      service: obj({ annotations: map }),
      autoscaling: obj({ enabled: bool, minReplicas: int(1), maxReplicas: int(1), targetCPUUtilizationPercentage: int(1, 100), behavior: scaling }),
      keda: obj({
        enabled: bool,
        minReplicaCount: int(0),
        maxReplicaCount: int(1),
        pollingInterval: int(1),
        cooldownPeriod: int(0),
        serverAddress: str({ pattern: '^https?://' }),
        query: str({ minLength: 1 }),
        threshold: str({ pattern: '^[0-9]+(\\.[0-9]+)?$' }),
        cpuTrigger: bool,
        authenticationRef: str(),
      }),
      pdb,
    }),
    metrics: obj({
      podAnnotations: bool,
      serviceMonitor: obj({
        enabled: bool,
        namespace: str(),
        interval: str({ pattern: '^[0-9]+(ms|s|m|h)$' }),
        scrapeTimeout: str({ pattern: '^[0-9]+(ms|s|m|h)$' }),
        labels: map,
        annotations: map,
        honorLabels: bool,
        relabelings: list(),
        metricRelabelings: list(),
      }),
    }),
    grafanaDashboard: obj({ enabled: bool, namespace: str(), labels: map, annotations: map }),
    networkPolicy: obj({
      enabled: bool,
      apiFrom: list(),
      adminFrom: list(),
      deniedCidrs: list(str({ pattern: '^[0-9a-fA-F.:]+/[0-9]{1,3}$' })),
      upstream: obj({ to: list(), ports: list(port) }),
      externalRedis: obj({ to: list() }),
      dns: obj({ to: list() }),
      extraEgress: list(),
    }),
    tests: obj({ enabled: bool, blockedPrompt: bool }),
    // The subchart validates its own values (charts/redis/values.schema.json); the keys the parent reads are checked here too.
    redis: {
      type: 'object',
      properties: {
        enabled: bool,
        architecture: { enum: ['standalone', 'sentinel'] },
        auth: { type: 'object', properties: { enabled: bool, password: str(), existingSecret: str(), existingSecretPasswordKey: str({ minLength: 1 }) } },
      },
    },
    externalRedis: obj({
      mode: { enum: ['standalone', 'sentinel', 'cluster'] },
      host: str(),
      port,
      db: int(0, 15),
      username: str(),
      password: str(),
      sentinels: list(hostPort),
      sentinelMaster: str({ minLength: 1 }),
      sentinelPassword: str(),
      clusterNodes: list(hostPort),
      existingSecret: str(),
      existingSecretPasswordKey: str({ minLength: 1 }),
      existingSecretSentinelPasswordKey: str(),
      tls: obj({ enabled: bool, sentinel: bool, caSecret: str(), caKey: str({ minLength: 1 }) }),
    }),
  },
  { $schema: 'https://json-schema.org/draft-07/schema#', title: 'ollama-guard chart values', required: ['upstream', 'gateway', 'guardInference'] },
);

const target = new URL('../values.schema.json', import.meta.url);
const text = `${JSON.stringify(schema, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error(`${target.pathname} is stale: run node charts/ollama-guard/ci/schema.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target.pathname}`);
}
