import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HfClassifier, loadClassifier, type TextClassifier } from '../src/index.js';
import { writeTinyHfModel } from './tiny-hf.fixture.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'og-hf-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const benignLong = Array.from({ length: 40 }, () => 'the cat sat on the mat.').join(' ');

describe('Hugging Face ONNX classifier (tiny generated BERT-like model)', () => {
  let clf: TextClassifier;

  beforeAll(async () => {
    clf = await loadClassifier(await writeTinyHfModel(join(root, 'bert')), { intraOpNumThreads: 1 });
  });
  afterAll(async () => clf.dispose());

  it('detects the format and reads labels, benign label, window size and version', () => {
    expect(clf.format).toBe('hf');
    expect(clf.name).toBe('bert');
    expect(clf.labels).toEqual(['SAFE', 'INJECTION']);
    expect(clf.benignLabels).toEqual(['SAFE']);
    expect(clf.version).toMatch(/^[0-9a-f]{64}$/);
    expect((clf as HfClassifier).maxLength).toBe(16);
    expect(clf.threshold).toBe(0.5);
  });

  it('scores texts with softmax probabilities', async () => {
    const [safe, attack] = await clf.classify(['hello world', 'attack']);
    expect(safe!.SAFE! + safe!.INJECTION!).toBeCloseTo(1, 6);
    expect(clf.risk(safe!)).toBeLessThan(0.5);
    expect(clf.risk(attack!)).toBeGreaterThan(0.99);
  });

  it('wraps every window in the tokenizer special tokens and covers the whole text', () => {
    const hf = clf as HfClassifier;
    const windows = hf.windows(`${benignLong} attack`);
    expect(windows.length).toBeGreaterThan(3);
    for (const w of windows) {
      expect(w.length).toBeLessThanOrEqual(16);
      expect(w[0]).toBe(2); // [CLS]
      expect(w.at(-1)).toBe(3); // [SEP]
    }
    expect(windows.at(-1)!.at(-2)).toBe(12); // "attack" is the last content token
  });

  it('sees text beyond max_length: an attack only at the end of a long text flips the result', async () => {
    const [clean, attacked, attackedFirst] = await clf.classify([benignLong, `${benignLong} attack`, `attack ${benignLong}`]);
    expect(clf.risk(clean!)).toBeLessThan(0.5);
    expect(clf.risk(attacked!)).toBeGreaterThan(0.5);
    expect(clf.risk(attackedFirst!)).toBeGreaterThan(0.5);

    // Without windowing (one window truncated to max_length) the tail is invisible.
    const truncated = (clf as HfClassifier).windows(`${benignLong} attack`)[0]!;
    expect(truncated).not.toContain(12);
  });

  it('batches with padding: a batch scores exactly like texts one by one', async () => {
    const texts = ['hello', 'the cat sat on the mat', 'attack', benignLong, 'hello attack world', ''];
    const batch = await clf.classify(texts);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await clf.classify([texts[i]!]);
      expect(batch[i]!.INJECTION).toBeCloseTo(single!.INJECTION!, 6);
    }
  });

  it('splits batches larger than maxBatch', async () => {
    const small = await loadClassifier(join(root, 'bert'), { maxBatch: 2 });
    const texts = ['hello', 'attack', 'world', 'the cat', 'attack cat'];
    const a = await small.classify(texts);
    const b = await clf.classify(texts);
    expect(a.map((s) => s.INJECTION!.toFixed(6))).toEqual(b.map((s) => s.INJECTION!.toFixed(6)));
    await small.dispose();
  });

  it('honours maxLength and stride overrides', async () => {
    const narrow = (await loadClassifier(join(root, 'bert'), { maxLength: 8, stride: 2 })) as HfClassifier;
    const windows = narrow.windows(benignLong);
    expect(windows.every((w) => w.length <= 8)).toBe(true);
    // consecutive windows overlap by `stride` content tokens
    expect(windows[0]!.slice(-3, -1)).toEqual(windows[1]!.slice(1, 3));
    await narrow.dispose();
  });
});

describe('Hugging Face layouts', () => {
  it('feeds token_type_ids only when the graph has that input', async () => {
    const clf = await loadClassifier(await writeTinyHfModel(join(root, 'distil'), { tokenTypeIds: false }));
    const [s] = await clf.classify(['hello attack']);
    expect(clf.risk(s!)).toBeGreaterThan(0.5);
    await clf.dispose();
  });

  it('finds model.onnx and tokenizer files in an onnx/ subdirectory (Hub repository layout)', async () => {
    const clf = await loadClassifier(await writeTinyHfModel(join(root, 'hub'), { onnxSubdir: true }));
    const [s] = await clf.classify(['attack']);
    expect(clf.risk(s!)).toBeGreaterThan(0.5);
    await clf.dispose();
  });

  it('takes threshold and benign labels from options', async () => {
    const clf = await loadClassifier(join(root, 'bert'), { threshold: 0.8, benignLabels: ['SAFE'] });
    expect(clf.threshold).toBe(0.8);
    await clf.dispose();
  });
});
