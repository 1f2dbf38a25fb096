/**
 * Finds source code and its language: fenced Markdown blocks by their info string (or by content
 * when the string is missing), unfenced code by per-line syntax signatures.
 * Signatures need syntax, not vocabulary, so prose about "a function" or "this class" stays quiet.
 * Every pattern is anchored to one line ([ \t] instead of \s, bounded repeats): blank-line floods
 * and 100 KB single lines stay linear.
 */

export const PROGRAMMING_LANGUAGES = [
  'python', 'javascript', 'typescript', 'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'php', 'ruby', 'shell', 'sql',
  'powershell', 'html', 'css', 'kotlin', 'swift', 'scala', 'perl', 'lua', 'r', 'dart', 'haskell', 'assembly', 'vb', 'objectivec',
] as const;
/** Data and text formats: reported when fenced, but not "code" unless a policy lists them. */
export const DATA_FORMATS = ['json', 'yaml', 'xml', 'toml', 'ini', 'csv', 'markdown', 'text', 'diff', 'dockerfile', 'makefile'] as const;

const ALIASES: Record<string, string> = {
  py: 'python', python3: 'python', py3: 'python', ipython: 'python', pycon: 'python',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript', nodejs: 'javascript', javascript: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', typescript: 'typescript',
  java: 'java', c: 'c', h: 'c', 'c++': 'cpp', cpp: 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hxx: 'cpp',
  'c#': 'csharp', cs: 'csharp', csharp: 'csharp', dotnet: 'csharp', go: 'go', golang: 'go', rust: 'rust', rs: 'rust',
  php: 'php', ruby: 'ruby', rb: 'ruby', bash: 'shell', sh: 'shell', zsh: 'shell', shell: 'shell', console: 'shell',
  shellsession: 'shell', ksh: 'shell', fish: 'shell', terminal: 'shell',
  sql: 'sql', mysql: 'sql', postgres: 'sql', postgresql: 'sql', psql: 'sql', plsql: 'sql', tsql: 'sql', sqlite: 'sql', pgsql: 'sql',
  powershell: 'powershell', ps1: 'powershell', ps: 'powershell', pwsh: 'powershell', posh: 'powershell',
  html: 'html', htm: 'html', xhtml: 'html', vue: 'html', svelte: 'html', css: 'css', scss: 'css', sass: 'css', less: 'css',
  kotlin: 'kotlin', kt: 'kotlin', kts: 'kotlin', swift: 'swift', scala: 'scala', perl: 'perl', pl: 'perl', lua: 'lua',
  r: 'r', dart: 'dart', haskell: 'haskell', hs: 'haskell', asm: 'assembly', nasm: 'assembly', assembly: 'assembly',
  vb: 'vb', vbnet: 'vb', vba: 'vb', vbscript: 'vb', objc: 'objectivec', 'objective-c': 'objectivec', objectivec: 'objectivec',
  bat: 'shell', cmd: 'shell', batch: 'shell',
  json: 'json', jsonc: 'json', json5: 'json', yaml: 'yaml', yml: 'yaml', xml: 'xml', toml: 'toml', ini: 'ini', csv: 'csv',
  md: 'markdown', markdown: 'markdown', text: 'text', txt: 'text', plaintext: 'text', plain: 'text', output: 'text', log: 'text',
  diff: 'diff', patch: 'diff', dockerfile: 'dockerfile', docker: 'dockerfile', makefile: 'makefile', make: 'makefile',
};

/** Canonical language name for a fence info string or a user option ("C++" -> "cpp"). */
export function canonicalLanguage(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  return ALIASES[key] ?? ((PROGRAMMING_LANGUAGES as readonly string[]).includes(key) ? key : undefined);
}

interface Signal {
  langs: readonly string[];
  re: RegExp;
  w: number;
}

const S = (langs: string | readonly string[], w: number, re: RegExp): Signal => ({ langs: typeof langs === 'string' ? [langs] : langs, re, w });
const JS_TS = ['javascript', 'typescript'] as const;
const C_CPP = ['c', 'cpp'] as const;
const JAVA_CS = ['java', 'csharp'] as const;

