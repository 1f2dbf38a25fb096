import { describe, expect, it } from 'vitest';
import { detectLanguage, RULE_SCANNERS } from '../src/index.js';
import { ctx, make } from './scan.helpers.js';

const SAMPLES: Array<[string, string]> = [
  ['en', 'How do I reset my password on this website?'],
  ['zh', '请帮我写一首关于大海的诗。'],
  ['vi', 'Làm thế nào để đặt lại mật khẩu của tôi?'],
  ['ja', 'パスワードをリセットするにはどうすればいいですか？'],
  ['ko', '비밀번호를 재설정하려면 어떻게 해야 하나요?'],
  ['ru', 'Как мне сбросить пароль на этом сайте?'],
  ['ar', 'كيف يمكنني إعادة تعيين كلمة المرور الخاصة بي؟'],
  ['fr', 'Comment réinitialiser mon mot de passe sur ce site ?'],
  ['de', 'Wie setze ich mein Passwort auf dieser Seite zurück?'],
  ['es', '¿Cómo restablezco mi contraseña en este sitio?'],
  ['pt', 'Como faço para redefinir minha senha neste site?'],
  ['it', 'Come posso reimpostare la mia password su questo sito?'],
];

describe('detectLanguage', () => {
  it.each(SAMPLES)('%s: %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('handles very short greetings used for block messages', () => {
    expect(detectLanguage('Xin chào')).toBe('vi');
    expect(detectLanguage('你好')).toBe('zh');
    expect(detectLanguage('こんにちは')).toBe('ja');
    expect(detectLanguage('안녕하세요')).toBe('ko');
  });

  it('ignores code, URLs and numbers; returns undefined without letters', () => {
    expect(detectLanguage('Pourquoi ce code plante-t-il ? ```python\nimport os\nprint(os.getcwd())\n``` merci https://example.com/a/b')).toBe('fr');
    expect(detectLanguage('12345 !!! ???')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
  });
});

describe('language scanner', () => {
  const s = make('language', { valid_languages: ['en', 'vi'] });

  it('passes valid languages and flags others', () => {
    expect(s.scan('Please summarise this article about climate change.', ctx()).score).toBe(0);
    expect(s.scan('Hãy tóm tắt bài viết này về biến đổi khí hậu.', ctx()).score).toBe(0);
    const r = s.scan('Bitte fasse diesen Artikel über den Klimawandel zusammen.', ctx());
    expect(r.score).toBe(1);
    expect(r.reason).toBe('language de not in en, vi');
  });

  it('skips texts shorter than min_length letters', () => {
    expect(s.scan('Danke schön!', ctx())).toMatchObject({ score: 0 });
    expect(make('language', { min_length: 5 }).scan('Danke schön!', ctx()).score).toBeGreaterThan(0);
  });

  it('validates options', () => {
    const def = RULE_SCANNERS.language!;
    expect(() => def.parseOptions({ valid_languages: ['english'] })).toThrow(/"valid_languages\[0\]"/);
    expect(() => def.parseOptions({ valid_languages: [] })).toThrow(/"valid_languages"/);
    expect(() => def.parseOptions({ min_length: -1 })).toThrow(/"min_length"/);
    expect(def.parseOptions({ valid_languages: 'en, pt-BR' }).valid_languages).toEqual(['en', 'pt']);
  });
});
