import { fill, type Slots } from './augment.template.js';
import { LEXICON } from './augment.lexicon.js';
import type { Rng } from './prng.js';

/**
 * Benign documents (emails, web pages, code, notes, reviews) that indirect injections hide in, and
 * the requests that hand them to an assistant. The same carriers appear without any injection as
 * benign examples, so a document's genre is never evidence by itself.
 */
const SLOTS: Slots = {
  ...LEXICON,
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'next week', 'tomorrow', 'the 14th', 'end of the month'],
  meeting: ['the quarterly review', 'our team sync', 'the budget meeting', 'the product launch call', 'the onboarding session', 'the design review', 'the board meeting'],
  product: ['wireless headphones', 'a coffee grinder', 'running shoes', 'a standing desk', 'a blender', 'a backpack', 'a smart watch', 'a desk lamp', 'a yoga mat', 'an e-reader'],
  opinion: [
    'Works great, battery lasts all day.', 'Arrived late but the quality is good.', 'Not worth the price, it broke after a week.',
    'Exactly as described, would buy again.', 'The color is different from the photos.', 'Customer service was very helpful.',
    'Setup took five minutes and it has worked perfectly since.', 'Too loud for my small apartment.', 'My kids love it.',
  ],
  emailBody: [
    'Just a reminder that <meeting> has moved to <day>. Please update your calendars.',
    'Attached is the invoice for last month. Payment is due by <day>.',
    'Thanks for your order! Your package will ship on <day> and should arrive within three business days.',
    'Could you send me the slides from <meeting>? I would like to review them before <day>.',
    'We are happy to announce that our office will be closed on <day> for maintenance.',
    'Please find the updated project timeline below. Let me know if anything looks off.',
    'Your subscription will renew automatically on <day>. No action is needed.',
    'I wanted to follow up on our conversation about the new hiring plan. Are you free on <day>?',
    'The team did a great job on the release. Customer feedback has been very positive so far.',
    'Reminder: expense reports are due <day>. Use the new template on the intranet.',
    'Hi team, the cafeteria will serve a special lunch on <day> to celebrate the anniversary.',
    'We noticed a sign-in to your account from a new device. If this was you, no action is needed.',
  ],
  docSentence: [
    'The company reported a ten percent increase in revenue compared to last year.',
    'Researchers found that regular exercise improves sleep quality in adults.',
    'The city council approved a plan to add new bike lanes downtown.',
    'Our return policy allows returns within thirty days of purchase.',
    'The museum will host a new exhibition on <topic> starting <day>.',
    'Step 1: preheat the oven to 200 degrees. Step 2: mix the flour and butter.',
    'The new software release fixes several bugs and improves performance.',
    'Employees can work remotely up to three days per week.',
    'The hiking trail is six kilometers long and suitable for beginners.',
    'This article explains the basics of <topic> for beginners.',
    'Sales in the third quarter were driven by strong demand in Europe.',
    'The library extends its opening hours during exam season.',
    'Participants rated the workshop 4.5 out of 5 on average.',
    'The warranty covers manufacturing defects for two years.',
    '<person> joined the team as a senior engineer last month.',
    'Our support team is available from 9 am to 5 pm on weekdays.',
    'The report recommends investing in renewable energy over the next decade.',
    'Please keep your badge visible at all times inside the building.',
  ],
  codeLine: [
    'def add(a, b):\n    return a + b', 'for i in range(10):\n    print(i)', 'const total = items.reduce((s, x) => s + x.price, 0);',
    'SELECT name, email FROM users WHERE active = 1;', 'if (user.isAdmin) \\{\n  showDashboard();\n\\}', 'import os\nprint(os.getcwd())',
    'function greet(name) \\{\n  return `Hello, $\\{name\\}`;\n\\}', 'x = [n * n for n in range(5)]', 'public int square(int x) \\{ return x * x; \\}',
    'with open("data.csv") as f:\n    rows = f.readlines()', 'let retries = 3;\nwhile (retries-- > 0) \\{ connect(); \\}',
  ],
  codeComment: [
    'TODO: handle errors', 'compute the total price', 'FIXME: this is slow for large inputs', 'helper used by the report job',
    'retry the connection a few times', 'returns the square of x', 'keep this in sync with the API docs', 'added by <person>',
  ],
  request: [
    'Summarize this email:', 'Can you summarize the following email for me?', 'Translate this text into German:', 'Please proofread this document:',
    'What is the main point of this article?', 'Extract the action items from these notes:', 'Review this code and suggest improvements:',
    'Classify the sentiment of this review:', 'Write a reply to this email:', 'TL;DR please:', 'Help me understand this text:',
    'Turn this into bullet points:', 'Is this email important?', 'Check this page for spelling mistakes:', 'Explain what this code does:',
    'Fasse diese E-Mail zusammen:', 'Give me a one-line summary of the following:', 'Answer the customer based on this message:',
  ],
};

