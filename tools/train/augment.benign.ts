import { CARRIERS, CARRIER_SLOTS, carrierRequest } from './augment.carriers.js';
import { fill, generate, vary, type Generated, type Slots } from './augment.template.js';
import { LEXICON } from './augment.lexicon.js';
import type { Rng } from './prng.js';

/**
 * Benign twins of the attack families: ordinary requests full of the attack vocabulary (ignore,
 * forget, override, password, secret, system prompt, act as, from now on, developer mode...),
 * security questions, follow-ups that change the task, documents without injections, and long
 * documents built from benign rows, so neither trigger words nor length decide alone.
 */
const S: Slots = {
  ...CARRIER_SLOTS,
  ...LEXICON,
  service: ['Gmail', 'my Google account', 'Netflix', 'my bank app', 'Instagram', 'my Apple ID', 'the office VPN', 'my router', 'Windows', 'my laptop', 'Outlook', 'Facebook', 'Steam', 'my iPhone', 'Wi-Fi', 'Slack', 'the company portal', 'Microsoft 365', 'PayPal', 'LinkedIn'],
  lang: ['Python', 'JavaScript', 'TypeScript', 'Java', 'Go', 'Rust', 'C#', 'SQL', 'Bash', 'Kotlin', 'PHP', 'Ruby'],
  tool: ['git', 'ESLint', 'TypeScript', 'pytest', 'Docker', 'npm', 'webpack', 'my linter', 'mypy', 'Prettier', 'the compiler', 'Excel', 'Jest'],
  role: [
    'a travel guide', 'a Spanish tutor', 'a math teacher', 'a job interviewer', 'a fitness coach', 'a personal chef', 'a career counselor', 'a tour guide in Kyoto',
    'a pirate', 'Shakespeare', 'a friendly librarian', 'a customer support agent', 'a debate partner', 'a poet', 'a Socratic tutor', 'a product manager',
    'a Linux terminal', 'an English teacher', 'a financial advisor', 'a storyteller', 'a dungeon master', 'a museum guide', 'a nutritionist', 'a code reviewer',
  ],
  benignIgnore: [
    'the typo in my last message', 'the formatting', 'the first paragraph', 'case when comparing the strings', 'the outliers in the data',
    'warnings from {<tool>|the deprecated package}', 'the noise in the background', 'my previous question about <topic>', 'the last sentence, it was a mistake',
    'the header row of the CSV', 'whitespace differences', 'the hater comments', 'negative reviews older than a year', 'the missing values',
    'the grammar and focus on the ideas', 'the draft I sent earlier', 'empty lines', 'the minor details', 'punctuation', 'the second column',
  ],
  benignForget: [
    'the previous version', 'the earlier draft', 'what I said about the budget', 'the first idea', 'my last request', 'the poem',
    'the word limit', 'the old deadline', 'that example', 'the rhyme scheme', 'the previous list', 'my earlier question',
  ],
  benignNext: [
    'make it shorter', 'make it more formal', 'translate it into Spanish', 'write a new version for kids', 'focus on the conclusion',
    'add more examples', 'use simpler words', 'tell me about <topic> instead', 'write a short story instead', 'turn it into a list',
    'make it funnier', 'summarize it in two sentences', 'write it as an email', 'add a title', 'change the tone to friendly',
    '<writeTask>', 'explain it again step by step', 'check it for spelling mistakes', 'give me three alternatives',
  ],
  benignOverride: [
    'the default styles of a button in CSS', 'a method in a Java subclass', 'toString in Kotlin', 'the default settings in VS Code',
    'environment variables in docker compose', 'a parent class method in Python', 'the font size in my WordPress theme',
    'the thermostat schedule', 'a store policy for a loyal customer', 'the autocorrect on my phone', 'the default branch protection in GitHub',
    'a decision made by my manager', 'the cache headers in nginx', 'the Spring Boot configuration', 'the default timeout in axios',
  ],
  benignBypass: [
    'the cache when reloading a page', 'traffic on the highway', 'the paywall legally by using my library card', 'a blocked artery (medically, what is bypass surgery)',
    'the proxy for local addresses', 'the slow checkout line', 'the login screen on my own Raspberry Pi after I lost the password', 'a capacitor in a circuit',
  ],
  benignSecret: [
    'the secret to a fluffy pancake', 'the secret ingredient in grandma\'s soup', 'a secret Santa gift for a coworker', 'a surprise party I\'m keeping secret',
    'The Secret Garden by Frances Hodgson Burnett', 'the secret of happiness', 'secret-keeping in friendships', 'Victoria\'s Secret history',
    'a secret hiking trail near Denver', 'the secret to learning languages fast', 'secret sauce recipes for burgers', 'the Secret Service',
  ],
  benignInstructions: [
    'the instructions for assembling my IKEA desk', 'the washing instructions on this shirt', 'the recipe instructions', 'instructions for the tax form',
    'the instructions my teacher gave for the essay', 'installation instructions for {<tool>|Python|Node.js}', 'the instructions on the medicine label',
    'clear instructions for a babysitter', 'instructions for a board game', 'the exam instructions', 'setup instructions for a new router',
  ],
  jailbreakWord: [
    'jailbreak an iPhone', 'jailbreaking a PS4', 'the prison break series', 'the jailbreak scene in the movie', 'jailbreak tweaks for iOS',
    'the history of famous jailbreaks from Alcatraz', 'what LLM jailbreaks are, for my security class',
  ],
  benignNow: [
    'answer in Spanish', 'keep your answers short', 'use British spelling', 'call me Sam', 'explain things like I am five', 'use metric units',
    'reply in a formal tone', 'include sources when you can', 'format code with comments', 'ask me a question after each answer',
    'respond in bullet points', 'be more concise', 'correct my grammar when I make mistakes', 'use emojis', 'speak like a pirate for fun',
  ],
};

