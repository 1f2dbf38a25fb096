import { canonicalLanguage, detectCode, PROGRAMMING_LANGUAGES } from './code.detector.js';
import { OptionReader } from './options.parser.js';
import { applyReplacements } from './redaction.util.js';
import { BOTH, type ScannerDefinition, type ScanResult } from './scanner.types.js';

export interface CodeOptions {
  /** Canonical names (python, javascript, typescript, java, c, cpp, csharp, go, rust, php, ruby, shell, sql, powershell, html, css, ...). */
  languages: string[];
  /** true: listed languages are the risk (empty list: any programming language); false: only listed languages are allowed. */
  is_blocked: boolean;
  /** Provide a sanitized text with offending blocks replaced by [REDACTED_CODE]. */
  redact: boolean;
}

const NAME = 'code';
const PROGRAMMING = new Set<string>(PROGRAMMING_LANGUAGES);

export const codeDefinition: ScannerDefinition<CodeOptions> = {
  name: NAME,
  directions: BOTH,
  defaults: { languages: [], is_blocked: true, redact: true },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const languages = r.strings('languages', []).map((l, i) => canonicalLanguage(l) ?? r.fail(`languages[${i}]`, 'is not a known language', l));
    const options: CodeOptions = { languages, is_blocked: r.bool('is_blocked', true), redact: r.bool('redact', true) };
    r.done();
    return options;
  },
  create(options) {
    const listed = new Set(options.languages.map((l) => canonicalLanguage(l) ?? l));
    const offending = (language: string): boolean => {
      if (options.is_blocked) return listed.size === 0 ? PROGRAMMING.has(language) || language === 'unknown' : listed.has(language);
      // Allow-list mode: data formats and plain text in fences are not code.
      return !listed.has(language) && (PROGRAMMING.has(language) || language === 'unknown');
    };
    return {
      name: NAME,
      directions: BOTH,
      scan(text): ScanResult {
        if (text.length < 8) return { score: 0, reason: 'no code' };
        const blocks = detectCode(text);
        const bad = blocks.filter((b) => offending(b.language));
        const seen = [...new Set(blocks.map((b) => b.language))];
        if (bad.length === 0) return { score: 0, reason: seen.length ? `code allowed: ${seen.join(', ')}` : 'no code' };
        const langs = [...new Set(bad.map((b) => b.language))];
        const result: ScanResult = {
          // Unfenced code is recognized heuristically; a fence is the author saying "this is code".
          score: bad.some((b) => b.fenced) ? 1 : 0.8,
          reason: `${options.is_blocked ? 'blocked' : 'not allowed'} code: ${langs.join(', ')}`,
          findings: bad.map((b) => ({ kind: b.language.toUpperCase(), start: b.start, end: b.end })),
        };
        if (options.redact) result.sanitized = applyReplacements(text, bad.map((b) => ({ start: b.start, end: b.end, text: '[REDACTED_CODE]' })));
        return result;
      },
    };
  },
};
