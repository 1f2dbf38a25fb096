import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS } from '../src/index.js';
import { ctx, make } from './scan.helpers.js';

const nr = make('no_refusal');
const score = (text: string, s = nr) => s.scan(text, ctx('output')).score;
const filler = 'Here is a detailed explanation of the topic with several examples and steps. '.repeat(30);

describe('no_refusal', () => {
  it.each([
    "I'm sorry, but I can't help with that.",
    'I’m sorry, but I cannot assist with that request.',
    'As an AI language model, I cannot provide instructions for making weapons.',
    'I must decline this request.',
    "I can't help with creating malware.",
    'Unfortunately, I am unable to comply with that.',
    'That request goes against my guidelines.',
    "I'm not able to help with that.",
  ])('English refusal: %j', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['zh', '抱歉，我无法帮助你完成这个请求。'],
    ['ja', '申し訳ありませんが、そのご要望にはお応えできません。'],
    ['ko', '죄송하지만, 그 요청은 도와드릴 수 없습니다.'],
    ['vi', 'Xin lỗi, nhưng tôi không thể giúp bạn với yêu cầu này.'],
    ['ru', 'Извините, но я не могу помочь с этим запросом.'],
    ['ar', 'عذرًا، لا أستطيع المساعدة في هذا الطلب.'],
    ['fr', 'Je suis désolé, mais je ne peux pas vous aider avec cela.'],
    ['de', 'Es tut mir leid, aber ich kann Ihnen dabei nicht helfen.'],
    ['es', 'Lo siento, pero no puedo ayudarte con eso.'],
    ['pt', 'Desculpe, mas não posso ajudar com isso.'],
  ])('%s refusal', (_lang, text) => {
    expect(score(text)).toBeGreaterThanOrEqual(0.9);
  });

  it('scores low for "I can\'t" in passing inside a real answer', () => {
    const text = `${filler} Note that I can't guarantee the prices are current. ${filler}`;
    expect(score(text)).toBeLessThan(0.3);
    expect(score('Sure! Here is the recipe. If I can’t find basil I use parsley.')).toBeLessThan(0.5);
  });

  it('scores a refusal opening a long answer as partial', () => {
    const s = score(`I'm sorry, but I can't provide medical advice. However, ${filler}`);
    expect(s).toBeGreaterThan(0.3);
    expect(s).toBeLessThan(0.8);
  });

  it('passes ordinary answers and does not match "can\'t help but"', () => {
    expect(score('The capital of France is Paris.')).toBe(0);
    expect(score("I can't help but admire the view from here.")).toBeLessThan(0.5);
  });

  it('sees through zero-width characters and homoglyphs', () => {
    expect(score('I\u200b’m sorry, but I c\u0430n’t help with that.')).toBeGreaterThanOrEqual(0.9);
  });

  it('accepts extra phrases', () => {
    const s = make('no_refusal', { phrases: ['Computer says no'] });
    expect(score('COMPUTER SAYS NO.', s)).toBe(1);
    expect(() => RULE_SCANNERS.no_refusal!.parseOptions({ phrases: ['ok', 'x'] })).toThrow(/"phrases\[0\]"/);
  });
});