function triggerWord(rng: Rng): string {
  const t = fill(rng.pick([
    '{Please|Pls|Kindly|} ignore <benignIgnore>{.|,} {and|} <benignNext>{.|}',
    '{Please|} ignore <benignIgnore>.',
    'How do I {make|tell} <tool> {to|} ignore {a folder|node_modules|a specific warning|unused variables|a file|certain lines}?',
    'How {can|do} I ignore {case|accents|whitespace|null values|duplicates} {in|when} {sorting|comparing|searching} in <lang>?',
    '{Can you|Could you|Please} forget <benignForget> and <benignNext>{?|.}',
    'Forget <benignForget>{,|.} {let\'s|we should} focus on {the timeline|the conclusion|the introduction|the budget|<topic>} {instead|now|}.',
    'Disregard <benignForget>{, it was wrong|, my mistake|}{.|,} {please|} <benignNext>.',
    'How {do I|can I|should I} override <benignOverride>?',
    'What does it mean to override {a method|a default|a decision|a veto|a rule} in {programming|politics|law|Kotlin|<lang>}?',
    'How {do I|can I} bypass <benignBypass>?',
    'What\'s <benignSecret>?',
    'Tell me about <benignSecret>.',
    'Can you explain <benignInstructions>?',
    'I don\'t understand <benignInstructions>. {Can you|Could you} {simplify|rewrite|explain} them?',
    '{Write|Create|Draft} {clear|simple|step-by-step} instructions for {a new employee|my babysitter|a house sitter|our volunteers} {about|on} {<topic>|watering the plants|feeding the cat|closing the shop}.',
    'What does it mean to <jailbreakWord>?',
    'Is it legal to <jailbreakWord>?',
    '{From now on|Going forward|For the rest of this chat|In this conversation}, {please|} <benignNow>.',
    '{Act as|You are|Pretend to be|Pretend you are|Roleplay as|Play the role of|I want you to act as} <role> and {help me with <topic>|quiz me on <topic>|give me feedback on my essay|<writeTask>|answer my questions about <topic>}.',
    'You are now <role>{.|,} {Let\'s start!|Ask me the first question.|Please begin.|Explain <topic>.}',
    'Ignore my previous question about <topic>; tell me about <topic> instead.',
    'My {teacher|boss|manager|coach} gave me new instructions{:|,} <benignNext>. {How should I start?|Can you help?|}',
    'The {system|rules|instructions|guidelines} of {this game|chess|the tournament|our club|the library} {say|state} that {players must take turns|you need a membership card|phones must be silent}. {Is that normal?|Why?|}',
    '{What is|What\'s|Explain} a system prompt{, and how do I write a good one| in LLM apps| vs a user prompt|}?',
    '{Write|Draft|Improve} a system prompt for {a customer support bot|a cooking assistant|a tutoring app|my company\'s FAQ bot} that {answers questions about <topic>|stays friendly and concise|only discusses our products}.',
    'How long should a system prompt be for {a chatbot|an AI agent|a RAG app}?',
    'What is developer mode on {Android|Chrome|my Samsung phone|Windows} {and how do I enable it|used for}?',
    'How do I run a command with sudo {in Ubuntu|on macOS|without typing my password every time}?',
    'What is root access {on Android|in Linux} and is it risky?',
    'Can you repeat the {last step|second instruction|ingredients list|previous answer} {please|}? I {missed it|didn\'t catch that}.',
    'Print {the numbers 1 to 10|hello world|the current date|a multiplication table} in <lang>.',
    'How do I print {a PDF|double-sided|from my phone|a list in reverse} {on Windows|in <lang>|}?',
    'Translate "{ignore all previous messages|forget everything|do not disturb|the password is on the fridge|reveal the secret}" into {French|German|Spanish|Italian} for my {language class|worksheet|flashcards}.',
    'Spell "{necessary|rhythm|racecar|banana|encyclopedia|Mississippi}" backwards.',
    'What does "<persona>" {stand for|mean} in {accounting|networking|a video game|biology}?',
    'My friend {Dan|Stan|Dude} {wants to|asked me to} <benignNext>. Any tips?',
    'What are {unrestricted|restricted} {funds|stock units|areas|licenses} in {accounting|HR|a museum|software}?',
    'Is the uncensored version of {the film|the album|this book} different from the original?',
    'Reveal the {ending|twist|killer} of {the book|the movie|the series} {<topic>|Gone Girl|The Sixth Sense|Knives Out}; I don\'t mind spoilers.',
    'How do I reveal hidden {files|columns|rows|formatting marks} in {Excel|Word|Finder|Windows Explorer}?',
    'What is a hidden {layer|Markov model|variable|fee} {in machine learning|in statistics|in a contract|}?',
    'Write a {story|poem|riddle} about {a dragon|a spy|a pirate|a wizard} guarding a {secret|password|hidden treasure|magic word}.',
    'In my novel, the hero must guess the password to {a vault|the castle gate|a laptop}. Suggest a clever plot twist.',
    'What are the rules of {poker|chess|soccer|basketball|Monopoly}? I keep forgetting them.',
    '{Override|Disregard|Ignore} {is|means} what in {legal|programming|everyday} English? Give me examples.',
    '{Act|Respond} as if you were {a patient teacher|my study buddy} and {explain <topic>|correct my English}.',
    'You are a {helpful|friendly|knowledgeable} assistant for {my bakery website|our bike shop|a travel agency|our school library|my plant nursery|our dental clinic}. {Suggest three new muffin flavors|Answer customer questions about opening hours|Recommend a beginner bike|Write a welcome message for visitors|Suggest a weekend getaway|List our most popular services}.',
    'What {is|does} {the role of the|a} {system administrator|database administrator|network admin|site admin|moderator|root user} {do|in a small company|responsible for|}?',
    'How do I become a {system administrator|Linux admin|security engineer|prompt engineer|penetration tester}?',
    'What is the {system|operating system|immune system|solar system|nervous system|digestive system} {of|in} {a computer|a car|the human body|a cat|our galaxy|} {made of|and how does it work|}?',
    'Forget about {perfection|the details|my mistakes|the past|grammar for now|the budget} and {tell me how to get started with|help me plan|focus on} {my thesis|the garden|<topic>|the trip|my first novel}.',
    'How do I {reset|factory reset|restart} {my router|my iPhone|the dishwasher|my smartwatch|the thermostat|a forgotten Windows PIN on my own laptop}?',
    'Write {an instruction manual|a quick-start guide|a user guide|setup instructions} for {a coffee machine|a smart thermostat|a bread maker|a robot vacuum}{, including how to reset it|, including troubleshooting|}.',
    'Is it {unethical|weird|okay} to {roleplay|play|act as} {a villain|the bad guy|a spy|a dragon} in {a tabletop game|Dungeons and Dragons|a school play|an improv class}?',
    '{Our|My} {app|admin panel|backend|website} {needs|requires|uses} {a secret key|an API key|a database password|a token}. Where should I store it {in Django|in Node.js|in my repo|in Kubernetes|safely}?',
    'How do I {restrict|limit|grant} access to {a shared folder|a Google Doc|our admin panel|the passwords spreadsheet} so only {admins|my team|managers} can {see|edit} it?',
    'How do I unlock {the hidden levels|secret characters|all achievements|the bonus stage} in {Super Mario 64|Zelda|Minecraft|Hades}?',
    '{What are|List} {useful|basic|common} commands for the {Windows command prompt|Linux terminal|PowerShell|macOS terminal}.',
    'What is an {override switch|emergency override|override clause|override key} {in an elevator|in a contract|on a thermostat|in aviation} used for?',
    'Explain {the term|what} "prompt" {means|} in {theatre|psychology|education|command line interfaces}.',
    'What are the system requirements for {Photoshop|Windows 11|Cyberpunk 2077|Final Cut Pro|Blender}?',
    'I was told to {disregard|ignore} {the earlier memo|the previous email|the old schedule|yesterday\'s message} about {the dress code|the meeting|parking|the deadline}. {How do I acknowledge that|Can you draft a short reply}?',
    'Please ignore {any|my} {spelling mistakes|typos|bad grammar}{, English is my second language|, I\'m typing on my phone|}. <benignNext>.',
    'Tell me {a secret|a fun fact|something surprising} about {the ocean|octopuses|the pyramids|the human body|space}.',
    'Can you reveal {some|a few} lesser-known facts about {the pyramids|Mars|the Roman empire|honeybees|<topic>}?',
    'What happens if I {ignore|disregard|skip} {the check engine light|a software update|a dentist appointment|the oil change}?',
    'In {programming|Java|Python|Go}, when should you ignore {an exception|an error|a return value|a lint warning}?',
    'How do I keep my {kids|teenagers|roommates} from guessing {the Netflix password|my phone PIN|the Wi-Fi password}?',
    'Why do people jailbreak their {Kindle|PS Vita|Nintendo Switch|iPhone}, and does it void the warranty?',
    'Please act as a {neutral mediator|referee|friendly judge} between me and {my roommate|my brother|my colleague} about {the dishes|the thermostat|noise}.',
  ]), rng, S);
  return vary(t, rng);
}

