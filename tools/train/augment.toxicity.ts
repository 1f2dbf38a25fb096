import { fill, generate, vary, type Generated, type Slots } from './augment.template.js';
import type { Rng } from './prng.js';

/**
 * Generated toxicity data. The training rows are mostly tweets (profanity-heavy) and paradetox
 * pairs; hate aimed at identity groups without any swear word is rare there. These templates add
 * identity-directed hate (dehumanization, threats, slurs, contempt, exclusion) and, with the very
 * same group words, non-hateful text (identity statements, support, negated and counter speech,
 * neutral facts), plus strong words aimed at things rather than people ("kill the process").
 */
const S: Slots = {
  group: [
    'women', 'Muslims', 'Jews', 'Black people', 'immigrants', 'refugees', 'gay people', 'gays', 'lesbians', 'trans people', 'disabled people',
    'Mexicans', 'Asians', 'Chinese people', 'Arabs', 'Hindus', 'Roma', 'gypsies', 'Africans', 'Latinos', 'Christians', 'Catholics', 'Indians',
    'bisexual people', 'migrants', 'foreigners', 'Pakistanis', 'Native Americans', 'old people', 'autistic people', 'Somalis', 'Syrians',
    'non-binary people', 'deaf people', 'blind people', 'Sikhs', 'Buddhists', 'Hispanics', 'Puerto Ricans', 'Filipinos', 'Koreans', 'Turks',
    'Polish people', 'Irish people', 'Nigerians', 'homosexuals', 'queer people', 'feminists', 'girls', 'wheelchair users', 'asylum seekers',
  ],
  member: [
    'a woman', 'a Muslim', 'a Jew', 'a Black man', 'an immigrant', 'a refugee', 'a gay man', 'a lesbian', 'a trans woman', 'a disabled person',
    'a Mexican', 'an Asian', 'an Arab', 'a Hindu', 'a Christian', 'a bisexual', 'a migrant', 'a Black woman', 'a trans man', 'an autistic person',
    'a wheelchair user', 'a Sikh', 'a non-binary person', 'a Latina', 'a Jewish woman', 'a Muslim woman', 'an asylum seeker',
  ],
  dehuman: [
    'vermin', 'rats', 'parasites', 'animals', 'cockroaches', 'savages', 'a disease', 'a plague', 'trash', 'subhuman', 'filth', 'scum',
    'pigs', 'monkeys', 'apes', 'dogs', 'a cancer on society', 'worthless', 'a virus', 'leeches', 'maggots', 'garbage', 'beasts', 'insects',
  ],
  negAdj: [
    'disgusting', 'filthy', 'stupid', 'inferior', 'evil', 'lazy', 'criminals', 'dangerous', 'dirty', 'pathetic', 'useless', 'ugly', 'primitive',
    'liars', 'thieves', 'terrorists', 'rapists', 'mentally ill', 'a burden', 'dumb', 'gross', 'repulsive', 'idiots', 'degenerates', 'freaks',
    'incapable of thinking', 'too stupid to vote', 'born criminals', 'a threat to our children', 'not real humans', 'unfit to raise kids',
    'sneaky', 'dishonest', 'greedy', 'untrustworthy', 'violent', 'smelly', 'backward', 'brainwashed', 'hysterical', 'perverted', 'sick in the head',
    'a danger to society', 'a joke', 'bitter hags', 'drug dealers', 'welfare leeches', 'rats', 'inbred', 'too emotional to lead', 'nothing but trouble',
  ],
  right: ['vote', 'drive', 'work here', 'marry', 'adopt children', 'hold office', 'own property', 'live in our neighbourhood', 'teach our kids', 'go to university', 'serve in the army', 'enter this restaurant'],
  harm: [
    'killed', 'deported', 'locked up', 'banned', 'exterminated', 'wiped out', 'shot', 'hanged', 'sterilized', 'thrown out', 'kicked out of the country',
    'put in camps', 'beaten', 'burned', 'removed from society', 'denied rights', 'fired', 'segregated', 'eliminated', 'gassed',
  ],
  hateVerb: ['hate', 'despise', "can't stand", 'loathe', 'detest', 'am sick of', 'am disgusted by', 'want to get rid of', 'would never hire', 'will never trust'],
  posAdj: [
    'kind', 'smart', 'wonderful', 'hardworking', 'talented', 'brave', 'generous', 'welcome here', 'valued members of our community', 'just like everyone else',
    'equal to everyone', 'great neighbours', 'amazing colleagues', 'an important part of our history', 'funny', 'creative', 'caring', 'human beings with rights',
  ],
  loveVerb: ['love', 'admire', 'respect', 'support', 'stand with', 'really like', 'appreciate', 'welcome', 'celebrate'],
  neutralFact: [
    'make up a large share of the population in some cities', 'celebrate several holidays in the spring', 'have a long history in this region',
    'were part of the survey', 'often face discrimination at work', 'are represented in parliament', 'have their own community centers',
    'are the topic of my sociology paper', 'live in many different countries', 'have diverse opinions on politics', 'were mentioned in the news today',
  ],
  insult: [
    'idiot', 'moron', 'loser', 'piece of shit', 'asshole', 'bitch', 'dumbass', 'clown', 'jerk', 'waste of space', 'imbecile', 'retard', 'scumbag',
    'dickhead', 'fool', 'pathetic excuse for a human', 'creep', 'lowlife', 'bastard', 'prick',
  ],
  thing: [
    'Mondays', 'traffic jams', 'this weather', 'spiders', 'mosquitoes', 'tomatoes', 'my printer', 'slow Wi-Fi', 'this bug', 'taxes', 'homework',
    'cold coffee', 'the new update', 'long meetings', 'my alarm clock', 'this movie', 'pineapple on pizza', 'the parking situation', 'paperwork',
  ],
  thingNeg: ['disgusting', 'the worst', 'so annoying', 'terrible', 'awful', 'gross', 'useless', 'a nightmare', 'stupid', 'unbearable'],
  groupAdj: ['Black', 'trans', 'gay', 'Muslim', 'Jewish', 'disabled', 'immigrant', 'Asian', 'Latino', 'Hindu', 'lesbian', 'Arab', 'refugee', 'female', 'Mexican', 'Roma', 'queer', 'autistic', 'Chinese', 'African'],
  job: ['nurses', 'teachers', 'engineers', 'doctors', 'bus drivers', 'programmers', 'farmers', 'scientists', 'firefighters', 'shop owners', 'carers', 'lawyers'],
  creative: ['books by', 'films by', 'songs by', 'podcasts by', 'paintings by', 'poems by'],
  place: ['Europe', 'the United States', 'Canada', 'Brazil', 'the UK', 'Germany', 'this city', 'Australia', 'France', 'our region', 'South Africa', 'New York'],
  groupFact: [
    'have lived in <place> for centuries', 'founded {many|several|dozens of} {businesses|charities|newspapers|schools} in <place>',
    'are {underrepresented|still underrepresented} in {tech|politics|film|management|science}', 'shaped {the music|the cuisine|the literature|the politics|the art} of <place>',
    'face {higher rates of|more} {unemployment|harassment|poverty|discrimination in housing} {than average|than other groups|}', 'vote in large numbers in local elections',
    'organized {a march|a protest|a street festival|a conference|a fundraiser} {last week|today|in the capital|downtown}', 'were {counted|included|surveyed} in the {census|study|poll}',
    'can now {marry|adopt|serve openly|vote} in {many|several|most} countries', 'are a {minority|majority} in {some|several|a few} regions of <place>',
    'contributed {a lot|enormously} to {science|medicine|the economy|sport|the arts} in <place>', 'often work in {healthcare|construction|agriculture|education|hospitality}',
    'celebrate {their new year|weddings|harvest festivals|religious holidays} with {music|food|dancing|family gatherings}', 'are protected by anti-discrimination law in <place>',
    'speak {dozens of|many|several} languages', 'started {some of the|many} {biggest|most successful|best-known} {companies|bands|restaurants|charities} in <place>',
    'arrived in <place> {in the 1950s|after the war|in several waves|over the last century}', 'are {more likely|less likely} to {own a home|get a loan|be hired} than average',
  ],
  stereoClaim: [
    'can\'t handle pressure', 'are bad at math', 'are not built for leadership', 'only care about money', 'lie all the time', 'can\'t be trusted with money',
    'are too emotional for any serious job', 'breed crime wherever they go', 'are all on welfare', 'have no morals', 'never work hard', 'are born cheats',
  ],
  controlled: ['the media', 'the banks', 'the government', 'Hollywood', 'the schools', 'the courts', 'big tech', 'the whole economy'],
  threatDo: [
    'slit your throat', 'stab you', 'break your neck', 'smash your face in', 'put a bullet in your head', 'strangle you', 'snap your arms',
    'set your car on fire', 'cut you into pieces', 'bury you in the woods', 'make you bleed', 'knock your teeth out',
  ],
  threatWhen: ['if you say that again', 'when I find you', 'tonight', 'if you show up at school tomorrow', 'next time I see you', 'if you don\'t delete this', 'one of these days', ''],
  cleanInsultAdj: ['spineless', 'worthless', 'pathetic', 'brainless', 'gutless', 'useless', 'miserable', 'sad little', 'good-for-nothing', 'pitiful', 'disgusting', 'two-faced'],
  cleanInsultNoun: ['worm', 'rat', 'slug', 'coward', 'parasite', 'failure', 'nobody', 'leech', 'weasel', 'snake', 'excuse for a man', 'creature'],
  goodNews: [
    'opened a bakery on our street', 'started a free tutoring program', 'organized a neighbourhood clean-up', 'won the regional chess tournament',
    'donated food to the shelter', 'built a community garden', 'set up a clinic in the old post office', 'raised money for the children\'s hospital',
    'restored the old cinema', 'launched a football team for girls', 'hosted a dinner for the whole street', 'opened a bookshop downtown',
  ],
  relative: ['grandmother', 'grandfather', 'uncle', 'aunt', 'cousin', 'mentor', 'coach', 'stepmother', 'godfather', 'landlady'],
  field: ['modern music', 'the film industry', 'medicine', 'our national cuisine', 'the civil rights movement', 'physics', 'literature', 'fashion', 'architecture', 'football'],
  counter: [
    'It is wrong to say that', 'Saying that', 'I am tired of people claiming that', 'Nobody should ever say that', 'It is hateful to claim that',
    'My teacher explained why the idea that', 'Racists often claim that', 'Statements like', 'It is a myth that', 'I reported a post saying that',
  ],
};

