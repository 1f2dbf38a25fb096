// The one configuration schema shared by both apps. Nested sections map 1:1 to the YAML file;
// every leaf names its environment variable. Documentation is generated from this file.
import { bytes, int, oneOf, str, url, type KeySpec } from './config.keys.js';

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
  guard: {
    host: str({ env: 'GUARD_HOST', default: '0.0.0.0', doc: 'Address the guard-inference gRPC server listens on.' }),
    port: int({ env: 'GUARD_PORT', default: 50051, min: 1, max: 65_535, doc: 'gRPC port of guard-inference.' }),
  },
  log: {
    level: oneOf({ env: 'LOG_LEVEL', default: 'info', values: LOG_LEVELS, doc: 'Log level of both services.' }),
  },
} as const;

type Infer<S> = { readonly [K in keyof S]: S[K] extends KeySpec<infer T> ? T : Infer<S[K]> };

export type ConfigSchema = typeof configSchema;
export type AppConfig = Infer<ConfigSchema>;
