// `npm run docs:config`: rewrites the generated table in docs/configuration.md and README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { DOCS_BEGIN, DOCS_END, renderConfigTable } from '@ollama-guard/config';

for (const file of ['docs/configuration.md', 'README.md']) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(DOCS_BEGIN);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < 0) throw new Error(`${file}: markers for the config table are missing`);
  writeFileSync(file, text.slice(0, start) + renderConfigTable() + text.slice(end + DOCS_END.length));
  console.log(`updated ${file}`);
}