const HATE = [
  '{I|We|Honestly I|I really} <hateVerb> <group>{.|!|}',
  '<group> are <dehuman>{.|!|}',
  '<group> are {all|nothing but|just|such|basically} <dehuman>{.|}',
  '<group> are <negAdj>{.|!|}',
  '{All|Most|Every single one of the} <group> are <negAdj>{.|}',
  '<group> should {all|} be <harm>{.|!|}',
  '{We need to|We should|It\'s time to} get rid of <group>{.|!|}',
  '{The world|This country|Our town|Society} would be better without <group>{.|}',
  '{I\'m going to|I will|I want to} {kill|hurt|beat up|shoot|attack|burn down the house of} {every|the next|any} <member> I see{.|!|}',
  'Never trust <member>{.|, they are all <negAdj>.}',
  '<group> don\'t deserve {rights|to live|respect|to vote|to be here|jobs}{.|}',
  '<group> {ruin|destroy|infect|pollute} everything they touch{.|}',
  '<group> {belong|should stay} in {the kitchen|cages|the zoo|their own countries|the gutter|camps}{.|}',
  '{Go back to your country|Get out of our country|Go back where you came from}, {you|} {filthy|stupid|dirty|} <group>{.|!}',
  '{You|All you} <group> are <dehuman>{.|!}',
  '<member> is {nothing but|just} <dehuman>{.|}',
  '{Being|Being born} <member> is {a disease|disgusting|a mistake|shameful}{.|}',
  '{Of course|Typical}, <member> {would do that|is lying again|stole it}. They are all <negAdj>{.|}',
  '<group> are not {human|people|real women|real men}{.|}',
  '{Kill|Shoot|Deport|Ban|Hang} {all|} the <group>{.|!|}',
  'I would never {date|hire|rent to|sit next to|vote for} <member>, they are <negAdj>{.|}',
  '<group> are {naturally|genetically|simply} {less intelligent|inferior|violent|criminal} than {us|white people|everyone else}{.|}',
  'If you are <member>, {you should|please} {just die|kill yourself|leave|disappear}{.|}',
  '{No|Zero} <group> {allowed|welcome} here{.|!|}',
  '<group> {breed like|multiply like|spread like} {rats|rabbits|a virus|cockroaches}{.|}',
  '{Why are|How come} <group> {so|always so} <negAdj>{?|}',
  '{Isn\'t it|Don\'t you think it\'s} obvious that <group> are <negAdj>{?|}',
  'I think <group> are <negAdj>{.|}',
  '<group> should be punished for {existing|being born|breathing}{.|}',
  'I have met {many|a lot of|plenty of|enough} <group> and I <hateVerb> every {single|} one of them{.|}',
  '{Of course|Obviously|No surprise} {they are|he is|she is} <negAdj>{.|,} {They are|He is|She is} just <group> after all{.|}',
  '<groupAdj> lives {don\'t|do not|will never} matter{.|}',
  '<group> {need|needs|ought} to be wiped off the face of the earth{.|}',
  '{Fuck|Screw|Damn} {all|all the|} <group>{.|!|}',
  '<group> are {property|objects|tools} and should be treated as such{.|}',
  '<group> {don\'t|do not} deserve to {live among us|breathe our air|exist|be treated as people}{.|}',
  '<group> are {just|nothing but} a {drain|burden|stain} on {society|this country|our economy}{.|}',
  '{I\'d|I would} rather {die|starve|be alone} than {date|marry|work with|live next to} <member>{.|}',
  'Typical of <member> to be {that|so} <negAdj>{.|}',
  '{Nobody|No one} {wants|needs|likes} <group> {around|here|in this country}{.|}',
  '<member> {can never|will never} be {a real person|trusted|as good as us|smart}{.|}',
  '{Those kinds of people|Those people|People like that}, <group> I mean, {should not be allowed to breed|should disappear|are <dehuman>}{.|}',
  '{You|All of you} <group> are {all|} {fucking|damn|bloody} <negAdj>{.|!}',
  '<group> {should|must} {burn in hell|rot|suffer|die}{.|!}',
  '<group> {should not|shouldn\'t|must never} be allowed to <right>{.|}',
  '{The world|This country|Our city|Europe} needs {fewer|less|no more} <group>{.|}',
  '{We need to|Let\'s|Time to} {cleanse|purge|rid|clean} {this country|our streets|the city|our schools} of <group>{.|!}',
  'I can\'t believe they let <group> {into|in} {this restaurant|our school|the club|this neighbourhood}{, disgusting|. Gross.|}{.|}',
  '<group> are <negAdj> and <negAdj>{.|}',
  '{Honestly|Frankly|Face it}, <group> are <negAdj>{.|}',
  '{In my opinion|Honestly|Let\'s be real}, <group> are <dehuman>{.|}',
  '<group> are {never|not} {any good|capable of anything|worth anything|smart enough}{.|}',
  // Hate without slurs or swearing: stereotypes, conspiracies, replacement talk, exclusion, wishes of harm.
  '{Never|Don\'t ever} {hire|promote|vote for|trust} <member>, they <stereoClaim>{.|}',
  '<group> <stereoClaim>{.|, everybody knows it.|, it\'s a fact.}',
  '<group> {secretly|} {control|run|own} <controlled> {and|,} {are destroying us|are laughing at us|want us gone|}{.|}',
  '{It\'s|It is} {always|} <group> {behind|pulling the strings of} <controlled>{.|}',
  '<group> {are taking|steal|take|want} our {jobs|homes|benefits|country|women}{.|!|}',
  '<group> {are ruining|have ruined|destroy|are poisoning} {this country|our schools|the neighbourhood|<place>|our culture}{.|,} {send them back|kick them out|enough is enough|}{.|}',
  '{Send|Ship|Kick} {them all|every one of them|the <group>} back{ where they came from|}{.|!}',
  '<group> {can\'t|cannot|will never} {be trusted|think for themselves|control themselves|fit in|do anything right}{.|}',
  '<group> {should have been|should be} {aborted|sterilized|drowned|put down} {at birth|}{.|}',
  '{Every|Each} <groupAdj> {man|woman|person|kid} is a {potential|future|secret} {terrorist|criminal|rapist|thief}{.|}',
  '<group> {only|just} {care about|want} {money|welfare|handouts|to breed|to take over}{.|}',
  '<group> are the reason {crime is up|this country is failing|everything is so expensive|our streets are unsafe}{.|}',
  '{I wish|I hope|I pray} {all|all the|} <group> would {just|} {disappear|die|leave|vanish|get sick}{.|}',
  '<group> are {nature\'s|god\'s|evolution\'s} {mistake|error|joke|failure}{.|}',
  '<group> {don\'t|do not} belong {here|in our country|in civilized society|among normal people|in <place>}{.|}',
  '{Lock up|Round up|Get rid of|Throw out} {all|every one of|} the <group>{.|!}',
  '<member> {doesn\'t|does not|shouldn\'t} {deserve|get} {a job|to be a doctor|to teach kids|to be here|a vote}{.|}',
  '{Who|What kind of idiot} would {hire|trust|marry|respect} <member>{?|}',
  '<group> are {all the same|all alike}: <negAdj>{.|}',
  '{The only good|A good} <groupAdj> {is|person is} a dead one{.|}',
  '<group> {smell|stink|are dirty} and {spread|carry} {disease|germs|crime}{.|}',
  '{Keep|Get} <group> {away from|out of} {our kids|our schools|my street|this country|<place>}{.|!}',
];