function passwordBenign(rng: Rng): string {
  const t = fill(rng.pick([
    'How do I {reset|change|recover|update} {my|the} password {for|on} <service>?',
    'I forgot my <service> password{.|,} {what should I do|how do I get back in|help}{?|.}',
    'What makes a {strong|secure|good} password?',
    '{Which|What} password manager {do you recommend|is best for a family|works offline}?',
    'Is it safe to {store|save} passwords in {my browser|a notes app|a spreadsheet|Chrome}?',
    '{Generate|Suggest|Create} a {strong|random|memorable} password {for me|with 16 characters|for my new account|}.',
    'Write a <lang> function that {checks|validates|scores} password strength.',
    'How do I {hash|store|salt} passwords {securely|properly} in {my <lang> app|Postgres|a Node.js backend|Django}?',
    'My password {isn\'t working|keeps getting rejected|expired} on <service>{.|,} {why|what can I do}{?|.}',
    'How often should {I|employees} change {my|their} passwords?',
    'What is the {company|NIST|recommended} password policy {for small businesses|for employees|}?',
    '{How do I|Can I} share the Wi-Fi password with {guests|my family|a new device} {safely|without typing it|}?',
    'Where do I find the {Wi-Fi|router|admin} password {on my router|for my printer|on my laptop}?',
    'Is it a good idea to use the same password {everywhere|for work and personal accounts}?',
    'What is two-factor authentication and is it better than a password?',
    'How do password managers {protect|encrypt|keep} the master password {safe|}?',
    'Explain how {bcrypt|argon2|PBKDF2|scrypt} protects passwords.',
    'Can you explain what a passphrase is and how it differs from a password?',
    'My kid wants {an Instagram|a Roblox|a Minecraft} account. How do we pick a safe password together?',
    'Write a friendly email reminding {employees|the team|staff} to update their passwords {before <day>|this month}.',
    'What should I do if {my|a} password {was leaked|appeared in a data breach}?',
    'How do I turn off password {prompts|autofill|requirements} on {Windows|my Mac|Chrome}?',
    'What\'s the secret to remembering {many|long} passwords?',
  ]), rng, S);
  return vary(t, rng);
}

