// The one configuration schema shared by both apps. Nested sections map 1:1 to the YAML file;
// every leaf names its environment variable. Documentation is generated from this file.
import { bool, bytes, int, list, oneOf, str, url, type KeySpec } from './config.keys.js';
import { policies } from './policies.key.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = {
  upstream: {
    url: url({
      env: 'OLLAMA_URL',
      default: 'http://127.0.0.1:11434',
      doc: 'Base URL of the upstream: Ollama, or any OpenAI-compatible server for the `/v1/*` routes.',
    }),
    connect_timeout_ms: int({
      env: 'UPSTREAM_CONNECT_TIMEOUT_MS',
      default: 5_000,
      min: 1,
      doc: 'Time to open a TCP connection to the upstream before answering 504.',
    }),
    headers_timeout_ms: int({
      env: 'UPSTREAM_HEADERS_TIMEOUT_MS',
      default: 300_000,
      min: 1,
      doc: 'Time to wait for the upstream response headers (a non-streamed generation sends them only when done; model loading counts too).',
    }),
    body_timeout_ms: int({
      env: 'UPSTREAM_BODY_TIMEOUT_MS',
      default: 300_000,
      min: 1,
      doc: 'Longest silence allowed between two chunks of an upstream response body.',
    }),
    connections: int({
      env: 'UPSTREAM_CONNECTIONS',
      default: 256,
      min: 1,
      doc: 'Size of the keep-alive connection pool to the upstream.',
    }),
    keep_alive_timeout_ms: int({
      env: 'UPSTREAM_KEEPALIVE_TIMEOUT_MS',
      default: 30_000,
      min: 1,
      doc: 'How long an idle pooled upstream connection is kept open.',
    }),
  },
  gateway: {
    host: str({ env: 'GATEWAY_HOST', default: '0.0.0.0', doc: 'Address the gateway listens on (`::` for dual-stack IPv4 and IPv6).' }),
    port: int({ env: 'GATEWAY_PORT', default: 8080, min: 1, max: 65_535, doc: 'HTTP port of the gateway (Ollama and OpenAI APIs).' }),
    body_limit: bytes({
      env: 'GATEWAY_BODY_LIMIT',
      default: 32 * 1024 ** 2,
      doc: 'Largest JSON request body accepted (bytes, or a size such as `32MiB`); larger bodies get 413. Blob uploads (`/api/blobs`) are streamed and not limited.',
    }),
    keep_alive_timeout_ms: int({
      env: 'GATEWAY_KEEPALIVE_TIMEOUT_MS',
      default: 72_000,
      min: 1,
      doc: 'Idle keep-alive timeout of client connections; keep it above your ingress or load balancer idle timeout.',
    }),
    shutdown_timeout_ms: int({
      env: 'GATEWAY_SHUTDOWN_TIMEOUT_MS',
      default: 25_000,
      min: 0,
      doc: 'On SIGTERM, how long requests and streams in flight may take to finish before their connections are cut; keep it below the pod termination grace period.',
    }),
  },
  inference: {
    host: str({ env: 'GUARD_HOST', default: '0.0.0.0', doc: 'Address the guard-inference gRPC server listens on.' }),
    port: int({ env: 'GUARD_PORT', default: 50051, min: 1, max: 65_535, doc: 'gRPC port of guard-inference.' }),
    models_dir: str({
      env: 'MODELS_DIR',
      default: 'models',
      doc: 'Directory holding the classifier model directories (`prompt-injection`, `toxicity`, `harmful-request`); relative paths start at the working directory.',
    }),
    workers: int({
      env: 'INFERENCE_WORKERS',
      default: 1,
      min: 1,
      max: 64,
      doc: 'Worker threads running ONNX inference, so the gRPC event loop never waits on a model.',
    }),
    threads: int({
      env: 'INFERENCE_THREADS',
      default: 1,
      min: 1,
      max: 64,
      doc: 'ONNX Runtime intra-op threads per worker.',
    }),
    max_batch: int({
      env: 'INFERENCE_MAX_BATCH',
      default: 32,
      min: 1,
      max: 1_024,
      doc: 'Most texts scored in one model call when concurrent scans are micro-batched.',
    }),
    max_connection_age_ms: int({
      env: 'INFERENCE_MAX_CONNECTION_AGE_MS',
      default: 60_000,
      min: 1_000,
      doc: 'gRPC connections are closed gracefully after this long, so clients re-resolve and new replicas get traffic.',
    }),
    tls_cert: str({ env: 'INFERENCE_TLS_CERT', default: '', allowEmpty: true, doc: 'Server certificate (PEM file); with the key, guard-inference serves TLS.' }),
    tls_key: str({ env: 'INFERENCE_TLS_KEY', default: '', allowEmpty: true, doc: 'Server private key (PEM file).' }),
    tls_client_ca: str({ env: 'INFERENCE_TLS_CLIENT_CA', default: '', allowEmpty: true, doc: 'CA (PEM file) that client certificates must chain to: set it to require mutual TLS.' }),
    batch_wait_ms: int({
      env: 'INFERENCE_BATCH_WAIT_MS',
      default: 0,
      min: 0,
      max: 1_000,
      doc: 'How long a text may wait for others to join its batch. 0 batches only texts already queued (while the worker is busy, concurrent scans queue up and still go together), which keeps a lone scan fast.',
    }),
  },
  guard: {
    url: str({
      env: 'GUARD_URL',
      default: 'dns:///127.0.0.1:50051',
      doc: 'gRPC target of guard-inference. Use `dns:///<headless-service>:50051` in Kubernetes: every pod address is resolved and calls are balanced round-robin.',
    }),
    deadline_ms: int({ env: 'GUARD_DEADLINE_MS', default: 2_000, min: 1, doc: 'Deadline of one scan call; past it the guard counts as unavailable.' }),
    enable_input: bool({ env: 'ENABLE_INPUT_GUARD', default: true, doc: 'Scan prompts before they go upstream (name kept from the Python proxy).' }),
    enable_output: bool({ env: 'ENABLE_OUTPUT_GUARD', default: true, doc: 'Scan answers before they reach the client (name kept from the Python proxy).' }),
    block_on_error: bool({
      env: 'BLOCK_ON_GUARD_ERROR',
      default: true,
      doc: 'When the guard cannot give a verdict (down, too slow, a scanner failed) and degraded mode cannot either: `true` answers 503 (fail closed), `false` lets the request pass unscanned (fail open). Name kept from the Python proxy.',
    }),
    degraded_mode: bool({
      env: 'GUARD_DEGRADED_MODE',
      default: true,
      doc: 'While guard-inference is unavailable, run the rule scanners (secrets, PII, banned content, ...) inside the gateway instead of failing; the ML scanners are skipped and the response says so in `X-Guard-Degraded`.',
    }),
    stream_mode: oneOf({
      env: 'GUARD_STREAM_MODE',
      default: 'buffered',
      values: ['buffered', 'audit'],
      doc: '`buffered`: no streamed text reaches the client before it was scanned. `audit`: text is released at once and would-be blocks are only recorded.',
    }),
    stream_first_window: int({
      env: 'GUARD_STREAM_FIRST_WINDOW',
      default: 16,
      min: 1,
      doc: 'Characters of a streamed answer gathered before the first scan; small keeps the time to first token low.',
    }),
    stream_window: int({ env: 'GUARD_STREAM_WINDOW', default: 160, min: 1, doc: 'Characters gathered before each further scan of a streamed answer.' }),
    stream_overlap: int({
      env: 'GUARD_STREAM_OVERLAP',
      default: 64,
      min: 0,
      doc: 'Characters of released text each window repeats, and of scanned text held back until the next window, so that nothing shorter than this (a key, a banned phrase) escapes by being split across chunks.',
    }),
    input_block_status: int({ env: 'GUARD_INPUT_BLOCK_STATUS', default: 403, min: 200, max: 599, doc: 'Status of a blocked prompt.' }),
    output_block_status: int({ env: 'GUARD_OUTPUT_BLOCK_STATUS', default: 451, min: 200, max: 599, doc: 'Status of a blocked (non-streamed) answer.' }),
    block_as_message: bool({
      env: 'GUARD_BLOCK_AS_MESSAGE',
      default: false,
      doc: 'Answer a blocked chat with an ordinary assistant message (status 200) instead of an error, so chat UIs show the refusal.',
    }),
    breaker_failures: int({ env: 'GUARD_BREAKER_FAILURES', default: 5, min: 1, doc: 'Consecutive failed calls that open the circuit breaker to guard-inference.' }),
    breaker_reset_ms: int({ env: 'GUARD_BREAKER_RESET_MS', default: 5_000, min: 1, doc: 'How long the breaker stays open before one probe call is let through.' }),
    tls_ca: str({ env: 'GUARD_TLS_CA', default: '', allowEmpty: true, doc: 'PEM file of the CA that signed guard-inference\'s certificate; set to call it over TLS.' }),
    tls_cert: str({ env: 'GUARD_TLS_CERT', default: '', allowEmpty: true, doc: 'Client certificate (PEM file) for mutual TLS.' }),
    tls_key: str({ env: 'GUARD_TLS_KEY', default: '', allowEmpty: true, doc: 'Client private key (PEM file) for mutual TLS.' }),
  },
  cache: {
    enabled: bool({ env: 'CACHE_ENABLED', yaml: ['cache_enabled'], default: true, doc: 'Cache scan verdicts (name kept from the Python proxy). Errors, degraded and fail-open verdicts are never cached.' }),
    backend: oneOf({
      env: 'CACHE_BACKEND',
      yaml: ['cache_backend'],
      default: 'memory',
      values: ['memory', 'redis', 'auto'],
      doc: '`memory`: in-process LRU per replica. `redis`: shared by every replica (a Redis failure is a miss). `auto`: Redis while it answers, memory while it does not, back to Redis by itself.',
    }),
    ttl: int({ env: 'CACHE_TTL', yaml: ['cache_ttl'], default: 3_600, min: 1, doc: 'Seconds a verdict stays cached.' }),
    max_size: int({ env: 'CACHE_MAX_SIZE', yaml: ['cache_max_size'], default: 10_000, min: 1, doc: 'Most verdicts held by the in-process cache (`memory` backend, and `auto` while Redis is down); least recently used go first.' }),
    prefix: str({ env: 'CACHE_PREFIX', default: 'ollama-guard', doc: 'Prefix of every Redis key the cache writes; the clear command removes only keys under it.' }),
    l1_enabled: bool({
      env: 'CACHE_L1_ENABLED',
      default: true,
      doc: 'With `redis` or `auto`: keep recent verdicts in process too, in front of Redis (a hit costs no round trip).',
    }),
    l1_ttl: int({ env: 'CACHE_L1_TTL', default: 60, min: 1, doc: 'Seconds a verdict stays in the in-process first tier (never longer than `cache.ttl`).' }),
    l1_max_size: int({ env: 'CACHE_L1_MAX_SIZE', default: 5_000, min: 1, doc: 'Most verdicts held by the in-process first tier.' }),
    lock: bool({
      env: 'CACHE_LOCK',
      default: false,
      doc: 'Coalesce identical scans across replicas with a short Redis lock: one replica scans, the others wait for its verdict (identical scans in one process are always coalesced).',
    }),
    lock_ttl_ms: int({ env: 'CACHE_LOCK_TTL_MS', default: 2_000, min: 10, doc: 'Life of a scan lock, in case its holder dies.' }),
    lock_wait_ms: int({ env: 'CACHE_LOCK_WAIT_MS', default: 300, min: 0, doc: 'How long a replica waits for another replica\'s verdict before scanning itself.' }),
    fingerprint_refresh_ms: int({
      env: 'CACHE_FINGERPRINT_REFRESH_MS',
      default: 5_000,
      min: 100,
      doc: 'How often the gateway asks guard-inference for its policy fingerprints (every verdict also carries one): the longest a changed policy can still be answered from entries of the old one.',
    }),
    admin_token: str({
      env: 'CACHE_ADMIN_TOKEN',
      default: '',
      allowEmpty: true,
      secret: true,
      doc: 'Bearer token of `POST /admin/cache/clear`; empty disables the endpoint.',
    }),
  },
  redis: {
    mode: oneOf({
      env: 'REDIS_MODE',
      default: 'standalone',
      values: ['standalone', 'sentinel', 'cluster'],
      doc: 'Topology: one server (`standalone`), a master found through Sentinel (`sentinel`), or Redis Cluster (`cluster`).',
    }),
    url: str({
      env: 'REDIS_URL',
      default: '',
      allowEmpty: true,
      secret: true,
      doc: 'Standalone server as a URL (`redis://[user:password@]host:port/db`, `rediss://` for TLS); overrides host, port, db, username, password and tls.',
    }),
    host: str({ env: 'REDIS_HOST', yaml: ['redis_host'], default: '127.0.0.1', doc: 'Standalone server host.' }),
    port: int({ env: 'REDIS_PORT', yaml: ['redis_port'], default: 6_379, min: 1, max: 65_535, doc: 'Standalone server port.' }),
    db: int({ env: 'REDIS_DB', yaml: ['redis_db'], default: 0, min: 0, max: 15, doc: 'Database number (standalone and Sentinel; Cluster has only 0).' }),
    username: str({ env: 'REDIS_USERNAME', default: '', allowEmpty: true, doc: 'ACL user name (Redis 6+); empty uses `default`.' }),
    password: str({ env: 'REDIS_PASSWORD', yaml: ['redis_password'], default: '', allowEmpty: true, secret: true, doc: 'Password of the data nodes (master, replicas, cluster nodes).' }),
    tls: bool({ env: 'REDIS_TLS', default: false, doc: 'Talk TLS to the data nodes.' }),
    tls_ca: str({ env: 'REDIS_TLS_CA', default: '', allowEmpty: true, doc: 'CA certificate (PEM file) the data nodes\' certificates chain to; empty uses the system CAs.' }),
    max_connections: int({
      env: 'REDIS_MAX_CONNECTIONS',
      yaml: ['redis_max_connections'],
      default: 2,
      min: 1,
      max: 64,
      doc: 'Connections per process for commands; each pipelines many commands at once, so a few suffice (name kept from the Python proxy).',
    }),
    command_timeout_ms: int({ env: 'REDIS_COMMAND_TIMEOUT_MS', default: 50, min: 1, doc: 'Longest a request waits on one Redis command; past it the command counts as failed (a cache miss).' }),
    connect_timeout_ms: int({ env: 'REDIS_CONNECT_TIMEOUT_MS', default: 2_000, min: 1, doc: 'Time to open a connection before retrying in the background.' }),
    sentinels: list({ env: 'REDIS_SENTINELS', default: [], doc: 'Sentinel mode: the Sentinels as `host:port`, comma-separated.' }),
    sentinel_master: str({ env: 'REDIS_SENTINEL_MASTER', default: 'mymaster', doc: 'Sentinel mode: the master group name.' }),
    sentinel_username: str({ env: 'REDIS_SENTINEL_USERNAME', default: '', allowEmpty: true, doc: 'Sentinel mode: ACL user of the Sentinels themselves.' }),
    sentinel_password: str({ env: 'REDIS_SENTINEL_PASSWORD', default: '', allowEmpty: true, secret: true, doc: 'Sentinel mode: password of the Sentinels themselves (`requirepass` in sentinel.conf).' }),
    sentinel_tls: bool({ env: 'REDIS_SENTINEL_TLS', default: false, doc: 'Sentinel mode: talk TLS to the Sentinels.' }),
    cluster_nodes: list({ env: 'REDIS_CLUSTER_NODES', default: [], doc: 'Cluster mode: some startup nodes as `host:port`, comma-separated; the rest is discovered.' }),
  },
  policies: policies(
    'Named scanner policies (`default` unless a request selects another). Each names scanners per side (`input`, `output`) with `enabled`, `threshold`, `action` (block, redact, monitor) and options; unnamed scanners keep their built-in defaults. Reference: `docs/scanners.md`.',
  ),
  log: {
    level: oneOf({ env: 'LOG_LEVEL', default: 'info', values: LOG_LEVELS, doc: 'Log level of both services.' }),
  },
} as const;

type Infer<S> = { readonly [K in keyof S]: S[K] extends KeySpec<infer T> ? T : Infer<S[K]> };

export type ConfigSchema = typeof configSchema;
export type AppConfig = Infer<ConfigSchema>;