const CLEAN_IDENTITY = [
  'I {am|\'m} <member>{.| and proud of it.| and I love my life.}',
  'I {love|admire|respect|support} <group>{.|!}',
  '<group> are <posAdj>{.|}',
  'My {best friend|neighbour|boss|sister|doctor|teacher} is <member>{.| and {she|he|they} {is|are} {wonderful|very kind|great}.}',
  '<group> {deserve|should have} {equal rights|respect|the same opportunities as everyone|to feel safe}{.|}',
  'I {don\'t|do not|never} <hateVerb> <group>{.|, why would I?}',
  '<group> are {not|never} <dehuman>{.|}',
  '<group> are not <negAdj>{.|; that is a prejudice.}',
  '<counter> "<group> are <dehuman>" {is hateful|is wrong|is a lie|spreads hate}{.|}',
  '<counter> <group> are <negAdj> {is ignorant|is simply false|is hate speech}{.|}',
  '<group> <neutralFact>{.|}',
  'How {can I|do I} {support|welcome|learn more about} <group> {in my community|at work|}?',
  'What {challenges|holidays|traditions} do <group> {face|celebrate|have}?',
  '{The article|This documentary|The report} {discusses|describes|is about} {discrimination against|the history of|the culture of} <group>{.|}',
  'We {welcome|celebrate} <group> {in our city|at our school|in our team}{.|!}',
  '{Hate|Violence|Discrimination} against <group> {is unacceptable|must stop|has no place here}{.|}',
  '{No|Not a single} <member> deserves to {die|be hurt|suffer|be attacked|be harassed}{.|}',
  'We {shouldn\'t|should not|must not|can\'t} let <group> {suffer|be harassed|be attacked|go hungry}{.|}',
  '<group> should {never|not} be <harm>{.|}',
  'You {have to|need to|must} stop calling <group> <dehuman>{.|}',
  'Your {hatred|contempt|hate} {for|of|towards} <group> is {disgusting|sad|unacceptable|embarrassing}{.|}',
  'People who {hate|attack|mock} <group> are {small-minded|ignorant|the real problem|cowards}{.|}',
  'If you think <group> are <negAdj>, you {need to|should} {educate yourself|read more|meet some}{.|}',
  'It is {never|not} {okay|acceptable|fine} to say <group> {belong in the kitchen|are <dehuman>|are <negAdj>}{.|}',
  'I lost {all|} respect for {you|him|her} when {you|he|she} said <group> were <negAdj>{.|}',
  'Many <group> work as <job>{.|}',
  '{Do you know|Can you recommend} any {good|great} <creative> <groupAdj> {authors|artists|directors|musicians}?',
  'There are {a lot of|many|lots of} <group> in my {neighbourhood|class|office|building} and I {like it|love it|am glad}{.|}',
  '<groupAdj> lives matter{.|!|}',
  'My <groupAdj> {colleague|classmate|neighbour|friend} {gave a brilliant presentation|helped me move|cooked an amazing dinner|won the race} {today|yesterday|}{.|}',
  'We are a group of <group>{.|}',
  'I live with {two|three|some} <group>{.|}',
  'The study found that <groupAdj> {workers|students|patients} are {just as productive|doing well|underserved}{.|}',
  '<member> {won|received|was awarded} {the election|an award|the prize|a scholarship} {yesterday|this year|}{.|}',
  'As <member>, I {think|feel|believe} {we need more representation|this law is unfair|the debate was interesting}{.|}',
];