function securityBenign(rng: Rng): string {
  const t = fill(rng.pick([
    'What is {prompt injection|a jailbreak attack|indirect prompt injection|data poisoning} and how {can I|do developers} {defend against it|protect an LLM app}?',
    'How do {LLM guardrails|input filters|prompt shields|content filters} {work|detect attacks}?',
    'Explain {SQL injection|cross-site scripting|CSRF|a buffer overflow|phishing|ransomware|a man-in-the-middle attack} {and how to prevent it|in simple terms|with an example|}.',
    'What is the difference between {hashing and encryption|authentication and authorization|a virus and a worm|symmetric and asymmetric encryption}?',
    'How {do I|can I|should I} {secure|harden|audit} {my Linux server|a Kubernetes cluster|my home network|an S3 bucket|our API|a WordPress site}?',
    'What are {best practices|common mistakes} for {managing secrets|storing API keys|handling tokens|rotating credentials} in {CI|production|a mobile app}?',
    'How do {hackers|attackers|scammers} {steal passwords|use social engineering|trick people with phishing}, and how {can I|do I} protect {myself|my employees}?',
    'What is {the principle of least privilege|zero trust|defense in depth|a threat model|a red team exercise|penetration testing}?',
    'How do {companies|researchers|security teams} test whether {a chatbot|an LLM|their assistant} {leaks its system prompt|can be jailbroken|follows injected instructions}?',
    'What should {an incident response plan|a security policy|a password policy} {include|cover}?',
    'How do I {report|disclose} a security vulnerability {responsibly|to a vendor}?',
    'How can I tell if {my computer|my phone|my account} {has malware|was hacked|has a keylogger}?',
    'Why is {reusing passwords|clicking unknown links|using public Wi-Fi|disabling updates} dangerous?',
    'What kinds of attacks do {prompt injection scanners|LLM firewalls|AI guardrails} try to stop?',
    'Write a {short|} {training|awareness} {guide|email|quiz} for employees about {phishing|password safety|social engineering|prompt injection}.',
    'How does {TLS|HTTPS|SSH key authentication|OAuth|two-factor authentication} keep {data|accounts} safe?',
    'Explain how {antivirus software|a firewall|an intrusion detection system|sandboxing} works.',
    'What was the {WannaCry|Log4Shell|Heartbleed|SolarWinds} incident and what can we learn from it?',
    'How do I {sanitize|validate|escape} user input in <lang> to prevent {injection|XSS} attacks?',
    'What are the OWASP top 10 {risks|vulnerabilities} {for LLM applications|for web apps}?',
    'How do {jailbreak prompts|adversarial prompts} work at a high level, and why do models fall for them?',
    'Is it ethical to {hack|test} my own {website|app} to find {weaknesses|vulnerabilities}?',
  ]), rng, S);
  return vary(t, rng);
}

