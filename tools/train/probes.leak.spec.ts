import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HashingFeaturizer } from '@ollama-guard/classifier';
import { dataDirFromArgs, loadDataFile, type DataFile, type Row } from './dataset.js';
import { DEFAULT_SEED, MODEL_SPECS } from './model.specs.js';

/**
 * The probes are a test of generalization only while no training text is a probe text: for every
 * shipped model, the training set built with the default seed (data rows and every generated row)
 * and the validation rows must contain no text that normalizes (the model's own tokens) to a probe
 * text. Needs the training data (../shared/data or TRAINING_DATA_DIR).
 */
const featurizer = new HashingFeaturizer(MODEL_SPECS[0]!.featurizer);
const normalized = (text: string) => featurizer.tokens(text).join(' ');
const dataDir = dataDirFromArgs([]);

function probes(file: string): Row[] {
  const path = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
}

describe.skipIf(!existsSync(dataDir))('probe independence', () => {
  for (const spec of MODEL_SPECS) {
    it(`${spec.name}: no training or validation text is a probe text`, () => {
      const files: Record<string, DataFile> = {};
      for (const f of spec.dataFiles) files[f] = loadDataFile(dataDir, f);
      const data = spec.build(files, DEFAULT_SEED);
      const probeTexts = new Map(probes(spec.probeFile).map((r) => [normalized(r.text), `${r.source}: ${r.text}`]));
      const leaked = [...data.train, ...data.validation].filter((e) => probeTexts.has(normalized(e.text))).map((e) => `${e.source} -> ${probeTexts.get(normalized(e.text))}`);
      expect([...new Set(leaked)]).toEqual([]);
    }, 60_000);
  }

  it('every probe file has its model\'s held-out batch, with positives and negatives', () => {
    for (const spec of MODEL_SPECS) {
      const held = probes(spec.probeFile).filter((r) => r.source.startsWith(spec.heldOutProbeBatch));
      expect(held.filter((r) => spec.positiveDataLabels.includes(r.label)).length, spec.name).toBeGreaterThanOrEqual(15);
      expect(held.filter((r) => !spec.positiveDataLabels.includes(r.label)).length, spec.name).toBeGreaterThanOrEqual(15);
    }
  });
});