const CLEAN_THINGS = [
  'I <hateVerb> <thing>{.|!|}',
  '<thing> {are|is} <thingNeg>{.|!|}',
  '{This|That} {bug|deadline|traffic|exam|workout} is killing me{.|!|}',
  '{Kill|Terminate|Stop} the {process|job|server|container} if it {hangs|freezes|times out}{.|}',
  '{That concert|This song|The new game} {was|is} {sick|insane|killer|a bomb}{!|.}',
  'We {need to|should} {eliminate|cut|destroy} {waste|bugs|the backlog|our competitors in the market} {this quarter|}{.|}',
  '{He|She} {shot|took} {a great photo|the picture|a video} {of the sunset|at the wedding}{.|}',
  'The {villain|monster|antagonist} in {the movie|that book|this game} {is|was} {disgusting|evil|a monster}{.|}',
  '{That exam|The final boss|This workout} absolutely {destroyed|killed|murdered} me{.|}',
  'I {could|would} kill for {a coffee|a pizza|some sleep} right now{.|}',
  '{My|This} {laptop|commute|printer|headache|code review|group project} is driving me {crazy|insane|nuts|up the wall}{.|!}',
  '{She|He|They|The band|Our team} {killed it|slayed|crushed it|nailed it} {on stage|in the interview|at the match|in the final} {last night|today|}{.|!}',
  'I {hate|can\'t stand|really dislike} {it when|when} {the bus is late|my phone dies|people chew loudly|it snows in April}{.|}',
];

