// The Redis subchart's start scripts, run with sh: a stub `redis-cli` plays the Sentinels a pod
// asks for the current master, and a stub `redis-server` prints the configuration it would start
// with. Paths of the pod (/opt/redis, /run/...) become temporary directories; the logic is the
// rendered script's own.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { find, names, NAMESPACE, render } from './chart.support.js';

const DOMAIN = `${names.redis}-headless.${NAMESPACE}.svc.cluster.local`;
const pod = (i: number) => `${names.redis}-node-${i}.${DOMAIN}`;

describe('Redis Sentinel start scripts', () => {
  let dir: string;

  beforeAll(async () => {
    const scripts = find(await render({}, { files: ['ci/sentinel-values.yaml'] }), 'ConfigMap', names.redis).data as Record<string, string>;
    dir = mkdtempSync(join(tmpdir(), 'og-redis-scripts-'));
    for (const sub of ['opt', 'run-redis', 'run-sentinel', 'bin']) mkdirSync(join(dir, sub));
    const localize = (text: string) =>
      text.replaceAll('/opt/redis/', `${dir}/opt/`).replaceAll('/run/redis/', `${dir}/run-redis/`).replaceAll('/run/sentinel', `${dir}/run-sentinel`);
    for (const [name, text] of Object.entries(scripts)) writeFileSync(join(dir, 'opt', name), localize(text));
    // redis-cli -h <peer> -p <port> --raw SENTINEL get-master-addr-by-name <set>: answers for the peer named in $ANSWERING.
    writeFileSync(join(dir, 'bin/redis-cli'), '#!/bin/sh\n[ "$2" = "$ANSWERING" ] || exit 1\necho "$MASTER_IS"\necho 6379\n');
    writeFileSync(join(dir, 'bin/redis-server'), '#!/bin/sh\necho "ARGS $*"\ncat "$1"\n');
    for (const stub of ['redis-cli', 'redis-server']) chmodSync(join(dir, 'bin', stub), 0o755);
  });

  const run = (script: string, env: Record<string, string>) =>
    execFileSync('sh', [join(dir, 'opt', script)], {
      env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, POD_NAMESPACE: NAMESPACE, REDIS_PASSWORD: 'pw', ...env },
      encoding: 'utf8',
    });

  it('a fresh install: nobody answers, pod 0 starts as the master and the others as its replicas', () => {
    const first = run('start-redis.sh', { POD_NAME: `${names.redis}-node-0` });
    expect(first).toContain('starting as the master');
    expect(first).not.toMatch(/^replicaof/m);
    expect(first).toContain(`replica-announce-ip ${pod(0)}`);
    expect(first).toContain('requirepass "pw"');
    const second = run('start-redis.sh', { POD_NAME: `${names.redis}-node-1` });
    expect(second).toMatch(new RegExp(`^replicaof ${pod(0).replaceAll('.', '\\.')} 6379$`, 'm'));
    expect(second).toContain('masterauth "pw"');
  });

  it('after a failover: a restarted pod 0 asks the Sentinels and joins the new master as a replica', () => {
    const out = run('start-redis.sh', { POD_NAME: `${names.redis}-node-0`, ANSWERING: pod(2), MASTER_IS: pod(1) });
    expect(out).toMatch(new RegExp(`^replicaof ${pod(1).replaceAll('.', '\\.')} 6379$`, 'm'));
  });

  it('the Sentinel monitors the current master with the quorum, announces its hostname and authenticates', () => {
    const out = run('start-sentinel.sh', { POD_NAME: `${names.redis}-node-2`, ANSWERING: pod(0), MASTER_IS: pod(1) });
    expect(out).toContain('--sentinel');
    expect(out).toContain(`sentinel monitor mymaster ${pod(1)} 6379 2`);
    expect(out).toContain(`sentinel announce-ip ${pod(2)}`);
    expect(out).toContain('sentinel announce-hostnames yes');
    expect(out.indexOf('sentinel resolve-hostnames yes')).toBeLessThan(out.indexOf('sentinel monitor'));
    expect(out).toContain('sentinel auth-pass mymaster "pw"');
    expect(out).toContain('requirepass "pw"');
  });

  it('without a password, no auth lines', () => {
    const out = run('start-sentinel.sh', { POD_NAME: `${names.redis}-node-0`, REDIS_PASSWORD: '' });
    expect(out).not.toContain('auth-pass');
    expect(out).toContain(`sentinel monitor mymaster ${pod(0)} 6379 2`);
  });
});
