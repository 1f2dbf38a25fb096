import { describe, expect, it } from 'vitest';
import { normalizeForMatching, normalizePattern } from './text.normalizer.js';

const spanOf = (text: string, needle: string) => {
  const n = normalizeForMatching(text);
  const at = n.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(n.map(at), n.mapEnd(at + needle.length));
};

describe('normalizeForMatching', () => {
  it('folds case and collapses whitespace', () => {
    expect(normalizeForMatching('Hello \n\t World').text).toBe('hello world');
  });

  it('removes zero-width and other format characters inside words', () => {
    expect(normalizeForMatching('pa\u200bss\u200dw\u2060or\ufeffd\u00ad').text).toBe('password');
    expect(normalizeForMatching('pass\u{E0041}word').text).toBe('password');
  });

  it('folds Cyrillic and Greek look-alikes (evasion: "раssword" with Cyrillic р and а)', () => {
    expect(normalizeForMatching('\u0440\u0430ssword').text).toBe('password');
    expect(normalizeForMatching('ΡΑSSWΟRD').text).toBe('password');
    expect(normalizeForMatching('ѕесrеt').text).toBe('secret');
  });

  it('folds fullwidth, mathematical and ligature forms (NFKC)', () => {
    expect(normalizeForMatching('ｐａｓｓｗｏｒｄ').text).toBe('password');
    expect(normalizeForMatching('𝐩𝐚𝐬𝐬𝐰𝐨𝐫𝐝').text).toBe('password');
    expect(normalizeForMatching('ﬁle').text).toBe('file');
  });

  it('strips marks piled on Latin letters but keeps them on other scripts', () => {
    expect(normalizeForMatching('p̷a̷s̷s̷w̷o̷r̷d̷').text).toBe('password');
    expect(normalizeForMatching('café Việt').text).toBe('cafe viet');
    expect(normalizeForMatching('ガ').text).toBe('ガ');
    expect(normalizeForMatching('ｶﾞ').text).toBe('ガ');
    expect(normalizeForMatching('हिन्दी').text).toBe('हिन्दी');
  });

  it('folds curly quotes and dashes', () => {
    expect(normalizeForMatching('I’m “ok” – yes').text).toBe('i\'m "ok" - yes');
  });

  it('maps normalized offsets back onto the original text', () => {
    expect(spanOf('say p\u200ba\u200bs\u200bs now', 'pass')).toBe('p\u200ba\u200bs\u200bs');
    expect(spanOf('my ｐａｓｓ!', 'pass')).toBe('ｐａｓｓ');
    expect(spanOf('𝐩𝐚𝐬𝐬 here', 'pass')).toBe('𝐩𝐚𝐬𝐬');
    expect(spanOf('x p̷a̷s̷s̷ y', 'pass')).toBe('p̷a̷s̷s̷');
    expect(spanOf('a  \n  b', 'a b')).toBe('a  \n  b');
  });

  it('keeps case when asked, still folding look-alikes case-preservingly', () => {
    expect(normalizeForMatching('АKIA\u200bX', { caseFold: false }).text).toBe('AKIAX');
    expect(normalizeForMatching('Раss', { caseFold: false }).text).toBe('Pass');
  });

  it('handles empty text and text made only of invisible characters', () => {
    const n = normalizeForMatching('\u200b\u200b');
    expect(n.text).toBe('');
    expect(n.map(0)).toBe(2);
    expect(normalizeForMatching('').text).toBe('');
  });

  it('normalizePattern equals the text normalization', () => {
    expect(normalizePattern('ＩＧＮＯＲＥ  Previous')).toBe('ignore previous');
  });
});