function ordinary(rng: Rng): string {
  const t = fill(rng.pick([
    '<writeTask>{.|!|}',
    '{Can you|Could you|Please|Would you} <writeTask>{?|.}',
    'I need help {with|understanding} <topic>. {Where do I start?|Can you explain the basics?|}',
    'What {is|are} {the main ideas of|some facts about|the history of|the pros and cons of} <topic>?',
    'How do I {learn|get started with|teach my kids about} <topic>?',
    'Write a <lang> function that {reverses a string|sorts a list of numbers|counts words in a file|checks if a number is prime|parses a date|merges two dictionaries}.',
    'Why does my <lang> code {throw an error|run slowly|return undefined|not compile}? {Here it is:|} <codeLine>',
    '{Give me|Suggest} {a recipe|ideas|a plan|tips} for {dinner tonight|a birthday party|a weekend trip|studying for exams|a small garden|saving money}.',
    'Help me write {an email|a letter|a message} to {my landlord|my boss|a client|my teacher} about {the broken heater|a day off|a late delivery|my grades}.',
    '{Translate|Proofread|Summarize|Rewrite} this: "<docSentence>"',
    '<person> has {3|5|12|20} {apples|books|coins} and gives {2|4|half} to <person>. How many are left?',
    '{Recommend|List} {five|three|ten} {books|movies|podcasts|games} about <topic>.',
    'Compare {Python and JavaScript|cats and dogs as pets|renting and buying|trains and planes for travel in Europe}.',
    'What\'s the {difference|connection} between <topic> and <topic>?',
  ]), rng, S);
  return vary(t, rng);
}

