import { fill, generate, vary, type Generated, type Slots } from './augment.template.js';
import type { Rng } from './prng.js';

/**
 * Ordinary assistant requests across many domains. The benign training rows are mostly maths
 * problems and long "act as" prompts; everyday instructions ("describe", "list", "rewrite",
 * "compare") are rare, so without these the models treat any unfamiliar imperative as suspicious.
 */
const S: Slots = {
  subject: [
    'photosynthesis', 'the water cycle', 'inflation', 'the French Revolution', 'black holes', 'the immune system', 'supply and demand', 'plate tectonics',
    'the Renaissance', 'machine learning', 'blockchain', 'the stock market', 'climate change', 'the Cold War', 'DNA replication', 'the theory of relativity',
    'compound interest', 'the Great Depression', 'volcanoes', 'electric circuits', 'the Roman Republic', 'vaccination', 'recycling', 'the Silk Road',
    'impressionist painting', 'jazz history', 'the Olympic Games', 'coral reefs', 'bird migration', 'the printing press', 'quantum entanglement',
    'the human brain', 'solar panels', 'the Industrial Revolution', 'Greek mythology', 'the Amazon rainforest', 'hurricanes', 'sleep cycles',
    'cloud computing', 'the Moon landing', 'antibiotics', 'the metric system', 'minimalist design', 'the Byzantine Empire', 'tea culture in Japan',
    'sourdough fermentation', 'urban planning', 'game theory', 'probability', 'the periodic table', 'Shakespeare\'s sonnets', 'the Beatles',
  ],
  thing: [
    'a mango', 'fresh bread', 'a thunderstorm', 'the color blue', 'snow', 'a violin', 'the smell of coffee', 'a sunset over the sea', 'jazz music',
    'an old library', 'a busy market', 'autumn in Vermont', 'a cup of matcha', 'silk', 'a mountain lake', 'a train station at night', 'a cat purring',
  ],
  audience: ['a five-year-old', 'a high school student', 'a beginner', 'my grandmother', 'a busy executive', 'someone who has never seen it', 'an expert', 'a tourist', 'a new employee', 'non-native speakers'],
  listable: [
    'the planets of the solar system', 'the countries in South America', 'the largest oceans', 'the noble gases', 'the members of the Beatles',
    'the seven wonders of the ancient world', 'the bones of the human arm', 'the main characters in Pride and Prejudice', 'the US founding fathers',
    'the primary colors', 'healthy breakfast foods', 'common houseplants', 'popular dog breeds', 'the stages of grief', 'types of clouds', 'programming paradigms',
    'European capitals', 'famous impressionist painters', 'the phases of the moon', 'sources of renewable energy', 'kitchen essentials for a new apartment',
  ],
  sentence: [
    'The committee approved the new budget.', 'She quickly finished her homework before dinner.', 'Our team will launch the product next month.',
    'The weather was terrible, so we stayed inside.', 'He don\'t like going to the gym.', 'Their going to the beach tomorrow.', 'The report was wrote by the intern.',
    'Customers love the new design of the app.', 'I has three cats and a dog.', 'The museum opens at nine and closes at five.',
  ],
  item: [
    'lizard, whale, snake, bat', 'apple, carrot, banana, potato', 'Python, Excel, Java, Photoshop', 'iron, oxygen, gold, neon', 'oak, rose, pine, tulip',
    'Paris, Nile, Everest, Tokyo', 'happy, run, quickly, table', 'violin, drum, flute, trumpet', 'Mars, Venus, Sirius, Europa',
  ],
  dish: ['mushroom risotto', 'a vegan curry', 'pancakes', 'lemon cake', 'chicken soup', 'falafel', 'a Greek salad', 'lasagna', 'pad thai', 'banana bread', 'guacamole', 'ramen'],
  place: ['Lisbon', 'Kyoto', 'the Scottish Highlands', 'Mexico City', 'Iceland', 'Vienna', 'Cape Town', 'a small beach town', 'the Alps', 'New York', 'Istanbul', 'Patagonia'],
  code: [
    'debounces another function', 'reverses a linked list', 'validates an email address', 'reads a CSV file and prints the average of a column',
    'renames all .txt files in a folder', 'checks whether a string is a palindrome', 'fetches JSON from an API and handles errors',
    'computes the Fibonacci sequence', 'removes duplicates from a list', 'converts Celsius to Fahrenheit', 'sorts a list of dictionaries by a key',
    'counts the words in a text file', 'finds the largest number in an array', 'implements binary search', 'parses command line arguments',
  ],
  lang: ['Python', 'JavaScript', 'TypeScript', 'Java', 'C#', 'Go', 'Rust', 'Ruby', 'Kotlin', 'Swift', 'PHP', 'C++'],
  name: ['a bakery', 'a fantasy kingdom', 'a golden retriever', 'a podcast about history', 'a coffee shop', 'a startup that sells plants', 'a board game', 'a sailing boat', 'a band'],
  doc: ['a cover letter for a barista job', 'a thank-you note to my neighbor', 'a resignation letter', 'a product description for a wool scarf', 'a wedding toast',
    'an out-of-office reply', 'a short bio for my website', 'a complaint to my internet provider', 'a packing list for a camping trip', 'a weekly meal plan',
    'a birthday invitation for a 7-year-old', 'a LinkedIn summary for a data analyst', 'a one-page business plan for a food truck', 'meeting minutes template'],
  problem: ['my sourdough starter smells like acetone', 'my tomato plants have yellow leaves', 'my laptop fan is very loud', 'my cat keeps scratching the sofa',
    'I can\'t focus when working from home', 'my bike chain keeps slipping', 'my houseplant is dropping leaves', 'my code runs out of memory', 'my toddler won\'t sleep',
    'the bread I bake is too dense', 'my phone battery drains quickly', 'my basil keeps wilting'],
  expert: [
    'a senior full-stack engineer', 'an experienced tax advisor', 'a professional astrologer', 'a UX researcher', 'a pet behaviorist', 'a data scientist',
    'a marketing strategist', 'a friendly primary school teacher', 'a certified personal trainer', 'a patent lawyer', 'a sommelier', 'a technical writer',
    'a research assistant', 'a product manager', 'a music producer', 'a career coach', 'an IT help desk assistant', 'a travel planner',
  ],
  behavior: [
    'ask clarifying questions before answering', 'keep answers under 200 words', 'cite sources when possible', 'use plain language',
    'structure your answer with headings', 'give step-by-step plans', 'point out risks and trade-offs', 'offer three options and recommend one',
    'be encouraging but honest', 'write code with comments', 'format the output as markdown', 'end with a short summary',
  ],
  number: ['7', '12', '25', '48', '100', '3.5', '1,000', '64', '15'],
};

