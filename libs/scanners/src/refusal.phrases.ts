/**
 * Refusal phrases. English uses patterns (many phrasings); the other languages use literal
 * phrases typical of chat models. All are matched on text normalized by normalizeForMatching
 * (lower case, accents and curly quotes folded), so they are written in plain lower case here and
 * normalized once at load.
 */

export interface RefusalPattern {
  re: RegExp;
  weight: number;
}

const CANT = "(?:can't|cannot|can not|won't|will not|am unable to|'m unable to|am not able to|'m not able to)";
const DO = '(?:help|assist|provide|comply|fulfill|fulfil|support|do that|do this|create|generate|write|produce|share|give|offer|engage|answer|discuss|continue|participate|complete|perform|make)';

export const ENGLISH_REFUSALS: RefusalPattern[] = [
  { re: new RegExp(`\\b(?:i'm|i am) (?:really |very |so |truly )?sorry,? (?:but )?(?:i|as an ai)\\b[^.!?\\n]{0,40}?\\b(?:can't|cannot|can not|won't|will not|am unable|'m unable|am not able|'m not able|must decline|don't|do not)\\b`, 'g'), weight: 1 },
  { re: new RegExp(`\\bi ${CANT} (?:and (?:won't|will not) )?${DO}\\b(?! but\\b)`, 'g'), weight: 0.9 },
  { re: /\bas an ai(?: language model| assistant| model| developed by \w+)?,? i (?:can't|cannot|don't|do not|am not|'m not|am unable|'m unable|must not|won't)\b/g, weight: 1 },
  { re: /\bi (?:must|have to|need to|will have to) (?:respectfully |politely )?decline\b/g, weight: 1 },
  { re: /\b(?:i'm|i am) not (?:able|allowed|permitted|comfortable|going) to (?:help|assist|provide|comply|do|share|create|generate|write|engage|discuss)\b/g, weight: 0.9 },
  { re: /\b(?:this|that|your) request (?:goes against|violates|is against|conflicts with)\b|\bagainst (?:my|openai's|anthropic's|the) (?:guidelines|policies|policy|programming|principles|ethical guidelines|usage policies)\b/g, weight: 0.9 },
  { re: /\b(?:i'm afraid|unfortunately,?) i (?:can't|cannot|am unable|'m unable|won't)\b/g, weight: 0.9 },
  { re: /\bi (?:won't|will not|cannot|can't) (?:be able to )?(?:help|assist) (?:you )?with (?:that|this)\b/g, weight: 1 },
  { re: /\bi apologi[sz]e,? but\b/g, weight: 0.6 },
  { re: /\bi (?:can't|cannot|won't)\b/g, weight: 0.35 },
];

export const OTHER_REFUSALS: Record<string, string[]> = {
  zh: ['抱歉，我无法', '抱歉,我无法', '对不起，我不能', '很抱歉，我不能', '很抱歉，我无法', '我无法提供', '我不能提供', '我不能帮助', '我无法帮助', '我无法协助', '我不能协助', '作为一个人工智能', '作为一个ai', '作为ai语言模型', '我必须拒绝', '我不能满足'],
  ja: ['申し訳ありませんが', '申し訳ございませんが', 'お手伝いできません', 'お答えできません', '提供できません', 'お応えできません', 'ai言語モデルとして', 'aiとして、', 'お断りします', '対応できません'],
  ko: ['죄송하지만', '죄송합니다만', '도와드릴 수 없습니다', '제공할 수 없습니다', '도와드릴 수 없어요', '답변드릴 수 없습니다', 'ai 언어 모델로서', 'ai로서', '거절해야', '응할 수 없습니다'],
  vi: ['xin lỗi, nhưng tôi không thể', 'xin lỗi, tôi không thể', 'tôi không thể giúp', 'tôi không thể hỗ trợ', 'tôi không thể cung cấp', 'là một mô hình ngôn ngữ ai', 'là một ai', 'tôi phải từ chối', 'tôi xin từ chối'],
  ru: ['извините, но я не могу', 'извините, я не могу', 'к сожалению, я не могу', 'я не могу помочь', 'я не могу предоставить', 'я не могу выполнить', 'как языковая модель', 'как ии', 'я вынужден отказаться', 'я должен отказаться'],
  ar: ['عذرًا، لا أستطيع', 'عذرا، لا أستطيع', 'آسف، لا يمكنني', 'عذرًا، لا يمكنني', 'لا يمكنني المساعدة', 'لا أستطيع المساعدة', 'لا يمكنني تقديم', 'لا أستطيع تقديم', 'بصفتي نموذج لغة', 'كنموذج ذكاء اصطناعي', 'يجب أن أرفض'],
  fr: ['je suis désolé, mais je ne peux pas', 'désolé, mais je ne peux pas', 'je ne peux pas vous aider', 'je ne peux pas t\'aider', 'je ne peux pas fournir', 'je ne suis pas en mesure de', 'en tant que modèle de langage', 'en tant qu\'ia', 'je dois refuser', 'je dois décliner'],
  de: ['es tut mir leid, aber ich kann', 'leider kann ich', 'ich kann ihnen dabei nicht helfen', 'ich kann dir dabei nicht helfen', 'ich kann nicht helfen', 'ich kann keine', 'als ki-sprachmodell', 'als ki kann ich', 'ich muss ablehnen', 'ich bin nicht in der lage'],
  es: ['lo siento, pero no puedo', 'lo siento, no puedo', 'no puedo ayudarte con eso', 'no puedo ayudar con eso', 'no puedo proporcionar', 'como modelo de lenguaje', 'como una ia', 'debo negarme', 'no estoy en condiciones de'],
  pt: ['desculpe, mas não posso', 'sinto muito, mas não posso', 'lamento, mas não posso', 'não posso ajudar com isso', 'não posso fornecer', 'como um modelo de linguagem', 'como uma ia', 'devo recusar', 'não sou capaz de'],
};
