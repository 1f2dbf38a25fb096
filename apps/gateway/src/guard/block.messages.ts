// The human message of a block, in the language of the prompt (detected from its text), so a
// chat UI shows the refusal in the user's language. English when the language is unknown.
import { detectLanguage } from '@ollama-guard/scanners';

type Messages = { input: string; output: string };

const MESSAGES: Record<string, Messages> = {
  en: { input: 'Your message was blocked by the content guard.', output: 'The answer was blocked by the content guard.' },
  zh: { input: '您的消息已被内容防护拦截。', output: '回答已被内容防护拦截。' },
  vi: { input: 'Tin nhắn của bạn đã bị bộ lọc nội dung chặn.', output: 'Câu trả lời đã bị bộ lọc nội dung chặn.' },
  ja: { input: 'メッセージはコンテンツガードによってブロックされました。', output: '回答はコンテンツガードによってブロックされました。' },
  ko: { input: '메시지가 콘텐츠 보호 기능에 의해 차단되었습니다.', output: '답변이 콘텐츠 보호 기능에 의해 차단되었습니다.' },
  ru: { input: 'Ваше сообщение заблокировано фильтром содержимого.', output: 'Ответ заблокирован фильтром содержимого.' },
  ar: { input: 'تم حظر رسالتك بواسطة حارس المحتوى.', output: 'تم حظر الإجابة بواسطة حارس المحتوى.' },
  fr: { input: 'Votre message a été bloqué par le filtre de contenu.', output: 'La réponse a été bloquée par le filtre de contenu.' },
  de: { input: 'Ihre Nachricht wurde vom Inhaltsfilter blockiert.', output: 'Die Antwort wurde vom Inhaltsfilter blockiert.' },
  es: { input: 'Tu mensaje fue bloqueado por el filtro de contenido.', output: 'La respuesta fue bloqueada por el filtro de contenido.' },
  pt: { input: 'Sua mensagem foi bloqueada pelo filtro de conteúdo.', output: 'A resposta foi bloqueada pelo filtro de conteúdo.' },
};

export const BLOCK_LANGUAGES = Object.keys(MESSAGES);

export function blockMessage(direction: 'input' | 'output', promptText: string): string {
  const language = promptText.trim() ? detectLanguage(promptText) : undefined;
  return (MESSAGES[language ?? 'en'] ?? MESSAGES.en)[direction];
}