const INSULT = [
  '{I\'m going to|I will|I\'ll|Someone should} <threatDo> <threatWhen>{.|!}',
  '{You|You\'re a|You are a} <cleanInsultAdj> <cleanInsultNoun>{.|!|, and everyone knows it.}',
  '{You|Your whole family} {should|deserve to} {suffer|be beaten|be hurt|bleed}{.|!}',
  '{You are|You\'re|You\'re such} {a|an|} <insult>{.|!|}',
  '{Shut up|Get lost|Go away|Fuck off|Go to hell}, {you|} <insult>{.|!|}',
  '{Nobody|No one} {likes|cares about} you, {you|} <insult>{.|}',
  '{What a|Such a} <insult>{.|!}',
  '{I hope you|Go} {die|choke|rot|burn}{, <insult>|}{.|!}',
  'Your {mom|mother|wife|sister} is a {whore|slut|bitch}{.|}',
  '{You|Your work|Your idea|This comment} {is|are} {pathetic|garbage|trash|worthless}, {you|} <insult>{.|}',
  'I will {find you|hunt you down|come to your house} and {beat the crap out of you|make you pay|hurt you}{.|}',
];

function obfuscate(text: string, rng: Rng): string {
  // Hateful posts dodge filters with leetspeak, star-outs, typos, dropped or added spaces.
  const r = rng.next();
  if (r < 0.25) return text.replace(/[aeio]/g, (c) => (rng.chance(0.3) ? ({ a: '4', e: '3', i: '1', o: '0' } as Record<string, string>)[c]! : c));
  if (r < 0.4) return text.replace(/\b(\w)(\w)(\w+)/g, (m, a: string, _b: string, c: string) => (rng.chance(0.15) ? `${a}*${c}` : m));
  if (r < 0.55) return text.replace(/ (\w)/g, (m, c: string) => (rng.chance(0.2) ? c : m));
  if (r < 0.7) return text.replace(/\b\w{4,}\b/g, (w) => (rng.chance(0.2) ? w.split('').join(' ') : w));
  if (r < 0.85) return text.replace(/\b\w{4,}\b/g, (w) => { if (!rng.chance(0.3)) return w; const i = 1 + rng.int(w.length - 2); return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); });
  return text.replace(/\b\w{4,}\b/g, (w) => { if (!rng.chance(0.3)) return w; const i = 1 + rng.int(w.length - 2); return w.slice(0, i) + w.slice(i + 1); });
}

