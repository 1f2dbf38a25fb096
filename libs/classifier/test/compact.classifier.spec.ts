import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactClassifier, loadClassifier, wordWindows, type TextClassifier } from '../src/index.js';
import { tinyCompactWeights, tinyReference, writeTinyCompactModel } from './compact.fixture.js';

let root: string;
let clf: TextClassifier;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'og-compact-'));
  clf = await loadClassifier(await writeTinyCompactModel(join(root, 'tiny')), { intraOpNumThreads: 1 });
});

afterAll(async () => {
  await clf.dispose();
  await rm(root, { recursive: true, force: true });
});

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 7}`).join(' ');

describe('compact classifier', () => {
  it('loads classifier.json + model.onnx and reports labels, threshold and the model sha256 as version', async () => {
    expect(clf.format).toBe('compact');
    expect(clf.name).toBe('tiny');
    expect(clf.labels).toEqual(['benign', 'attack']);
    expect(clf.benignLabels).toEqual(['benign']);
    expect(clf.threshold).toBe(0.5);
    const bytes = await readFile(join(root, 'tiny', 'model.onnx'));
    expect(clf.version).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('scores texts: the ONNX graph reproduces the TS forward pass', async () => {
    const texts = ['hello there', 'attack now', 'a mild attack', 'mild', ''];
    const scores = await clf.classify(texts);
    const weights = tinyCompactWeights();
    texts.forEach((t, i) => {
      expect(Math.abs(scores[i]!.attack! - tinyReference(t, weights))).toBeLessThan(1e-5);
      expect(scores[i]!.benign! + scores[i]!.attack!).toBeCloseTo(1, 6);
    });
    expect(clf.risk(scores[0]!)).toBeLessThan(0.5);
    expect(clf.risk(scores[1]!)).toBeGreaterThan(0.99);
  });

  it('float16 embeddings give the same scores as their float32 rounding', async () => {
    const half = await loadClassifier(await writeTinyCompactModel(join(root, 'half'), { float16: true }));
    const texts = ['attack', 'mild words here', 'nothing'];
    const got = await half.classify(texts);
    const weights = tinyCompactWeights(true);
    texts.forEach((t, i) => expect(Math.abs(got[i]!.attack! - tinyReference(t, weights))).toBeLessThan(1e-5));
    await half.dispose();
  });

  it('batches: a batch scores exactly like texts one by one, also beyond maxBatch', async () => {
    const texts = ['attack', filler(3), `${filler(20)} attack`, 'mild mild', filler(30), 'x'];
    const small = await loadClassifier(join(root, 'tiny'), { maxBatch: 2 });
    const batch = await clf.classify(texts);
    const split = await small.classify(texts);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await clf.classify([texts[i]!]);
      expect(batch[i]!.attack).toBeCloseTo(single!.attack!, 6);
      expect(split[i]!.attack).toBeCloseTo(single!.attack!, 6);
    }
    await small.dispose();
  });

  it('windows long texts: an attack word only at the end of a long text still flips the result', async () => {
    const long = filler(60);
    const [clean, tail, head] = await clf.classify([long, `${long} attack`, `attack ${long}`]);
    expect(clf.risk(clean!)).toBeLessThan(0.5);
    expect(clf.risk(tail!)).toBeGreaterThan(0.5);
    expect(clf.risk(head!)).toBeGreaterThan(0.5);
    // Scored as one bag of 61 words, the attack would be diluted below the threshold.
    const wide = await loadClassifier(join(root, 'tiny'), { maxLength: 1000 });
    const [diluted] = await wide.classify([`${long} attack`]);
    expect(wide.risk(diluted!)).toBeLessThan(clf.risk(tail!));
    await wide.dispose();
  });

  it('splits words into overlapping windows that cover the whole text', () => {
    const tokens = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const windows = wordWindows(tokens, 8, 2);
    expect(windows.every((w) => w.length === 8)).toBe(true);
    expect(windows[0]![7]).toBe('t7');
    expect(windows[1]![0]).toBe('t6'); // overlap of 2
    expect(windows.at(-1)!.at(-1)).toBe('t19');
    expect(wordWindows(tokens.slice(0, 5), 8, 2)).toEqual([tokens.slice(0, 5)]);
    expect((clf as CompactClassifier).featurizeWindows(filler(20))).toHaveLength(3);
  });
});
