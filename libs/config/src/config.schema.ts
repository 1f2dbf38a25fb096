// The one configuration schema shared by both apps. Nested sections map 1:1 to the YAML file;
// every leaf names its environment variable. Documentation is generated from this file.
import { bool, bytes, int, oneOf, str, url, type KeySpec } from './config.keys.js';
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
    batch_wait_ms: int({
      env: 'INFERENCE_BATCH_WAIT_MS',
      default: 1,
      min: 0,
      max: 1_000,
      doc: 'How long a text may wait for others to join its batch (0: only texts already queued).',
    }),
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
