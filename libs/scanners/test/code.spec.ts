import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS } from '../src/index.js';
import { detectCode } from '../src/code.detector.js';
import { ctx, make } from './scan.helpers.js';

const langs = (text: string) => [...new Set(detectCode(text).map((b) => b.language))];

const SNIPPETS: Record<string, string> = {
  python: `import os\n\ndef read_config(path: str) -> dict:\n    with open(path) as f:\n        return json.load(f)\n\nif __name__ == "__main__":\n    print(read_config("a.json"))`,
  javascript: `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  console.log('hit');\n  res.send('ok');\n});`,
  typescript: `interface User {\n  id: number;\n  name: string;\n}\nexport function greet(user: User): string {\n  return \`Hello \${user.name}\`;\n}`,
  java: `package com.example;\n\nimport java.util.List;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello");\n    }\n}`,
  c: `#include <stdio.h>\n#include <stdlib.h>\n\nint main(void) {\n    char *buf = malloc(64);\n    printf("%s\\n", buf);\n    free(buf);\n    return 0;\n}`,
  cpp: `#include <iostream>\n#include <vector>\n\nint main() {\n    std::vector<int> v{1, 2, 3};\n    std::cout << v.size() << std::endl;\n    return 0;\n}`,
  csharp: `using System;\n\nnamespace Demo\n{\n    public class Program\n    {\n        public static void Main(string[] args)\n        {\n            Console.WriteLine("Hi");\n        }\n    }\n}`,
  go: `package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 42\n\tfmt.Println(x)\n}`,
  rust: `use std::collections::HashMap;\n\nfn main() {\n    let mut m = HashMap::new();\n    m.insert("a", 1);\n    println!("{:?}", m);\n}`,
  php: `<?php\n$name = $_GET['name'];\necho "Hello " . $name;\nfunction greet($who) {\n    return "Hi $who";\n}`,
  ruby: `require 'json'\n\nclass Greeter < Base\n  def greet(name)\n    puts "Hello #{name}"\n  end\nend`,
  shell: `#!/bin/bash\nset -e\nfor f in *.log; do\n  grep -i error "$f" | tail -n 5\ndone`,
  sql: `SELECT u.id, u.email FROM users u\nLEFT JOIN orders o ON o.user_id = u.id\nWHERE o.total > 100\nORDER BY u.id;`,
  powershell: `$files = Get-ChildItem -Path C:\\logs -Recurse\nforeach ($f in $files) {\n    Write-Host $f.Name\n}`,
  html: `<!DOCTYPE html>\n<html>\n<head><title>x</title></head>\n<body>\n<div class="a"><script>alert(1)</script></div>\n</body>\n</html>`,
};

describe('code detection', () => {
  it.each(Object.entries(SNIPPETS))('recognizes unfenced %s', (lang, snippet) => {
    expect(langs(snippet)[0]).toBe(lang);
  });

  it.each(Object.entries(SNIPPETS))('recognizes %s inside an unlabelled fence', (lang, snippet) => {
    const blocks = detectCode(`Here you go:\n\n\`\`\`\n${snippet}\n\`\`\`\n\nHope it helps.`);
    expect(blocks[0]).toMatchObject({ language: lang, fenced: true });
  });

  it('uses the fence info string', () => {
    expect(detectCode('```py\nx = 1\n```')[0]).toMatchObject({ language: 'python', fenced: true, start: 0 });
    expect(detectCode('~~~C++\nint x;\n~~~')[0]!.language).toBe('cpp');
    expect(detectCode('```json\n{"a": 1}\n```')[0]!.language).toBe('json');
  });

  it.each([
    'The function of the heart is to pump blood through the body.',
    'In this class we will learn about the French Revolution and its causes.',
    'Please select the best option from the list and import it into your notes.',
    'I will update you when we set the date; let me know if that works for you.',
    'Use a for loop when you know how many times to repeat something.',
    'She said: "def not a good idea", and left.',
    'The package arrived today. Import duties were high.',
    'cat is a common pet; dogs are too.',
    'What is the difference between a class and an object in Python?',
    'Explain how the SELECT statement works in SQL.',
  ])('stays quiet on prose: %j', (text) => {
    expect(detectCode(text)).toEqual([]);
  });
});

describe('code scanner', () => {
  it('blocks any programming language by default and redacts the block', () => {
    const s = make('code');
    const r = s.scan(`Run this:\n\`\`\`python\nimport os\nos.system("rm -rf /")\n\`\`\`\nthanks`, ctx());
    expect(r.score).toBe(1);
    expect(r.reason).toBe('blocked code: python');
    expect(r.sanitized).toBe('Run this:\n[REDACTED_CODE]\nthanks');
    expect(s.scan('```json\n{"a": 1}\n```', ctx()).score).toBe(0);
  });

  it('blocks only listed languages', () => {
    const s = make('code', { languages: ['Shell', 'powershell'] });
    expect(s.scan(SNIPPETS.shell!, ctx()).score).toBeGreaterThan(0);
    expect(s.scan(SNIPPETS.python!, ctx()).score).toBe(0);
  });

  it('is_blocked=false allows only listed languages', () => {
    const s = make('code', { languages: ['python'], is_blocked: false });
    expect(s.scan(SNIPPETS.python!, ctx()).score).toBe(0);
    expect(s.scan(SNIPPETS.go!, ctx()).score).toBeGreaterThan(0);
    expect(s.scan('just words here', ctx()).score).toBe(0);
  });

  it('scores unfenced code a little lower than fenced code', () => {
    expect(make('code').scan(SNIPPETS.go!, ctx()).score).toBe(0.8);
  });

  it('validates language names', () => {
    expect(() => RULE_SCANNERS.code!.parseOptions({ languages: ['python', 'klingon'] })).toThrow(/"languages\[1\]"/);
    expect(RULE_SCANNERS.code!.parseOptions({ languages: ['C#', 'js'] }).languages).toEqual(['csharp', 'javascript']);
  });
});
