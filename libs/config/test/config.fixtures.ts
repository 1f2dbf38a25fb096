// Helpers for the config specs: a YAML file on disk, and the problems a ConfigError reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../src/config.loader.js';

export function yamlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'og-config-')), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