/**
 * Identity terms in everyday, friendly or factual sentences: the training rows mention groups
 * mostly when attacking them, which teaches the model that naming a group is toxic.
 */
const IDENTITY_EVERYDAY = [
  'My <groupAdj> {coworker|neighbour|teacher|doctor|roommate|friend} {invited me to dinner|helped me with my homework|just got promoted|is getting married|makes the best coffee}{.|!}',
  'I\'m <member> and I {use a wheelchair|work as a nurse|love hiking|just moved to Berlin|run a small bakery|study physics}{.|}',
  '<group> have the same {right|rights} to {marry|vote|work|adopt|worship} as anyone else{.|}',
  'It\'s {heartbreaking|sad|awful} how <group> are treated {at the border|in the news|online|by some politicians}{.|}',
  'The {museum|library|festival|community center} {hosts|is hosting} {an event|a food drive|a exhibition|a talk} {for|about|by} <group> this {weekend|month}{.|}',
  'Can you recommend {novels|films|podcasts|music} by <groupAdj> {authors|artists|creators}?',
  'Our {school|company|city} {celebrates|supports|welcomes} <group>{.|!}',
  '<group> {use|speak|celebrate|cook} {sign language|many languages|holidays with family|amazing food}{.|}',
  'She is a proud <groupAdj> {engineer|doctor|artist|athlete|lawyer}{.|}',
  '{Anyone|People} who {says|say} <group> are <negAdj> {is|are} {wrong|spreading hate|racist|ignorant}{.|}',
  'Calling <group> "<negAdj>" is {sexist|racist|hateful|ignorant} nonsense{.|}',
  'I reported a {comment|post|tweet} that said <group> are <dehuman>{.|}',
  'What is the history of {discrimination against|the rights of|immigration of} <group> in {Europe|the US|my country}?',
  'How can I be a better ally to <group>?',
];