const SIGNALS: Signal[] = [
  // Python
  S('python', 3, /^[ \t]*(?:async[ \t]+)?def[ \t]+[A-Za-z_]\w*[ \t]*\([^()\n]{0,200}(?:\([^()\n]{0,80}\)[^()\n]{0,80}){0,4}\)[ \t]*(?:->[^:\n]{1,60})?:[ \t]*(?:#.*)?$/gm),
  S('python', 2, /^[ \t]*(?:from[ \t]+[\w.]{1,80}[ \t]+)?import[ \t]+[\w.]{1,80}(?:[ \t]+as[ \t]+\w+)?(?:,[ \t]*[\w.]{1,80}){0,10}[ \t]*$/gm),
  S('python', 3, /^[ \t]*class[ \t]+[A-Z]\w*(?:\([^()\n]{0,100}\))?:[ \t]*$/gm),
  S('python', 3, /^[ \t]*if[ \t]+__name__[ \t]*==[ \t]*['"]__main__['"][ \t]*:/gm),
  S('python', 2, /^[ \t]*(?:elif[ \t][^\n]{1,200}|else|try|finally|except(?:[ \t][\w., \t]{1,80})?(?:[ \t]+as[ \t]+\w+)?):[ \t]*$/gm),
  S('python', 2, /^[ \t]*(?:for[ \t]+\w+(?:,[ \t]*\w+){0,5}[ \t]+in[ \t][^\n]{1,200}|while[ \t][^\n]{1,200}|with[ \t][^\n]{1,200}[ \t]as[ \t]+\w+):[ \t]*$/gm),
  S('python', 1, /^[ \t]*print\([^\n]{0,200}\)[ \t]*$/gm),
  S('python', 1, /\bself\.\w+[ \t]*[=(.[]/g),
  S(['python', 'java'], 1, /^[ \t]*@[A-Za-z_][\w.]{0,60}(?:\([^()\n]{0,100}\))?[ \t]*$/gm),
  // JavaScript / TypeScript
  S(JS_TS, 2, /^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+(?:[A-Za-z_$][\w$]*|\{[^}\n]{1,200}\}|\[[^\]\n]{1,200}\])[ \t]*(?::[^=\n]{1,80})?=[ \t]*[^=\n]/gm),
  S(JS_TS, 1, /\)[ \t]*=>[ \t]*[{(]|\b\w+[ \t]*=>[ \t]*[{(\w]/g),
  S(JS_TS, 3, /^[ \t]*(?:export[ \t]+(?:default[ \t]+)?)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*[A-Za-z_$]?[\w$]*[ \t]*\((?![^()\n]{0,200}\$)[^()\n]{0,200}\)[ \t]*(?::[^{\n]{1,60})?\{/gm),
  S(JS_TS, 3, /\bconsole\.(?:log|error|warn|info|debug|table)\(/g),
  S(JS_TS, 2, /\brequire\(['"][^'"\n]{1,100}['"]\)/g),
  S(JS_TS, 3, /^[ \t]*import[ \t]+(?:type[ \t]+)?(?:[\w$]+|\*[ \t]+as[ \t]+\w+|\{[^}\n]{0,200}\})(?:[ \t]*,[ \t]*\{[^}\n]{0,200}\})?[ \t]+from[ \t]+['"][^'"\n]{1,200}['"];?[ \t]*$/gm),
  S(JS_TS, 2, /^[ \t]*(?:module\.exports\b|export[ \t]+(?:default|const|function|class|async|\{))/gm),
  S(JS_TS, 2, /\bdocument\.(?:getElementById|querySelector(?:All)?|createElement|addEventListener)\(|\bwindow\.(?:location|addEventListener|fetch)\b/g),
  S(JS_TS, 1, /[\w)\]][ \t]*(?:===|!==)[ \t]*[\w'"([-]/g),
  S('typescript', 3, /^[ \t]*(?:export[ \t]+)?interface[ \t]+[A-Z]\w*(?:<[^>\n]{1,80}>)?[ \t]*(?:extends[ \t][^{\n]{1,100})?\{/gm),
  S('typescript', 3, /^[ \t]*(?:export[ \t]+)?type[ \t]+[A-Z]\w*(?:<[^>\n]{1,80}>)?[ \t]*=/gm),
  S('typescript', 3, /\b(?:const|let|var|readonly|private|public|protected)[ \t]+\w+[ \t]*\??:[ \t]*(?:string|number|boolean|any|unknown|void|never|Record<|Array<|Promise<|Map<|Set<)/g),
  S('typescript', 3, /\)[ \t]*:[ \t]*(?:string|number|boolean|void|unknown|never|Promise<[^>\n]{1,60}>)[ \t]*(?:\{|=>)/g),
  S('typescript', 2, /\bas[ \t]+(?:const|unknown|any)\b|\b\w+\([ \t]*\w+[ \t]*\??:[ \t]*(?:string|number|boolean|\w+\[\])[ \t]*[,)]/g),
  // Java / C#
  S(JAVA_CS, 2, /^[ \t]*(?:(?:public|private|protected|internal)[ \t]+)?(?:(?:static|final|abstract|sealed|partial)[ \t]+){0,3}(?:class|interface|enum|record)[ \t]+[A-Z]\w*(?:<[^>\n]{1,60}>)?[ \t]*(?:(?:extends|implements|:)[ \t]+[\w<>., \t]{1,100})?\{?[ \t]*$/gm),
  S(JAVA_CS, 2, /^[ \t]*(?:public|private|protected|internal)[ \t]+(?:(?:static|final|abstract|override|virtual|async|synchronized)[ \t]+){0,3}[\w<>[\],?]{1,60}[ \t]+\w+[ \t]*\([^()\n]{0,200}\)[ \t]*(?:throws[ \t]+[\w., \t]{1,100})?\{?[ \t]*$/gm),
  S(JAVA_CS, 1, /\bnew[ \t]+[A-Z]\w*(?:<[^>\n]{0,60}>)?\([^()\n]{0,100}\);/g),
  S('java', 3, /\bSystem\.(?:out|err)\.print(?:ln|f)?\(/g),
  S('java', 3, /^[ \t]*import[ \t]+(?:static[ \t]+)?(?:java|javax|org|com|android)\.[\w.]{1,150}(?:\.\*)?;[ \t]*$/gm),
  S('java', 3, /^[ \t]*package[ \t]+[a-z][\w.]{0,150};[ \t]*$/gm),
  S('java', 3, /\bpublic[ \t]+static[ \t]+void[ \t]+main[ \t]*\([ \t]*(?:final[ \t]+)?String/g),
  S('java', 2, /^[ \t]*@(?:Override|Autowired|Test|Entity|RestController|Service|Component)\b/gm),
  S('csharp', 3, /^[ \t]*using[ \t]+System(?:\.[\w.]{1,100})?;[ \t]*$/gm),
  S('csharp', 3, /\bConsole\.(?:WriteLine|ReadLine|Write|ReadKey)\(/g),
  S('csharp', 3, /^[ \t]*namespace[ \t]+[A-Z][\w.]{0,100}[ \t]*[{;]?[ \t]*$/gm),
  S('csharp', 3, /\{[ \t]*get;[ \t]*(?:(?:private|protected|init)[ \t]+)?(?:set|init);[ \t]*\}/g),
  S('csharp', 3, /\b(?:public|private|protected)[ \t]+(?:async[ \t]+)?Task(?:<[^>\n]{1,60}>)?[ \t]+\w+\(/g),
  S('csharp', 3, /\bstatic[ \t]+void[ \t]+Main[ \t]*\(|\bstring\[\][ \t]+args\b/g),
  S('csharp', 2, /^[ \t]*\[(?:HttpGet|HttpPost|Serializable|Fact|Theory|TestMethod|ApiController|Route)\b[^\]\n]{0,80}\][ \t]*$/gm),
  // C / C++
  S(C_CPP, 3, /^[ \t]*#[ \t]*include[ \t]*[<"][\w./+-]{1,100}[>"]/gm),
  S(C_CPP, 2, /^[ \t]*#[ \t]*(?:define|ifndef|ifdef|endif|pragma)\b/gm),
  S(C_CPP, 3, /\bint[ \t]+main[ \t]*\([^()\n]{0,100}\)/g),
  S(C_CPP, 2, /^[ \t]*(?:static[ \t]+|extern[ \t]+|inline[ \t]+|const[ \t]+){0,3}(?:unsigned[ \t]+|signed[ \t]+)?(?:int|void|char|float|double|long|short|size_t|bool|struct[ \t]+\w+)[ \t]*\**[ \t]*\w+[ \t]*\([^()\n]{0,200}\)[ \t]*\{?[ \t]*$/gm),
  S(C_CPP, 2, /\b(?:printf|fprintf|sprintf|snprintf|scanf|malloc|calloc|realloc|free|memcpy|memset|strcpy|strlen)[ \t]*\(/g),
  S('cpp', 3, /\bstd::\w+|\b(?:cout|cerr)[ \t]*<<|\bcin[ \t]*>>/g),
  S('cpp', 3, /^[ \t]*template[ \t]*<[^>\n]{1,100}>|^[ \t]*using[ \t]+namespace[ \t]+\w+;|#[ \t]*include[ \t]*<(?:iostream|vector|string|map|memory|algorithm|unordered_map|cstdio|cstdlib)>/gm),
  S('cpp', 2, /\bnullptr\b|\b(?:unique_ptr|shared_ptr|make_unique|make_shared)</g),
  // Go
  S('go', 3, /^package[ \t]+[a-z]\w*[ \t]*$/gm),
  S('go', 3, /^[ \t]*func[ \t]+(?:\([^()\n]{1,60}\)[ \t]*)?\w+[ \t]*\([^()\n]{0,200}\)[^{\n]{0,60}\{[ \t]*$/gm),
  S('go', 2, /\b\w+(?:[ \t]*,[ \t]*\w+)?[ \t]*:=[ \t]*\S/g),
  S('go', 3, /\bfmt\.(?:Print|Println|Printf|Sprintf|Sprint|Fprintf|Errorf)\(|\bif[ \t]+err[ \t]*!=[ \t]*nil\b|\bgo[ \t]+func[ \t]*\(/g),
  S('go', 3, /^import[ \t]+(?:\([ \t]*$|"[\w./-]{1,100}"[ \t]*$)/gm),
  S('go', 2, /\bchan[ \t]+(?:<-[ \t]*)?\w|\bdefer[ \t]+\w+(?:\.\w+)*\(|\bmake\((?:\[\]|map\[|chan[ \t])/g),
  // Rust
  S('rust', 3, /^[ \t]*(?:pub(?:\([\w \t]{1,20}\))?[ \t]+)?(?:async[ \t]+|const[ \t]+|unsafe[ \t]+){0,2}fn[ \t]+\w+[ \t]*(?:<[^>\n]{1,80}>)?\([^()\n]{0,200}\)[ \t]*(?:->[ \t]*[^{\n]{1,80})?(?:where[^{\n]{1,100})?\{?[ \t]*$/gm),
  S('rust', 3, /\blet[ \t]+mut[ \t]+\w+|\b(?:println|eprintln|print|format|vec|panic|write|writeln|assert|assert_eq|todo|unimplemented)![ \t]*[([]/g),
  S('rust', 3, /^[ \t]*use[ \t]+(?:std|crate|super|self|tokio|serde)::|^[ \t]*#\[(?:derive|cfg|test|tokio::main)\b|^[ \t]*impl(?:<[^>\n]{1,60}>)?[ \t]+[\w<>:, \t]{1,100}\{[ \t]*$/gm),
  S('rust', 2, /&(?:'\w+[ \t]+)?(?:mut[ \t]+)?(?:str|self)\b|->[ \t]*(?:Result|Option|Self|Vec|String|bool|i32|i64|u8|u32|u64|usize)\b/g),
  // PHP
  S('php', 3, /<\?php\b|\$this->\w+|\b(?:public|private|protected)[ \t]+(?:static[ \t]+)?function[ \t]+\w+/g),
  S('php', 3, /\bfunction[ \t]+\w+[ \t]*\([ \t]*(?:[\w?]+[ \t]+)?\$\w+/g),
  S('php', 2, /^[ \t]*\$\w+[ \t]*(?:=|\.=|\+=|\[\][ \t]*=)[ \t]*[^=\n][^\n]{0,300};[ \t]*$/gm),
  S('php', 2, /^[ \t]*echo[ \t]+[^;\n]{1,200};[ \t]*$|^[ \t]*(?:namespace[ \t]+[A-Z][\w\\]{0,100}|use[ \t]+[A-Z]\w*\\[\w\\]{1,100});[ \t]*$/gm),
  // Ruby
  S('ruby', 2, /^[ \t]*def[ \t]+(?:self\.)?\w+[?!=]?(?:[ \t]*\([^()\n]{0,200}\))?[ \t]*$/gm),
  S('ruby', 1, /^[ \t]*end[ \t]*$/gm),
  S('ruby', 3, /^[ \t]*require(?:_relative)?[ \t]+['"][\w./-]{1,100}['"][ \t]*$|\.each(?:_with_index)?[ \t]+do[ \t]*\|[\w, \t]{1,60}\||\battr_(?:accessor|reader|writer)[ \t]+:/gm),
  S('ruby', 2, /^[ \t]*puts[ \t]+\S|^[ \t]*class[ \t]+[A-Z]\w*[ \t]*<[ \t]*[A-Z][\w:]*[ \t]*$|^[ \t]*module[ \t]+[A-Z]\w*[ \t]*$|\bdo[ \t]*\|[\w, \t]{1,60}\|[ \t]*$/gm),
  // Shell
  S('shell', 3, /^#![ \t]*\/(?:usr\/)?bin\/(?:env[ \t]+)?(?:ba|z|k|da|fi)?sh\b|\brm[ \t]+-(?:rf|fr)\b|^[ \t]*(?:for[ \t]+\w+[ \t]+in[ \t][^\n]{1,200};[ \t]*do|while[ \t][^\n]{1,200};[ \t]*do)[ \t]*$/gm),
  S('shell', 2, /^[ \t]*(?:\$[ \t]+)?(?:sudo[ \t]+)?(?:apt(?:-get)?|yum|dnf|apk|brew|pip3?|npm|npx|yarn|pnpm|docker|kubectl|helm|git|curl|wget|chmod|chown|mkdir|cd|ls|cat|grep|export|source|systemctl|ssh|scp|tar|cp|mv|echo|make|go|cargo|python3?|node)[ \t]+(?:[^\n]{0,300}?[ \t])?(?:--?[A-Za-z][\w-]{0,30}|[~.]?\/[\w./-]|\|)/gm),
  S('shell', 2, /\|[ \t]*(?:grep|awk|sed|xargs|sort|uniq|head|tail|wc|tee|cut|tr|jq)\b|^[ \t]*(?:if[ \t]+\[\[?[ \t][^\n]{1,200}\]\]?;?[ \t]*then|fi|done|esac|then|do)[ \t]*$/gm),
  S('shell', 1, /^[ \t]*(?:export[ \t]+)?[A-Z_][A-Z0-9_]{1,40}=(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|\$\(|[^\s=;]{1,200})[ \t]*$|\$\([^()\n]{1,200}\)|^[ \t]*\$[ \t]+\w/gm),
  // SQL: upper-case keywords, or lower-case with unmistakable structure (commas, *, parentheses).
  S('sql', 3, /\bSELECT[ \t]+(?:DISTINCT[ \t]+|TOP[ \t]+\d+[ \t]+)?(?:\*|[\w.`"()]{1,60}(?:[ \t]*,[ \t]*[\w.`"()*]{1,60}){0,30}|COUNT\(\*\))[ \t\n]+FROM[ \t]+[\w.`"]{1,100}/g),
  S('sql', 3, /\bselect[ \t]+(?:\*|[\w.]{1,60}(?:[ \t]*,[ \t]*[\w.]{1,60}){1,30})[ \t\n]+from[ \t]+[\w.]{1,100}(?:[ \t]+where\b|[ \t]*;|[ \t]*$)/gm),
  S('sql', 3, /\bINSERT[ \t]+INTO[ \t]+[\w.`"]{1,100}|\binsert[ \t]+into[ \t]+\w+[ \t]*\(|\bUPDATE[ \t]+[\w.`"]{1,100}[ \t]+SET[ \t]+\w+[ \t]*=|\bupdate[ \t]+\w+[ \t]+set[ \t]+\w+[ \t]*=[ \t]*[\w'"?$:]/g),
  S('sql', 3, /\bDELETE[ \t]+FROM[ \t]+[\w.`"]{1,100}|\bdelete[ \t]+from[ \t]+\w+[ \t]+where\b|\bCREATE[ \t]+(?:OR[ \t]+REPLACE[ \t]+)?(?:TABLE|INDEX|VIEW|DATABASE|PROCEDURE|FUNCTION|TRIGGER)\b|\bcreate[ \t]+table[ \t]+(?:if[ \t]+not[ \t]+exists[ \t]+)?\w+[ \t]*\(|\b(?:DROP|drop)[ \t]+(?:TABLE|DATABASE|table|database)[ \t]+[\w.`"]{1,100}/g),
  S('sql', 2, /\b(?:INNER|LEFT|RIGHT|FULL|CROSS)?[ \t]*JOIN[ \t]+\w+(?:[ \t]+\w+)?[ \t]+ON\b|\bWHERE[ \t]+[\w.]{1,60}[ \t]*(?:=|<>|!=|<|>|LIKE\b|IN\b|IS\b)|\b(?:GROUP|ORDER)[ \t]+BY\b/g),
  // PowerShell
  S('powershell', 3, /\b(?:Get|Set|New|Remove|Add|Invoke|Start|Stop|Test|Write|Import|Export|Select|Where|ForEach|Out|ConvertTo|ConvertFrom|Restart|Install)-[A-Z][a-zA-Z]{1,40}\b/g),
  S('powershell', 2, /\$(?:env:\w+|PSVersionTable|PSScriptRoot|_\.\w+)|[ \t]-(?:ErrorAction|Force|Recurse|Path|Filter|ComputerName|Credential|ExecutionPolicy|Name)\b|^[ \t]*param[ \t]*\(/gm),
  S('powershell', 3, /^[ \t]*function[ \t]+[A-Z]\w*-[A-Z]\w*/gm),
  // HTML / CSS
  S('html', 3, /<!DOCTYPE[ \t]+html>|<script\b[^<>\n]{0,200}>|<html\b[^<>\n]{0,100}>/gi),
  S('html', 1, /<\/?(?:head|body|div|span|form|input|button|table|tr|td|ul|ol|li|img|meta|link|iframe|section|nav|footer|header|h[1-6])\b(?:[ \t][^<>\n]{0,300})?\/?>/gi),
  S('html', 2, /\bon(?:click|load|error|mouseover|submit)[ \t]*=[ \t]*["']/gi),
  S('css', 1, /^[ \t]*[a-z-]{2,40}[ \t]*:[ \t]*[^;{}\n]{1,100};[ \t]*$/gm),
  S('css', 2, /^[ \t]*(?:[.#@]?[\w-]{1,60}(?:[ \t]*[,>+~ ][ \t]*[.#:]?[\w-]{1,60}){0,10})[ \t]*\{[ \t]*$|^[ \t]*@media\b/gm),
];

const CODE_THRESHOLD = 3;
const MAX_CLASSIFIED_FENCES = 20;

export interface CodeBlock {
  language: string;
  start: number;
  end: number;
  fenced: boolean;
}

interface LineIndex {
  starts: number[];
}

function lineOf(index: LineIndex, pos: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Scores {
  /** language -> line -> weight on that line */
  lines: Map<string, Map<number, number>>;
  specific: Map<string, number>;
}

function scoreText(text: string, index: LineIndex, skip: (pos: number) => boolean): Scores {
  const lines = new Map<string, Map<number, number>>();
  const specific = new Map<string, number>();
  for (const sig of SIGNALS) {
    sig.re.lastIndex = 0;
    let lastLine = -1;
    let m: RegExpExecArray | null;
    while ((m = sig.re.exec(text)) !== null) {
      if (m[0].length === 0) sig.re.lastIndex++;
      if (skip(m.index)) continue;
      const line = lineOf(index, m.index);
      if (line === lastLine) continue; // one signal counts once per line
      lastLine = line;
      for (const lang of sig.langs) {
        let perLine = lines.get(lang);
        if (!perLine) lines.set(lang, (perLine = new Map()));
        perLine.set(line, Math.min(3, (perLine.get(line) ?? 0) + sig.w));
      }
      if (sig.langs.length === 1) specific.set(sig.langs[0]!, (specific.get(sig.langs[0]!) ?? 0) + sig.w);
    }
  }
  return { lines, specific };
}

function total(perLine: Map<number, number> | undefined): number {
  let t = 0;
  for (const w of perLine?.values() ?? []) t += w;
  return t;
}

/** Languages detected in `text` (excluding skipped ranges), best first, after resolving look-alike pairs. */
function resolveLanguages(scores: Scores, threshold: number): string[] {
  const detected = new Set<string>();
  for (const [lang, perLine] of scores.lines) if (total(perLine) >= threshold) detected.add(lang);
  const spec = (l: string) => scores.specific.get(l) ?? 0;
  // Shared signals make a superset language look present; keep it only with its own evidence.
  const pairs: Array<[general: string, special: string]> = [['javascript', 'typescript'], ['c', 'cpp']];
  for (const [general, special] of pairs) {
    if (!detected.has(special)) continue;
    if (spec(special) >= 2) detected.delete(general);
    else detected.delete(special);
  }
  if (detected.has('java') && detected.has('csharp')) {
    if (spec('java') > spec('csharp')) detected.delete('csharp');
    else if (spec('csharp') > spec('java')) detected.delete('java');
  }
  return [...detected].sort((a, b) => total(scores.lines.get(b)) - total(scores.lines.get(a)));
}

const FENCE = /^([ \t]{0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/gm;

interface Fence {
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  info: string;
}

function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  FENCE.lastIndex = 0;
  let open: { start: number; marker: string; info: string; bodyStart: number } | undefined;
  let m: RegExpExecArray | null;
  while ((m = FENCE.exec(text)) !== null) {
    const marker = m[2]!;
    const lineEnd = m.index + m[0].length;
    if (!open) {
      open = { start: m.index, marker, info: m[3]!, bodyStart: Math.min(text.length, lineEnd + 1) };
    } else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && m[3] === '') {
      fences.push({ start: open.start, end: lineEnd, bodyStart: open.bodyStart, bodyEnd: m.index, info: open.info });
      open = undefined;
    }
  }
  // An unclosed fence (a stream window cut mid-block) runs to the end.
  if (open) fences.push({ start: open.start, end: text.length, bodyStart: open.bodyStart, bodyEnd: text.length, info: open.info });
  return fences;
}

/** Code blocks in text order, each with its language ('unknown' for fenced code that cannot be told). */
export function detectCode(text: string): CodeBlock[] {
  const fences = findFences(text);
  const index: LineIndex = { starts: [0] };
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) index.starts.push(i + 1);
  const blocks: CodeBlock[] = [];
  let classified = 0;
  for (const f of fences) {
    let language = f.info ? canonicalLanguage(f.info.replace(/^\{?\.?|\}$/g, '').split(/[,{]/)[0]!) : undefined;
    const body = text.slice(f.bodyStart, f.bodyEnd);
    if (body.trim() === '') continue; // an empty fence holds no code
    // Content classification is bounded so thousands of tiny fences cannot multiply the work.
    if (!language && classified++ < MAX_CLASSIFIED_FENCES) {
      const bodyIndex: LineIndex = { starts: [0] };
      for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) bodyIndex.starts.push(i + 1);
      language = resolveLanguages(scoreText(body, bodyIndex, () => false), 1)[0];
    }
    language ??= f.info ? f.info.toLowerCase() : 'unknown';
    blocks.push({ language, start: f.start, end: f.end, fenced: true });
  }
  // Fences are sorted and disjoint: binary search keeps this O(log n) per match.
  const inFence = (pos: number) => {
    let lo = 0;
    let hi = fences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = fences[mid]!;
      if (pos < f.start) hi = mid - 1;
      else if (pos >= f.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const scores = scoreText(text, index, fences.length ? inFence : () => false);
  for (const language of resolveLanguages(scores, CODE_THRESHOLD)) {
    // Contiguous contributing lines (gaps of up to 2 lines) form one block.
    const lines = [...scores.lines.get(language)!.keys()].sort((a, b) => a - b);
    let first = lines[0]!;
    let prev = first;
    const flush = () => {
      const start = index.starts[first]!;
      const next = index.starts[prev + 1];
      blocks.push({ language, start, end: next === undefined ? text.length : next - 1, fenced: false });
    };
    for (const l of lines.slice(1)) {
      if (l - prev > 3) {
        flush();
        first = l;
      }
      prev = l;
    }
    flush();
  }
  return blocks.sort((a, b) => a.start - b.start);
}