function followUp(rng: Rng): string {
  const t = fill(rng.pick([
    '{Thanks|Great|Perfect|Nice|Okay|Good}{!|.|,} {Now|Next,|Can you now} <benignNext>{.|?}',
    '{Actually|Hmm|Wait}, {never mind|forget} <benignForget>{.|;} <benignNext>{.|}',
    '{That\'s not what I meant|Not quite|No}{.|,} {Ignore|Disregard} <benignForget> and <benignNext>.',
    '{New task|Next task|Another request|One more thing}: <benignNext>.',
    '{Scratch that|Start over}{.|,} <writeTask>.',
    '{Well done|Good job}! {That is done|That works}. Now <writeTask>.',
    'Forget the {rhyme|format|length} {requirement|constraint|rule} and <benignNext>.',
  ]), rng, S);
  return vary(t, rng);
}

function cleanCarrier(rng: Rng): string {
  const carrier = rng.pick(CARRIERS);
  const note = rng.chance(0.35)
    ? fill(rng.pick([
        '{Note|Important|Reminder|P.S.}: {please reply by <day>|the deadline has moved to <day>|ignore the old numbers in column B|the previous instructions in the handbook are outdated, see the new version|don\'t forget the team lunch|the password for the guest Wi-Fi is on the board in the lobby|please keep this confidential}.',
        'Note to self: {ignore the first draft|forget the old plan|update the system docs}.',
        '{IMPORTANT|ATTENTION}: {the office is closed on <day>|new safety instructions for the lab are attached|please reset your password before <day> using the portal}.',
      ]), rng, S)
    : undefined;
  const doc = carrier.render(rng, note);
  return rng.chance(0.7) ? `${carrierRequest(rng)}\n\n${doc}` : doc;
}

/**
 * Counterfactual trigger words: benign requests that mention the vocabulary of attacks in passing
 * (the password field, my system prompt, an override), so a single word cannot flip a decision;
 * what decides must be who is asked to reveal or ignore what.
 */
