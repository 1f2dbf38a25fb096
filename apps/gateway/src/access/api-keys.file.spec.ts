import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiKeysFileError, parseApiKeys } from './api-keys.file.js';
import { canonicalModel, ModelPatterns } from './model.patterns.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const policies = new Set(['default', 'strict']);

function problems(text: string): string[] {
  try {
    parseApiKeys('keys.yaml', text, policies);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiKeysFileError);
    return (error as ApiKeysFileError).problems;
  }
  throw new Error('expected an ApiKeysFileError');
}

describe('API keys file', () => {
  it('reads names, hashes, models, policy and own limits, in YAML or JSON', () => {
    const [a, b] = parseApiKeys(
      'keys.yaml',
      `keys:\n  - name: webui\n    sha256: ${sha('k1').toUpperCase()}\n    models: [llama3.2, "qwen2.5:*"]\n    policy: strict\n    rpm: 10\n  - { name: batch, sha256: "sha256:${sha('k2')}", tpm: 0 }\n`,
      policies,
    );
    expect(a).toMatchObject({ name: 'webui', sha256: sha('k1'), policy: 'strict', rpm: 10 });
    expect(a.models?.allows('llama3.2:latest')).toBe(true);
    expect(a.models?.allows('qwen2.5:0.5b')).toBe(true);
    expect(a.models?.allows('mistral')).toBe(false);
    expect(b).toMatchObject({ name: 'batch', sha256: sha('k2'), tpm: 0, models: undefined, policy: undefined });
    expect(parseApiKeys('keys.json', JSON.stringify([{ name: 'x', sha256: sha('k3') }]), policies)).toHaveLength(1);
  });

  it('names every problem with its place, and refuses plain keys', () => {
    expect(
      problems(`keys:\n  - name: a\n    sha256: abc\n  - name: a\n    sha256: ${sha('k')}\n    key: k\n    policy: lenient\n    rpm: -1\n    models: nope\n  - 7\n`),
    ).toEqual([
      'keys[0].sha256: expected 64 hex digits (printf %s "$KEY" | sha256sum)',
      'keys[1].key: unknown field (plain keys are never stored: use sha256)',
      'keys[1].name: "a" is used twice',
      'keys[1].models: expected a list of model names or patterns such as "qwen2.5:*"',
      'keys[1].policy: "lenient" is not a configured policy (known: default, strict)',
      'keys[1].rpm: expected a whole number (0: no limit)',
      'keys[2]: expected a mapping, got 7',
    ]);
    expect(problems('just text')).toEqual(['expected a `keys:` list of entries (name, sha256, models, policy, rpm, tpm)']);
    expect(problems('keys: [')[0]).toMatch(/^invalid YAML/);
    expect(problems(`- {name: a, sha256: ${sha('k')}}\n- {name: b, sha256: ${sha('k')}}`)).toEqual(['keys[1].sha256: the same key is listed twice']);
  });

  it('compares model names the way Ollama resolves them', () => {
    expect(canonicalModel('llama3.2')).toBe('llama3.2:latest');
    expect(canonicalModel('registry.local:5000/team/model')).toBe('registry.local:5000/team/model:latest');
    expect(canonicalModel('qwen2.5:0.5b')).toBe('qwen2.5:0.5b');
    const patterns = new ModelPatterns(['llama3.2:latest', 'meta-llama/*']);
    expect(patterns.allows('llama3.2')).toBe(true);
    expect(patterns.allows('llama3.2:1b')).toBe(false);
    expect(patterns.allows('meta-llama/Llama-3-8B')).toBe(true);
  });
});
