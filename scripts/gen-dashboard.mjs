// `node scripts/gen-dashboard.mjs`: writes the Grafana dashboard the Helm chart installs
// (charts/ollama-guard/dashboards/ollama-guard.json). Generated so every panel uses the same
// datasource and namespace variables; a test checks that each series it queries is exported.
import { writeFileSync } from 'node:fs';

const ns = 'namespace=~"$namespace"';
const ds = { type: 'prometheus', uid: '${datasource}' };
let id = 0;
let y = 0;

function panel(title, unit, targets, { w = 12, h = 8, type = 'timeseries', description = '' } = {}) {
  return {
    id: ++id,
    type,
    title,
    description,
    datasource: ds,
    fieldConfig: { defaults: { unit }, overrides: [] },
    options: type === 'stat' ? { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'value' } : { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    targets: targets.map(([expr, legendFormat], i) => ({ refId: String.fromCharCode(65 + i), datasource: ds, expr, legendFormat })),
    gridPos: { x: 0, y: 0, w, h },
  };
}

function row(title, panels) {
  const out = [{ id: ++id, type: 'row', title, collapsed: false, gridPos: { x: 0, y: y++, w: 24, h: 1 }, panels: [] }];
  let x = 0;
  for (const p of panels) {
    if (x + p.gridPos.w > 24) {
      x = 0;
      y += 8;
    }
    p.gridPos = { ...p.gridPos, x, y };
    x += p.gridPos.w;
  }
  y += 8;
  return [...out, ...panels];
}

const q = (quantile, metric, by) => `histogram_quantile(${quantile}, sum by (le${by ? `, ${by}` : ''}) (rate(${metric}_bucket{${ns}}[5m])))`;

const panels = [
  ...row('Traffic', [
    panel('Requests per second by route and status', 'reqps', [[`sum by (route, status) (rate(ollama_guard_http_request_duration_seconds_count{${ns}}[5m]))`, '{{route}} {{status}}']]),
    panel('Request latency by route (p50, p95, p99)', 's', [
      [q(0.5, 'ollama_guard_http_request_duration_seconds', 'route'), 'p50 {{route}}'],
      [q(0.95, 'ollama_guard_http_request_duration_seconds', 'route'), 'p95 {{route}}'],
      [q(0.99, 'ollama_guard_http_request_duration_seconds', 'route'), 'p99 {{route}}'],
    ]),
    panel('Requests and streams in flight', 'short', [[`sum by (route) (ollama_guard_http_requests_in_flight{${ns}})`, '{{route}}']], { w: 8 }),
    panel('Time to first token by model (p50, p95)', 's', [
      [q(0.5, 'ollama_guard_upstream_time_to_first_token_seconds', 'model'), 'p50 {{model}}'],
      [q(0.95, 'ollama_guard_upstream_time_to_first_token_seconds', 'model'), 'p95 {{model}}'],
    ], { w: 8 }),
    panel('Generated tokens per second by model', 'short', [[`sum by (model) (rate(ollama_guard_generated_tokens_total{${ns}}[5m]))`, '{{model}}']], { w: 8 }),
  ]),
  ...row('Guard', [
    panel('Verdicts per second by direction and result', 'reqps', [[`sum by (direction, result) (rate(ollama_guard_verdicts_total{${ns}}[5m]))`, '{{direction}} {{result}}']]),
    panel('Blocks and redactions by scanner', 'reqps', [[`sum by (scanner, direction) (rate(ollama_guard_scanner_verdicts_total{${ns}, result="fail"}[5m]))`, '{{direction}} {{scanner}}']]),
    panel('Scanner errors', 'reqps', [[`sum by (scanner) (rate(ollama_guard_scanner_verdicts_total{${ns}, result="error"}[5m]))`, '{{scanner}}']], { w: 8 }),
    panel('Scan time by scanner (p95)', 's', [[q(0.95, 'ollama_guard_scan_duration_seconds', 'scanner'), '{{scanner}}']], { w: 8 }),
    panel('Guard time per verdict in the gateway (p95) by source', 's', [[q(0.95, 'ollama_guard_guard_duration_seconds', 'source'), '{{source}}']], { w: 8 }),
    panel('gRPC latency (p95): gateway client and guard-inference server', 's', [
      [q(0.95, 'ollama_guard_grpc_client_duration_seconds', 'method'), 'client {{method}}'],
      [q(0.95, 'ollama_guard_grpc_server_duration_seconds', 'method'), 'server {{method}}'],
    ]),
    panel('ONNX batch size and inference time (p95)', 's', [
      [q(0.95, 'ollama_guard_onnx_inference_duration_seconds', 'model'), 'inference {{model}}'],
      [`sum by (model) (rate(ollama_guard_onnx_batch_size_sum{${ns}}[5m])) / sum by (model) (rate(ollama_guard_onnx_batch_size_count{${ns}}[5m]))`, 'mean batch {{model}}'],
    ]),
  ]),
  ...row('Verdict cache', [
    panel('Cache hit ratio by tier', 'percentunit', [
      [`sum by (tier) (rate(ollama_guard_cache_lookups_total{${ns}, result="hit"}[5m])) / sum by (tier) (rate(ollama_guard_cache_lookups_total{${ns}}[5m]))`, '{{tier}}'],
    ]),
    panel('Cache lookups by tier and result', 'reqps', [[`sum by (tier, result) (rate(ollama_guard_cache_lookups_total{${ns}}[5m]))`, '{{tier}} {{result}}']]),
    panel('Replicas serving from memory (Redis unreachable)', 'short', [[`sum(ollama_guard_cache_fallback{${ns}})`, 'fallback']], { w: 8, type: 'stat' }),
    panel('Redis lookup latency (p99)', 's', [[q(0.99, 'ollama_guard_cache_lookup_duration_seconds', 'tier'), '{{tier}}']], { w: 8 }),
    panel('Coalesced scans per second', 'reqps', [[`sum(rate(ollama_guard_cache_coalesced_total{${ns}}[5m]))`, 'coalesced']], { w: 8 }),
  ]),
  ...row('Limits and queues', [
    panel('Queue depth and active slots by model', 'short', [
      [`sum by (model) (ollama_guard_queue_depth{${ns}})`, 'queued {{model}}'],
      [`sum by (model) (ollama_guard_queue_active{${ns}})`, 'active {{model}}'],
    ]),
    panel('Rejections per second (rate limits, full or timed-out queues)', 'reqps', [
      [`sum by (scope) (rate(ollama_guard_rate_limit_rejections_total{${ns}}[5m]))`, 'rate limit {{scope}}'],
      [`sum by (model, reason) (rate(ollama_guard_queue_rejections_total{${ns}}[5m]))`, 'queue {{model}} {{reason}}'],
    ]),
    panel('Queue wait by model (p95)', 's', [[q(0.95, 'ollama_guard_queue_wait_seconds', 'model'), '{{model}}']], { w: 8 }),
    panel('Upstream latency by route (p95)', 's', [[q(0.95, 'ollama_guard_upstream_request_duration_seconds', 'route'), '{{route}}']], { w: 8 }),
    panel('Resident memory by service', 'bytes', [[`sum by (service, pod) (ollama_guard_process_resident_memory_bytes{${ns}})`, '{{service}} {{pod}}']], { w: 8 }),
  ]),
];

const dashboard = {
  title: 'ollama-guard',
  uid: 'ollama-guard',
  description: 'Traffic, latency, verdicts by scanner, cache hit ratio, queues and time to first token of ollama-guard.',
  schemaVersion: 39,
  version: 2,
  editable: true,
  tags: ['ollama-guard', 'llm'],
  time: { from: 'now-1h', to: 'now' },
  refresh: '30s',
  templating: {
    list: [
      { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
      {
        name: 'namespace',
        type: 'query',
        datasource: ds,
        query: 'label_values(ollama_guard_http_request_duration_seconds_count, namespace)',
        refresh: 2,
        includeAll: true,
        multi: true,
        label: 'Namespace',
      },
    ],
  },
  panels,
};

writeFileSync(new URL('../charts/ollama-guard/dashboards/ollama-guard.json', import.meta.url), `${JSON.stringify(dashboard, null, 2)}\n`);
console.log(`wrote charts/ollama-guard/dashboards/ollama-guard.json (${panels.filter((p) => p.type !== 'row').length} panels)`);
