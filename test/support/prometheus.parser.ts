// A strict parser of the Prometheus text exposition format (0.0.4), for asserting on /metrics.
// Strict on purpose: a malformed line fails the test instead of being skipped.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric family name -> type from `# TYPE`. */
  types: Map<string, string>;
  help: Map<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseLabels(text: string, line: string): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = 1; // after '{'
  while (text[i] !== '}') {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=' || text[i + name.length + 1] !== '"') throw new Error(`bad label in: ${line}`);
    i += name.length + 2;
    let value = '';
    for (; text[i] !== '"'; i++) {
      if (i >= text.length) throw new Error(`unterminated label value in: ${line}`);
      if (text[i] === '\\') {
        const next = text[++i];
        value += next === 'n' ? '\n' : next;
      } else value += text[i];
    }
    labels[name] = value;
    i++;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`expected , or } in: ${line}`);
  }
  return [labels, i + 1];
}

function parseValue(text: string, line: string): number {
  // Prometheus reads these case-insensitively (Go's ParseFloat); prom-client writes `Nan`.
  const special = text.toLowerCase();
  if (special === '+inf' || special === 'inf') return Infinity;
  if (special === '-inf') return -Infinity;
  if (special === 'nan') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

export function parsePrometheusText(text: string): Exposition {
  const result: Exposition = { samples: [], types: new Map(), help: new Map() };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest[0])) throw new Error(`bad TYPE line: ${line}`);
        result.types.set(name, rest[0]);
      } else if (keyword === 'HELP') result.help.set(name, rest.join(' '));
      continue;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`bad sample line: ${line}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const [parsed, end] = parseLabels(rest, line);
      labels = parsed;
      rest = rest.slice(end);
    }
    const [value, timestamp, extra] = rest.trim().split(/\s+/);
    if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) throw new Error(`bad sample line: ${line}`);
    result.samples.push({ name, labels, value: parseValue(value, line) });
  }
  return result;
}

/** The value of the first sample named `name` whose labels include `labels` (0 when absent). */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const sample = exposition.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return sample?.value ?? 0;
}