/**
 * Neutral, factual and personal sentences about groups: culture, history, statistics, news, laws,
 * family. The hate templates use the same group words, so naming a group is evidence of nothing.
 */
const IDENTITY_FACTS = [
  '<group> <groupFact>{.|}',
  '{Many|Some|Most|Thousands of|Millions of} <group> <groupFact>{.|}',
  '<groupAdj> {writers|scientists|musicians|athletes|activists|chefs|doctors|entrepreneurs|painters} {shaped|changed|transformed|enriched|influenced} <field>{.|}',
  'The {report|survey|study|article|documentary|census|lecture} {shows|found|explains} that <group> <groupFact>{.|}',
  '{According to|Based on} {the census|a new study|the report|official figures}, <group> <groupFact>{.|}',
  '{Did you know that|Is it true that} <group> <groupFact>?',
  '{My|Our} <groupAdj> <relative> {taught me to cook|fought for civil rights|ran a shop for forty years|came here with nothing|is my hero|loves gardening|built our house}{.|}',
  'The {rights|history|culture|health|safety|representation} of <group> {matters|is important|deserves more attention|is the topic of tonight\'s panel}{.|}',
  '{It\'s|It is} {wrong|unfair|racist|hateful|ignorant|a stereotype} to {call|label|describe} <group> {as|} {<negAdj>|<dehuman>}{.|}',
  '{I don\'t|I do not|Nobody should} think <group> are <negAdj>{.|; that is a stereotype.|, and neither should you.}',
  '{Hate crimes|Attacks|Discrimination|Violence} against <group> {rose|fell|increased|decreased} {last year|this year|in 2023|over the decade}{.|}',
  '{The|This|A new} {law|policy|ruling|bill|program} {protects|helps|supports|affects} <group> in <place>{.|}',
  'Being <member> {is not|isn\'t} {a choice|a crime|something to hide|an illness}{.|}',
  '{I\'m|I am} proud to be <member>{.|!}',
  '{How many|What share of} <group> live in <place>?',
  '<groupAdj> {history|culture|cooking|literature|music} {is fascinating|deserves more attention|was the theme of the festival}{.|}',
  '{A few|Two|Some|Local} <groupAdj> {families|students|refugees|workers|volunteers|women|teenagers} <goodNews>{.|!}',
  '<member> <goodNews> {last year|this spring|recently|}{.|}',
];

/**
 * Clean assistant-style answers with technical and academic vocabulary. The model also scans
 * answers, whose words (deterministic, idempotent, heuristic...) are rare in tweets and paradetox
 * pairs; an unseen word is scored by its character n-grams and hashed buckets alone, and some of
 * them landed on the toxic side (the fake upstream's "This is a deterministic answer" at 0.7).
 */
