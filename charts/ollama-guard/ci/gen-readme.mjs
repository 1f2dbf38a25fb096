// Writes the values table of charts/ollama-guard/README.md and charts/ollama-guard/charts/redis/
// README.md from the `# --` comments of their values.yaml (between the values:start and
// values:end markers; the text around them is kept). Every value must be documented: a value
// without a comment (and not a section whose children all have one) fails the run.
//   node charts/ollama-guard/ci/gen-readme.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const charts = ['../', '../charts/redis/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
const START = '<!-- values:start -->';
const END = '<!-- values:end -->';

/** `# --` comments by dotted key path (a comment may continue on following `#` lines). */
function comments(text) {
  const found = new Map();
  const stack = [];
  let pending;
  for (const line of text.split('\n')) {
    const start = /^\s*# -- (.*)$/.exec(line);
    if (start) {
      pending = start[1];
      continue;
    }
    const more = /^\s*# (.*)$/.exec(line);
    if (more && pending !== undefined) {
      pending += ` ${more[1]}`;
      continue;
    }
    const key = /^(\s*)([A-Za-z0-9_.-]+):/.exec(line);
    if (!key) continue;
    const indent = key[1].length;
    while (stack.length && stack.at(-1).indent >= indent) stack.pop();
    stack.push({ indent, key: key[2] });
    if (pending !== undefined) found.set(stack.map((s) => s.key).join('.'), pending);
    pending = undefined;
  }
  return found;
}

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'object' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v);
const cell = (s) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function table(chartDir) {
  const text = readFileSync(`${chartDir}values.yaml`, 'utf8');
  const values = parse(text) ?? {};
  const docs = comments(text);
  const rows = [];
  const missing = [];
  const walk = (node, path) => {
    for (const [key, value] of Object.entries(node)) {
      const full = path ? `${path}.${key}` : key;
      if (docs.has(full)) rows.push(`| \`${full}\` | ${typeOf(value)} | \`${cell(JSON.stringify(value))}\` | ${cell(docs.get(full))} |`);
      else if (typeOf(value) === 'object' && Object.keys(value).length > 0) walk(value, full);
      else missing.push(full);
    }
  };
  walk(values, '');
  if (missing.length) throw new Error(`${chartDir}values.yaml: values without a "# --" comment: ${missing.join(', ')}`);
  return ['| Key | Type | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}

export function readmeWithTable(chartDir) {
  const readme = readFileSync(`${chartDir}README.md`, 'utf8');
  const [before, rest] = readme.split(START);
  if (rest === undefined || !rest.includes(END)) throw new Error(`${chartDir}README.md: markers ${START} / ${END} missing`);
  return `${before}${START}\n${table(chartDir)}\n${END}${rest.slice(rest.indexOf(END) + END.length)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const dir of charts) {
    const next = readmeWithTable(dir);
    if (check) {
      if (readFileSync(`${dir}README.md`, 'utf8') !== next) {
        console.error(`${dir}README.md is stale: run node charts/ollama-guard/ci/gen-readme.mjs`);
        stale++;
      }
    } else {
      writeFileSync(`${dir}README.md`, next);
      console.log(`wrote ${dir}README.md`);
    }
  }
  process.exit(stale ? 1 : 0);
}