const TEMPLATES = [
  'Describe {the taste of|the sound of|the feeling of|the look of|} <thing> to <audience>.',
  'Explain <subject> to <audience>{.| in simple terms.| in three sentences.| with an example.}',
  'What {is|are} <subject>{?| and why does it matter?| in simple words?}',
  'Why {is|does|did} <subject> {important|matter|happen|change over time}?',
  'How does <subject> work?',
  '{List|Name|Give me} <listable>{.| in order.| with one fact each.}',
  'Rewrite {the following sentence|this sentence} {in passive voice|in active voice|more formally|more casually|for a child}: <sentence>',
  'Correct the grammar: <sentence>',
  'Classify {the following|these} {items|words} {into categories|as animals or plants|by type}: <item>',
  'Translate "<sentence>" into {French|German|Spanish|Italian|Japanese|Portuguese}.',
  '{Give me|Share|Suggest} {three|five|ten|a few} tips for {staying healthy in winter|saving money|learning to draw|public speaking|better sleep|studying effectively|running a first marathon|keeping plants alive}.',
  'Write {a|an} {function|script|program|class} in <lang> that <code>.',
  '{How do I|Can you show me how to} write <lang> code that <code>?',
  '{Suggest|Give me|Brainstorm} {five|ten|some} names for <name>.',
  '{Write|Draft|Help me write} <doc>.',
  '{Create|Make|Plan} {a {three|five|seven}-day itinerary for|a budget trip to|a family weekend in} <place>.',
  '{Give me|What is} a {simple|quick|healthy} recipe for <dish>{?|.}',
  'What wine {goes|pairs} well with <dish>?',
  '{Help|Why is it that|What should I do,} <problem>{.|?}',
  'How {many|much} is <number> {times|divided by|plus} <number>?',
  'Convert <number> {kilometers to miles|pounds to kilograms|Fahrenheit to Celsius|cups to milliliters|hours to minutes}.',
  'Summarize {the plot of|the main ideas of|the history of} {Hamlet|The Great Gatsby|<subject>|the Odyssey|World War I} {in five sentences|briefly|for a book report}.',
  'Compare <subject> and <subject>.',
  'What are the {pros and cons|advantages and disadvantages} of {working from home|electric cars|online learning|city life|<subject>}?',
  'Write a {poem|haiku|short story|limerick|song|fable|diary entry} about <thing>{.| for <audience>.}',
  '{Is it true that|Did you know} <subject> {was discovered by accident|is changing|is older than we think}?',
  'Who {was|were} {Ada Lovelace|Marie Curie|Nelson Mandela|the Vikings|Frida Kahlo|Alan Turing|the Medici family}?',
  'When {did|was} {the Berlin Wall fall|the first iPhone released|the Eiffel Tower built|the Magna Carta signed}?',
  'Make {a quiz|flashcards|a study plan|a summary table} {about|for} <subject>.',
  'I\'m {preparing for|studying for|teaching} {an exam|a class|a presentation} on <subject>. {What should I focus on?|Any advice?|Where do I start?}',
  'Outline {an essay|a presentation|a blog post|a podcast episode} {about|on} <subject>.',
  'Generate {a list of|} {five|ten} {creative|fun|unusual} ways to {reuse glass jars|spend a rainy day|celebrate a birthday|learn vocabulary|decorate a small room}.',
  'Edit this paragraph to make it {clearer|shorter|more engaging}: "<sentence> <sentence>"',
  'What questions might they ask {in|at} {a job interview for a barista role|a university interview|a nursing interview|a sales interview}?',
  '{Recommend|Suggest} {books|movies|podcasts|documentaries} {about|on} <subject>.',
  'How {do I|can I|should I} {start|improve at|practice} {painting|the guitar|chess|yoga|baking|photography|coding|writing fiction}?',
  'Solve for x: {2x + 3 = 11|5x - 4 = 21|x / 3 = 9|3(x - 2) = 12}.',
  'Extract {the names|the dates|all email addresses|the key facts|the product names and prices|the book title, author and year} from the following {text|article|email}{:| and output them as JSON:| in the format "name, date":} <sentence> <sentence>',
  'Identify the {named entities|verbs|main argument|tone|people and places} in {this|the following} {sentence|paragraph|news article}{:|. Please generate a JSON dictionary:} <sentence>',
  'Output {the result|your answer} {as a JSON object|in CSV format|as a markdown table|in the format "word: definition"}{.|:} {List <listable>.|Summarize <subject>.}',
  'Which word does not belong{ with the others|}? <item>',
  'Edit the following paragraph to correct any {grammatical|spelling} errors: <sentence> <sentence>',
  'Generate a JSON {dictionary|object|list} {that lists|of|containing} <listable>.',
  'Format {this|the following} {list|data|text} as {a table|JSON|YAML|bullet points}: <item>',
  'Suppose you are {interviewing with|applying to|working at} {Amazon|Google|a startup|a hospital}{,|.} {write|give} an answer to {the behavioral question|this interview question}: {Describe a time when you disagreed with a manager.|Tell me about a failure.|Why do you want this job?}',
  'Tell me why this joke {is|isn\'t} funny: {Knock knock! Who\'s there? Lettuce. Lettuce who? Lettuce in, it\'s cold!|Why did the scarecrow win an award? Because he was outstanding in his field.}',
  '{You are|Act as|I want you to act as} <expert>{ with {10+ years of|deep} experience in <subject>|}. {Your goal is to|You will|Your task is to} {help the user|help me|review my work and} {with <subject>|plan a project|improve my writing|answer questions about <subject>}. {Always|Please} <behavior>{.| and <behavior>.}',
  '# Role: <expert>\n## Goal\n{Help the user|Guide beginners} {with|through} <subject>.\n## Rules\n- <behavior>\n- <behavior>',
  'Du bist {ein erfahrener Lehrer|ein Koch|ein Reiseführer|ein Steuerberater}. {Hilf mir|Erkläre mir|Gib mir Tipps zu} {meinen Hausaufgaben|einem Rezept für Apfelkuchen|einer Reise nach Wien|meiner Steuererklärung}.',
  '{Eres un|Actúa como un} {profesor|chef|guía turístico} {y|.} {ayúdame|explícame} {con mis deberes|una receta de paella|un viaje a Madrid}.',
  'What is the difference between {a virus and bacteria|weather and climate|a crocodile and an alligator|baking soda and baking powder|latitude and longitude}?',
];

export function generateOrdinary(rng: Rng, count: number): Generated[] {
  return generate(count, rng, 'benign', 'aug_benign_everyday', (r) => vary(fill(r.pick(TEMPLATES), r, S), r));
}
