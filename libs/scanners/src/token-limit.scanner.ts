import { OptionReader } from './options.parser.js';
import { INPUT, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { countTokensUpTo, loadEncoding, type TokenEncoding } from './token.counter.js';

export interface TokenLimitOptions {
  limit: number;
  encoding: TokenEncoding;
}

const NAME = 'token_limit';

export const tokenLimitDefinition: ScannerDefinition<TokenLimitOptions> = {
  name: NAME,
  directions: INPUT,
  defaults: { limit: 4096, encoding: 'cl100k_base' },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options: TokenLimitOptions = {
      limit: r.number('limit', 4096, 1, 10_000_000, true),
      encoding: r.oneOf('encoding', 'cl100k_base', ['cl100k_base', 'o200k_base', 'approx'] as const),
    };
    r.done();
    return options;
  },
  create(options) {
    const bpe = options.encoding === 'approx' ? null : loadEncoding(options.encoding);
    const method = bpe === null ? 'approximate tokens' : `${options.encoding} tokens`;
    return {
      name: NAME,
      directions: INPUT,
      scan(text): ScanResult {
        // Every token covers at least one UTF-8 byte: short texts need no tokenizing at all.
        if (Buffer.byteLength(text, 'utf8') <= options.limit) return { score: 0, reason: `within ${options.limit} ${method}` };
        const result = countTokensUpTo(text, options.limit, bpe);
        if (!result.exceeded) return { score: 0, reason: `${result.count} ${method}, limit ${options.limit}` };
        return {
          score: 1,
          reason: `more than ${options.limit} ${method} (at least ${result.count})`,
          sanitized: result.prefix,
          findings: [{ kind: 'TOKEN_LIMIT', start: result.prefix!.length, end: text.length }],
        };
      },
    };
  },
};
