import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from './config.docs.js';
import { configEntries } from './config.loader.js';

// Every key is documented with its env var and default, and the docs match the code.
describe('configuration docs', () => {
  it.each(['README.md', 'docs/configuration.md'])('%s carries the current generated table (run `npm run docs:config`)', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(renderConfigTable());
    for (const { path, spec } of configEntries()) {
      expect(text).toContain(`| ${[path, ...(spec.yaml ?? [])].map((key) => `\`${key}\``).join(' or ')} | \`${spec.env[0]}\``);
    }
  });
});