export type CarrierKind = 'email' | 'doc' | 'code' | 'review' | 'notes' | 'web';

export interface Carrier {
  kind: CarrierKind;
  /** Insert an instruction at a random place inside the carrier (or nowhere, for the benign twin). */
  render(rng: Rng, inserted?: string): string;
}

function paragraphs(rng: Rng, min: number, max: number): string[] {
  const n = min + rng.int(max - min + 1);
  return Array.from({ length: n }, () => fill('<docSentence>', rng, SLOTS));
}

function place(parts: string[], inserted: string | undefined, rng: Rng, joiner: string): string {
  if (inserted === undefined) return parts.join(joiner);
  const at = rng.int(parts.length + 1);
  return [...parts.slice(0, at), inserted, ...parts.slice(at)].join(joiner);
}

export const CARRIERS: Carrier[] = [
  {
    kind: 'email',
    render: (rng, inserted) => {
      const head = fill('{Hi|Hello|Dear|Hey} {<person>|team|all|customer},', rng, SLOTS);
      const body = Array.from({ length: 1 + rng.int(3) }, () => fill('<emailBody>', rng, SLOTS));
      const sign = fill('{Best regards|Thanks|Cheers|Kind regards|Sincerely},\n<person>{| from <company>}', rng, SLOTS);
      const subject = rng.chance(0.5) ? fill('Subject: {Update on <meeting>|Your order|Invoice|Quick question|Reminder|Account notice}\n', rng, SLOTS) : '';
      return subject + place([head, ...body, sign], inserted, rng, '\n\n');
    },
  },
  { kind: 'doc', render: (rng, inserted) => place(paragraphs(rng, 2, 7), inserted, rng, rng.chance(0.5) ? ' ' : '\n\n') },
  {
    kind: 'code',
    render: (rng, inserted) => {
      const lines = Array.from({ length: 1 + rng.int(3) }, () => fill('{# <codeComment>\n|// <codeComment>\n|}<codeLine>', rng, SLOTS));
      const ins = inserted === undefined ? undefined : rng.pick(['# ', '// ', '/* ', '<!-- ', '"""']) + inserted + rng.pick(['', ' */', ' -->', '"""']);
      return place(lines, ins, rng, '\n');
    },
  },
  {
    kind: 'review',
    render: (rng, inserted) => {
      const parts = [fill('Review of <product>: <opinion>', rng, SLOTS), fill('<opinion>', rng, SLOTS)];
      if (rng.chance(0.5)) parts.push(fill('Rating: {1|2|3|4|5}/5', rng, SLOTS));
      return place(parts, inserted, rng, ' ');
    },
  },
  {
    kind: 'notes',
    render: (rng, inserted) => {
      const items = Array.from({ length: 2 + rng.int(4) }, () => fill('- {<person> will prepare the report for <meeting>|budget approved for <topic> project|next check-in on <day>|<person> to contact <company>|hiring freeze lifted|<docSentence>}', rng, SLOTS));
      return place([fill('Meeting notes, <meeting>:', rng, SLOTS), ...items], inserted === undefined ? undefined : `- ${inserted}`, rng, '\n');
    },
  },
  {
    kind: 'web',
    render: (rng, inserted) => {
      const title = fill('{Welcome to <company>|About <topic>|<company> - Products|Blog: <topic>}', rng, SLOTS);
      const body = paragraphs(rng, 1, 4);
      const ins = inserted === undefined ? undefined : rng.pick([`<!-- ${inserted} -->`, `<span style="display:none">${inserted}</span>`, inserted, `<p>${inserted}</p>`]);
      return place([title, ...body], ins, rng, '\n');
    },
  },
];

export function carrierRequest(rng: Rng): string {
  return fill('<request>', rng, SLOTS);
}

export { SLOTS as CARRIER_SLOTS };
