import { fill, generate, vary, type Generated, type Slots } from './augment.template.js';
import type { Rng } from './prng.js';

/**
 * Compositional data for implicit hate: group x predicate x framing. The hate side states
 * stereotypes as facts, compares groups to animals or disease, denies them worth, a place or
 * rights, mostly without slurs or swearing. The clean side reuses the same groups and much of the
 * same vocabulary (benign twins): neutral facts and statistics, the stereotype named in order to
 * reject it, rights affirmed. A bag of n-grams can only separate the two when both sides share
 * the words, so the twins matter as much as the hate.
 *
 * Held-out hygiene: probe batch 7 (tools/train/probes) was written by the same person just before
 * this file. Frames and groups that mirrored batch-7 sentences (threats against a place of worship
 * or a family's home, "crime went up when they arrived", criticism of a plan or presentation,
 * self-referential complaints, ...) and the batch's groups that the older templates lacked were
 * taken out again, so batch 7 stays a test of wording and groups these templates do not contain.
 * Frames modelled on the errors of the earlier batch 6 were left out for the same reason.
 */
const S: Slots = {
  group: [
    'immigrants', 'refugees', 'migrants', 'Muslims', 'Jews', 'Christians', 'Hindus', 'Sikhs', 'Buddhists', 'Catholics',
    'Black people', 'Africans', 'Asians', 'Chinese people', 'Japanese people', 'Koreans', 'Vietnamese people', 'Filipinos', 'Indians', 'Pakistanis',
    'Iraqis', 'Syrians', 'Arabs', 'Turks', 'Somalis', 'Ethiopians', 'Nigerians',
    'Ghanaians', 'Congolese people', 'Jamaicans', 'Mexicans', 'Latinos', 'Colombians', 'Venezuelans', 'Cubans',
    'Native Americans', 'Maori', 'Roma', 'Bulgarians', 'Ukrainians',
    'Russians', 'Serbians', 'Greeks', 'Italians', 'Irish people', 'Scots', 'women', 'girls', 'mothers', 'gay men', 'lesbians',
    'bisexual people', 'trans people', 'trans women', 'trans men', 'non-binary people', 'queer people',
    'disabled people', 'wheelchair users', 'blind people', 'deaf people', 'autistic people', 'people with schizophrenia',
    'people with depression', 'old people', 'pensioners', 'teenage mothers', 'asylum seekers', 'foreign students', 'Palestinians', 'Israelis',
  ],
  member: [
    'an immigrant', 'a refugee', 'a Muslim', 'a Jew', 'a Hindu', 'a Sikh', 'a Black man', 'a Black woman', 'an Asian woman',
    'a Pakistani', 'a Syrian', 'an Arab', 'a Turk', 'a Somali', 'a Nigerian', 'a Mexican',
    'a Roma family', 'a woman', 'a gay man', 'a lesbian', 'a bisexual', 'a trans woman',
    'a trans man', 'a non-binary person', 'a disabled person', 'a wheelchair user', 'a deaf person', 'an autistic person', 'an asylum seeker',
  ],
  groupAdj: [
    'Black', 'Muslim', 'Jewish', 'Hindu', 'Sikh', 'Asian', 'Chinese', 'Mexican', 'Somali', 'Nigerian', 'Pakistani', 'Syrian',
    'Turkish', 'Polish', 'Roma', 'immigrant', 'refugee', 'gay', 'lesbian', 'trans',
    'disabled', 'deaf', 'autistic', 'Vietnamese', 'Filipino', 'Congolese', 'Jamaican', 'Ukrainian',
  ],
  place: ['this country', 'our town', 'the city', 'our street', 'the neighbourhood', 'Europe', 'the suburbs', 'our schools', 'the village'],
  // Stereotypes stated as facts (no slurs, no swearing).
  trait: [
    'lazy', 'dishonest', 'violent', 'dirty', 'greedy', 'sneaky', 'primitive', 'backward', 'hysterical', 'weak', 'simple-minded', 'cunning',
    'unhygienic', 'aggressive', 'incapable of loyalty', 'ungrateful', 'two-faced', 'untrustworthy', 'fanatical', 'childlike', 'loud', 'rude',
    'arrogant', 'cheap', 'stingy', 'shifty', 'ignorant', 'uneducated', 'uncivilised', 'barbaric', 'brutal', 'cruel', 'deceitful', 'manipulative',
    'parasitic', 'useless', 'worthless', 'dangerous', 'unstable', 'irrational', 'feeble', 'slow', 'dull', 'superstitious', 'promiscuous', 'perverted',
    'predatory', 'disloyal', 'treacherous', 'entitled', 'noisy', 'smelly', 'filthy', 'savage', 'bloodthirsty', 'lawless',
  ],
  stereo: [
    'are <trait>', 'are {naturally|inherently|genetically|all} <trait>', 'are {all|basically all|mostly} {scammers|thieves|pickpockets|drug dealers|gang members|fraudsters|beggars|criminals}',
    'only come here for {the benefits|free housing|handouts|our welfare}', 'never {work|pay taxes|learn the language|integrate|contribute anything}',
    'can\'t {raise children|run a business honestly|be left alone with kids|govern themselves|control their tempers|hold down a job}',
    'are {a drain on|bleeding} {the welfare system|public money|the health service|our hospitals|the taxpayer}',
    'bring {crime|disease|drugs|violence|chaos} {wherever they go|with them|into every neighbourhood}', 'have {lower intelligence|no culture|no morals|no self-control}',
    'are {sick|mentally ill|confused} and need {treatment|fixing|therapy}, not rights', 'lie {about everything|to get ahead|as easily as they breathe}',
    'will {outnumber|replace} us {soon|in a few decades|if we let them}', 
    'are a {fifth column|security risk|threat} {in this country|to our way of life|to our children}', 'don\'t {value|care about} {human life|education|their own kids|cleanliness}',
    'ruin {every neighbourhood|every school|every company} they {move into|join|touch}', 'are {destroying|poisoning|eroding} {our culture|our values|this country}',
    'are {too emotional|too stupid|too weak} to {lead|vote|be in charge|make decisions}', 'have {taken over|infested|overrun} {our town|the high street|the city centre}',
  ],
  // Dehumanizing comparisons.
  animal: ['rats', 'locusts', 'termites', 'stray dogs', 'vermin', 'lice', 'a swarm of insects', 'a pack of hyenas', 'livestock', 'a plague', 'a tumour', 'an infestation', 'weeds', 'germs'],
  toxFrame: [
    '<group> <stereo>{.|!|}',
    '{Everyone knows|We all know|It\'s common knowledge|Face it,|Let\'s be honest,|The truth is|History shows} {that|} <group> <stereo>{.|}',
    '{I\'m not racist, but|Not being funny, but|No offence, but|Call me old-fashioned, but|Say what you like, but} <group> <stereo>{.|}',
    '{Statistically|Objectively|Biologically|Realistically}, <group> <stereo>{.|}',
    '{Every|Any} <groupAdj> {person|family|man|woman|kid} you meet {is proof that|will show you that} they <stereo>{.|}',
    '{Why is it that|How come|Isn\'t it odd that} <group> {always|} <stereo>{?|}',
    '<group> are {like|no better than|basically} <animal>{.|!|}',
    '<group> {spread|multiply|swarm|move in} like <animal>{.|}',
    '{Keep|Get} <group> out {of <place>|}, {they are|they\'re} <animal>{.|}',
    '<member> is {closer to an animal than a person|barely human|less than human|not a real person}{.|}',
    '<group> {should never have been|shouldn\'t have been|should not be} {let in|allowed in|given passports|allowed to have children|allowed near children}{.|}',
    '<group> {don\'t|do not} belong in <place>{, full stop|, never did|}{.|}',
    '{We don\'t|I don\'t} want <group> {in|near} <place>{, they ruin it|, simple as that|}{.|}',
    '{The next|Any} <groupAdj> {kid|man|woman|family} who {comes|walks} {down our street|into our pub|near our school} {gets hurt|won\'t walk out|is getting a beating|will regret it}{.|}',
    // Always with a tail: the bare "<group> should not be allowed to vote." is a probe text.
    '<group> {shouldn\'t|should not|must not} be allowed to {vote|teach|adopt|work with children|run for office|own land|have kids} {here|in this country|anymore|at all|ever again}{.|}',
    '{Nobody|No one} {would miss|will miss|cares about} <group> {if they vanished|if they died|when they\'re gone}{.|}',
    '<group> {are a mistake|are worthless|contribute nothing|are a waste of resources}{.|}',
    '<group> will never {fit in|be one of us|be real citizens|belong here|be truly equal}{, no matter what the law says|}{.|}',
    '<group> {as a whole|collectively|all of them} {are to blame|should pay|are responsible} for {the attacks|the crisis|crime|what happened}{.|}',
    '{There are|We have} {far|way|simply} too many <group> {in <place>|here|around} {these days|now|already}{.|}',
    '{Don\'t|Never} {rent to|sell to|hire|trust|let your daughter date} <group>{, you\'ll regret it|, trust me|, they are all the same|}{.|}',
    '{A|An} <groupAdj> {doctor|teacher|pilot|boss|judge}? {No way|Never|I\'d rather die|Not in my lifetime}{, they can\'t be trusted|, they are not capable|}{.|}',
  ],
  // Benign twins.
  stat: [
    'are {overrepresented|underrepresented} in {nursing|tech jobs|parliament|university admissions|small business ownership}',
    'pay {billions|a large share|more than their share} in taxes {every year|in <place>|}', 'started {many|thousands of} small businesses in <place>',
    'have {lower|higher} {employment|home ownership|graduation} rates than average, {mostly|largely} because of {discrimination|language barriers|where they live}',
    'are more likely to be {victims|targets} of {hate crime|harassment|discrimination} than {perpetrators|average}', 'moved to <place> {in the 1960s|after the war|over the last decades}',
    'commit {less|no more} crime than the average resident, {studies|the data|researchers} show', 'make up {a small|a growing|a large} share of {nurses|doctors|teachers|carers} in <place>',
    'were {counted|surveyed|interviewed} for the {census|new report|study}', 'speak {several|many|dozens of} languages', 'have lived in <place> for {generations|centuries|decades}',
  ],
  cleanFrame: [
    '<group> <stat>{.|}',
    '{The data|A new study|The census|Researchers|The report} {shows|show|found} that <group> <stat>{.|}',
    '{It\'s a myth|It is a myth|It\'s a stereotype|It\'s a lie|It\'s simply false|There is no evidence} that <group> <stereo>{.|; the data says otherwise.}',
    '{People|Bigots|Trolls|Extremists} {used to|still|often} {say|claim} <group> <stereo>; {it wasn\'t true then and it isn\'t now|that\'s bigotry|that kind of talk leads to violence|they are wrong}{.|}',
    '{Propaganda|The regime|Nazi propaganda|The pamphlet} {compared|called} <group> <animal>{, and historians study how that language spread| to justify persecution|}{.|}',
    '{Threats|Attacks|Hate crimes} against <group> {must be|should be|are being} {prosecuted|taken seriously|investigated}{.|}',
    '<group> {should|must|deserve to} be allowed to {vote|teach|adopt|work with children|run for office|live anywhere they like}{.|}',
    '{Nobody|No one} should {be attacked|be threatened|lose their home|be turned away} for being <member>{.|}',
    '{We|Our town|The council} {welcomed|housed|hired} {dozens of|many|several} <group> {this year|last spring|}{, and it went well|}{.|}',
    'My <groupAdj> {neighbour|colleague|doctor|landlady|teacher|coach} {is|was} {the most reliable person I know|brilliant at her job|always on time|the first to help}{.|}',
    '<group> {have lived|have worked|have voted|have served} in <place> for {generations|decades|centuries}{, like everyone else|}{.|}',
    '<group> {are|is} {recognised|protected|counted} in {law|the census|the constitution} in {many|several|some} countries{.|}',
    '{There are|We have} {more|fewer} <group> {in <place>|here} {than ten years ago|than in the last census}{, the report says|}{.|}',
    '{Blaming|Punishing} all <group> for {the attacks|the crisis|crime|what a few did} is {collective punishment|wrong|bigotry|unfair}{.|}',
  ],
};

export interface ImplicitCounts {
  hate: number;
  clean: number;
}

export function generateImplicit(rng: Rng, counts: ImplicitCounts): Generated[] {
  return [
    ...generate(counts.hate, rng, 'toxic', 'aug_implicit_hate', (r) => vary(fill('<toxFrame>', r, S), r)),
    ...generate(counts.clean, rng, 'clean', 'aug_implicit_twins', (r) => vary(fill('<cleanFrame>', r, S), r)),
  ];
}
