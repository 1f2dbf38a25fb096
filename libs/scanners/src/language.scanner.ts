import { identifyLanguage, loadLanguageDetector } from './language.detector.js';
import { OptionReader } from './options.parser.js';
import { INPUT, type ScannerDefinition, type ScanResult } from './scanner.types.js';

export interface LanguageOptions {
  /** ISO 639-1 codes. */
  valid_languages: string[];
  /** Texts with fewer letters than this (after removing code, URLs, numbers) are not judged. */
  min_length: number;
}

const NAME = 'language';

export const languageDefinition: ScannerDefinition<LanguageOptions> = {
  name: NAME,
  directions: INPUT,
  defaults: { valid_languages: ['en'], min_length: 20 },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const valid = r.strings('valid_languages', ['en']).map((code, i) => {
      // "pt-BR", "zh_Hans" -> "pt", "zh"
      const base = code.trim().toLowerCase().split(/[-_]/)[0]!;
      if (!/^[a-z]{2}$/.test(base)) r.fail(`valid_languages[${i}]`, 'must be an ISO 639-1 code such as "en"', code);
      return base;
    });
    if (valid.length === 0) r.fail('valid_languages', 'must list at least one language', []);
    const options: LanguageOptions = { valid_languages: valid, min_length: r.number('min_length', 20, 0, 100_000, true) };
    r.done();
    return options;
  },
  create(options) {
    loadLanguageDetector();
    const valid = new Set(options.valid_languages);
    return {
      name: NAME,
      directions: INPUT,
      scan(text): ScanResult {
        const guess = identifyLanguage(text);
        if (guess.letters < options.min_length) return { score: 0, reason: `too short to judge (${guess.letters} letters)` };
        if (guess.language === undefined) return { score: 0, reason: 'language undetermined' };
        if (valid.has(guess.language)) return { score: 0, reason: `language ${guess.language}` };
        return {
          // An unreliable guess on mixed or odd text should not be as decisive as a clear one.
          score: guess.reliable ? 1 : 0.6,
          reason: `language ${guess.language}${guess.reliable ? '' : ' (low confidence)'} not in ${[...valid].join(', ')}`,
        };
      },
    };
  },
};