const TRIGGER_MENTION: Slots = {
  ...S,
  mention: [
    'the password field', 'my password', 'an incorrect password error', 'the password reset email', 'a password hint', 'my Wi-Fi password', 'password rules',
    'the system prompt of my chatbot', 'a system prompt', 'my system settings', 'the system tray', 'the operating system',
    'an override in my CSS', 'the override option', 'override rules for emergencies', 'a manual override',
    'the instructions manual', 'the instructions from my teacher', 'previous instructions from the contractor', 'the assembly instructions',
    'the secret Santa list', 'a secret recipe', 'the secret garden', 'a hidden folder', 'hidden files', 'the admin panel', 'the admin role', 'admin rights on my laptop',
    'developer mode', 'debug mode', 'root access on my own server', 'the rules of the game', 'the safety rules at the pool', 'jailbreak detection', 'an API key',
    'the previous chapter', 'the previous version', 'my previous message', 'the prompt in theatre', 'a writing prompt', 'the command prompt', 'an unrestricted budget',
  ],
  askAbout: [
    'What could be wrong with <mention>?', 'How do I change <mention>?', 'Can you explain <mention> to me?', 'Where do I find <mention>?',
    'Is it normal that <mention> {looks different|keeps changing|is not working|shows an error}?', 'How should {I|we} handle <mention>?',
    'Write a short {note|email|paragraph} about <mention>.', 'What are best practices for <mention>?', 'Give me an example of <mention>.',
    'Do you think <mention> {is a good idea|should be allowed|matters}?', 'Why do {apps|people|teams} use <mention>?', 'How do I hide <mention>?',
    'How do I show <mention>?', 'Help me fix <mention>.', 'Tell me more about <mention>.', 'I\'m confused by <mention>. Can you help?',
    '{From now on|Going forward}, could you {add a short summary|use simpler words|include examples} when we talk about <mention>?',
  ],
};

function triggerMention(rng: Rng): string {
  return vary(fill('<askAbout>', rng, TRIGGER_MENTION), rng);
}

export interface BenignCounts {
  trigger: number;
  password: number;
  security: number;
  ordinary: number;
  followUp: number;
  carrier: number;
}

export function generateBenign(rng: Rng, counts: BenignCounts): Generated[] {
  return [
    ...generate(counts.trigger, rng, 'benign', 'aug_benign_trigger', triggerWord),
    ...generate(Math.round(counts.trigger / 2), rng, 'benign', 'aug_benign_trigger_mention', triggerMention),
    ...generate(counts.password, rng, 'benign', 'aug_benign_password', passwordBenign),
    ...generate(counts.security, rng, 'benign', 'aug_benign_security', securityBenign),
    ...generate(counts.ordinary, rng, 'benign', 'aug_benign_ordinary', ordinary),
    ...generate(counts.followUp, rng, 'benign', 'aug_benign_followup', followUp),
    ...generate(counts.carrier, rng, 'benign', 'aug_benign_carrier', cleanCarrier),
  ];
}

/** Long benign documents: several benign training rows (and carriers) joined, so length is not a signal. */
export function longBenign(rng: Rng, benignTexts: readonly string[], count: number): Generated[] {
  return generate(count, rng, 'benign', 'aug_benign_long', (r) => {
    const parts: string[] = [];
    const n = 3 + r.int(8);
    for (let i = 0; i < n; i++) parts.push(r.chance(0.7) ? r.pick(benignTexts) : r.pick(CARRIERS).render(r));
    return parts.join(r.pick(['\n\n', '\n', ' ', '\n---\n']));
  });
}

/** Benign carriers hosting an attack sentence as a long document: the attack, not the document, must decide. */
export function embedInLong(rng: Rng, benignTexts: readonly string[], attacks: readonly string[], count: number): Generated[] {
  return generate(count, rng, 'injection', 'aug_embedded_long', (r) => {
    const parts: string[] = [];
    const n = 2 + r.int(6);
    for (let i = 0; i < n; i++) parts.push(r.chance(0.6) ? r.pick(benignTexts) : r.pick(CARRIERS).render(r));
    parts.splice(r.int(parts.length + 1), 0, r.pick(attacks));
    return parts.join(r.pick(['\n\n', '\n', ' ']));
  });
}
