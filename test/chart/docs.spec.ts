// Generated chart files are up to date with their sources: the values tables of both chart READMEs
// (from the `# --` comments, every value documented) and values.schema.json (from ci/schema.mjs).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHART, ROOT } from './chart.support.js';

const run = promisify(execFile);

describe('chart documentation', () => {
  it('the READMEs list every value with its comment (ci/gen-readme.mjs --check)', async () => {
    await expect(run(process.execPath, [join(CHART, 'ci/gen-readme.mjs'), '--check'])).resolves.toBeDefined();
    expect(readFileSync(join(CHART, 'README.md'), 'utf8')).toContain('| `networkPolicy.deniedCidrs` | list |');
  });

  it('values.schema.json is what ci/schema.mjs writes', async () => {
    await expect(run(process.execPath, [join(CHART, 'ci/schema.mjs'), '--check'])).resolves.toBeDefined();
  });

  it('the README Deployment section shows helm install, scaling, Prometheus scraping, skaffold dev and compose', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Deployment'), readme.indexOf('\n## ', readme.indexOf('## Deployment') + 1));
    for (const needle of ['helm install', 'autoscaling', 'ServiceMonitor', 'skaffold dev', 'docker compose up', 'kubectl apply -k']) expect(section, needle).toContain(needle);
  });
});
