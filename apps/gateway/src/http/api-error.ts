// Errors the gateway itself produces, rendered in the error shape of the API the client speaks:
// Ollama's `{"error": "..."}` on /api/* and OpenAI's `{"error": {message, type, param, code}}` on /v1/*.

export type ApiFlavor = 'ollama' | 'openai';

export const apiFlavorOf = (url: string): ApiFlavor => (url.startsWith('/v1/') || url === '/v1' ? 'openai' : 'ollama');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Machine-readable code, e.g. `invalid_json`; OpenAI clients read it. */
    readonly code: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

export function errorBody(flavor: ApiFlavor, error: ApiError): string {
  if (flavor === 'ollama') return JSON.stringify({ error: error.message });
  const type = OPENAI_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
  return JSON.stringify({ error: { message: error.message, type, param: error.param, code: error.code } });
}
