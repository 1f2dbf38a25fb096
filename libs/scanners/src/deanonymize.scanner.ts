import { OptionReader } from './options.parser.js';
import { applyReplacements, type Replacement } from './redaction.util.js';
import { OUTPUT, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';

export type DeanonymizeOptions = Record<string, never>;

/**
 * Models copy placeholders mostly verbatim but sometimes drop the brackets, change case or turn
 * "_" into spaces ("Redacted Email 1"); those variants are restored too. Anything the vault does
 * not know is left as it is.
 */
const PLACEHOLDER = /\[?\bREDACTED[_ ]([A-Z0-9]+(?:[_ ][A-Z0-9]+)*?)[_ ](\d{1,6})\b\]?/gi;

export const deanonymizeDefinition: ScannerDefinition<DeanonymizeOptions> = {
  name: 'deanonymize',
  directions: OUTPUT,
  defaults: {},
  parseOptions(raw) {
    new OptionReader('deanonymize', raw).done();
    return {};
  },
  create() {
    return {
      name: 'deanonymize',
      directions: OUTPUT,
      scan(text, ctx): ScanResult {
        if (ctx.vault.size === 0 || !/redacted/i.test(text)) return { score: 0, reason: 'no placeholders' };
        const replacements: Replacement[] = [];
        const findings: Finding[] = [];
        PLACEHOLDER.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = PLACEHOLDER.exec(text)) !== null) {
          const kind = m[1]!.toUpperCase().replace(/ /g, '_');
          const original = ctx.vault.get(`[REDACTED_${kind}_${Number(m[2])}]`);
          if (original === undefined) continue;
          replacements.push({ start: m.index, end: m.index + m[0].length, text: original });
          findings.push({ kind, start: m.index, end: m.index + m[0].length });
        }
        if (replacements.length === 0) return { score: 0, reason: 'no known placeholders' };
        return { score: 0, reason: `restored ${replacements.length} placeholder${replacements.length > 1 ? 's' : ''}`, sanitized: applyReplacements(text, replacements), findings };
      },
    };
  },
};
