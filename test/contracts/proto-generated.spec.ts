import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { generate } from '../../scripts/proto-gen.mjs';

const committed = 'libs/contracts/src/generated';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

// proto/ is the one source: the committed TypeScript must be exactly what it generates.
describe('generated gRPC contracts', () => {
  it('match proto/ (run `npm run proto:gen` after changing a .proto file)', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'og-proto-'));
    generate(fresh);
    expect(files(committed)).toEqual(files(fresh));
    for (const file of files(fresh)) {
      expect(readFileSync(join(committed, file), 'utf8'), file).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
  }, 60_000);
});