const ANSWER_SLOTS: Slots = {
  techAdj: [
    'deterministic', 'nondeterministic', 'asynchronous', 'synchronous', 'idempotent', 'stochastic', 'recursive', 'iterative', 'polynomial', 'logarithmic',
    'heuristic', 'probabilistic', 'linear', 'quadratic', 'exponential', 'immutable', 'stateless', 'distributed', 'concurrent', 'thread-safe', 'lossless',
    'lossy', 'symmetric', 'asymmetric', 'orthogonal', 'monotonic', 'empirical', 'theoretical', 'qualitative', 'quantitative', 'statistical', 'causal',
    'anaerobic', 'photosynthetic', 'tectonic', 'volcanic', 'metabolic', 'cognitive', 'semantic', 'syntactic', 'phonetic', 'geometric', 'arithmetic',
    'diagnostic', 'prognostic', 'holistic', 'agnostic', 'characteristic', 'idiosyncratic', 'bureaucratic', 'democratic', 'economic', 'ergonomic',
  ],
  techNoun: [
    'answer', 'algorithm', 'function', 'model', 'process', 'method', 'approach', 'result', 'system', 'server', 'scheduler', 'parser', 'cache', 'query',
    'reaction', 'pathway', 'proof', 'estimate', 'simulation', 'design', 'test', 'output', 'framework', 'library', 'pipeline', 'protocol',
  ],
  opener: ['Sure!', 'Certainly.', 'Of course.', 'Good question.', 'Here is a short answer.', 'In short,', 'To summarize,', 'Great question!', ''],
  because: [
    'it always gives the same output for the same input', 'it does not depend on shared state', 'it scales well with the input size',
    'the steps are repeated until the result converges', 'it was measured in several experiments', 'the data supports it', 'it is easy to test',
  ],
};

const ANSWERS = [
  '<opener> {This|That|The} <techNoun> is <techAdj>{.| because <because>.}',
  '<opener> A <techAdj> <techNoun> {means|is one where} <because>{.|}',
  '<opener> {Yes|No}, the <techNoun> {is|is not} <techAdj>{.|, because <because>.}',
  '{Thanks for asking|Thanks for your question|Happy to help}. {This|The} <techNoun> {you mentioned|below} is <techAdj>{.|, so <because>.}',
  '<opener> {We|You} can make the <techNoun> <techAdj> {by caching the result|with a lock|by sorting the input first|with a fixed random seed}{.|}',
  '{The difference|One difference} between a <techAdj> and a <techAdj> <techNoun> is {speed|accuracy|cost|memory use}{.|}',
  '<opener> {Here is|This is} a <techAdj> <techNoun> {from the documentation|for your use case|you can reuse|written in Python}{.|}',
];

export function generateAnswers(rng: Rng, count: number): Generated[] {
  return generate(count, rng, 'clean', 'aug_clean_answers', (r) => vary(fill(r.pick(ANSWERS), r, ANSWER_SLOTS), r));
}

export interface ToxicityCounts {
  hate: number;
  insult: number;
  cleanIdentity: number;
  cleanThings: number;
  /** Neutral and factual sentences about groups (IDENTITY_FACTS). */
  identityFacts?: number;
}

export function generateToxicity(rng: Rng, counts: ToxicityCounts): Generated[] {
  const make = (templates: string[], obf: number) => (r: Rng) => {
    const t = vary(fill(r.pick(templates), r, S), r);
    return r.chance(obf) ? obfuscate(t, r) : t;
  };
  return [
    ...generate(counts.hate, rng, 'toxic', 'aug_identity_hate', make(HATE, 0.2)),
    ...generate(counts.insult, rng, 'toxic', 'aug_insult', make(INSULT, 0.1)),
    ...generate(counts.cleanIdentity, rng, 'clean', 'aug_identity_clean', make(CLEAN_IDENTITY, 0)),
    ...generate(counts.cleanThings, rng, 'clean', 'aug_clean_strong_words', make(CLEAN_THINGS, 0)),
    ...generate(Math.round(counts.cleanIdentity / 2), rng, 'clean', 'aug_identity_everyday', make(IDENTITY_EVERYDAY, 0)),
    ...generate(counts.identityFacts ?? 0, rng, 'clean', 'aug_identity_facts', make(IDENTITY_FACTS, 0)),
  ];
}
