import type { SourceLanguage } from './source-language.js';

/**
 * One line of source split into what the program runs and what only people read. `uncommented` and
 * `code` keep the line's length, so an offset in one is an offset in the original line.
 */
export interface LineParts {
  /** The line with its comments replaced by spaces. */
  uncommented: string;
  /** `uncommented` with the contents of string literals replaced by spaces; the quotes stay. */
  code: string;
  /** The line's comments, openers included, joined by a space; `''` when it has none. */
  comment: string;
}

interface Syntax {
  /** Characters that open and close a string literal. */
  readonly quotes: string;
  readonly lineComments: readonly string[];
  readonly blockComments: readonly (readonly [open: string, close: string])[];
  /** Comment openers that count only as the first thing on the line (`*` continuing a block comment). */
  readonly leadingComments: readonly string[];
  /** `#` opens a comment only at the start of the line or after whitespace, as in shell and YAML (`$#`, `a#b`). */
  readonly hashAfterSpaceOnly?: boolean;
}

const slashSyntax = (quotes: string): Syntax => ({
  quotes,
  lineComments: ['//'],
  blockComments: [['/*', '*/']],
  leadingComments: ['*'],
});

const hashSyntax = (quotes: string, hashAfterSpaceOnly: boolean): Syntax => ({
  quotes,
  lineComments: ['#'],
  blockComments: [],
  leadingComments: [],
  hashAfterSpaceOnly,
});

const syntaxes: Readonly<Record<SourceLanguage, Syntax>> = {
  // Vue and Svelte templates use HTML comments next to the script's.
  javascript: {
    ...slashSyntax('\'"`'),
    blockComments: [
      ['/*', '*/'],
      ['<!--', '-->'],
    ],
  },
  java: slashSyntax('\'"'),
  c: slashSyntax('\'"'),
  go: slashSyntax('\'"`'),
  // Rust's `'` also starts lifetimes (`&'a str`), so only `"` delimits strings.
  rust: slashSyntax('"'),
  php: { ...slashSyntax('\'"`'), lineComments: ['//', '#'] },
  css: { quotes: '\'"', lineComments: [], blockComments: [['/*', '*/']], leadingComments: [] },
  python: hashSyntax('\'"', false),
  ruby: hashSyntax('\'"`', false),
  toml: hashSyntax('\'"', false),
  shell: hashSyntax('\'"`', true),
  yaml: hashSyntax('\'"', true),
  env: hashSyntax('\'"', true),
  ini: { quotes: '\'"', lineComments: [], blockComments: [], leadingComments: ['#', ';'] },
  sql: { quotes: '\'"', lineComments: ['--'], blockComments: [['/*', '*/']], leadingComments: [] },
  // Prose: apostrophes are not quotes.
  markup: { quotes: '', lineComments: [], blockComments: [['<!--', '-->']], leadingComments: [] },
  markdown: { quotes: '', lineComments: [], blockComments: [['<!--', '-->']], leadingComments: [] },
};

// For files of unknown kind only a whole-line comment is certain; a `#` or `//` further along may be
// part of a URL, a colour or a value.
const unknownSyntax: Syntax = {
  quotes: '',
  lineComments: [],
  blockComments: [],
  leadingComments: ['//', '#', '/*', '<!--'],
};

/** Index of the quote closing a string opened just before `from`, or -1 when the line does not close it. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i;
  }
  return -1;
}

function opensLineComment(line: string, i: number, syntax: Syntax, language: SourceLanguage | undefined): boolean {
  return syntax.lineComments.some((opener) => {
    if (!line.startsWith(opener, i)) return false;
    if (opener !== '#') return true;
    // PHP 8 attributes are written `#[...]`.
    if (language === 'php' && line[i + 1] === '[') return false;
    return !syntax.hashAfterSpaceOnly || i === 0 || /\s/.test(line[i - 1] ?? '');
  });
}

/**
 * Splits one line into code, strings and comments with a deliberately small scanner: it knows only
 * what a single line shows, so a line inside a multi-line string or block comment is read as code.
 * A quote the line never closes is taken as a plain character (an apostrophe in prose, or the start
 * of a multi-line string) rather than hiding the rest of the line.
 */
export function lineParts(line: string, language: SourceLanguage | undefined): LineParts {
  const syntax = language === undefined ? unknownSyntax : syntaxes[language];
  const trimmed = line.trimStart();
  if (syntax.leadingComments.some((opener) => trimmed.startsWith(opener))) {
    const blank = ' '.repeat(line.length);
    return { uncommented: blank, code: blank, comment: trimmed };
  }

  const uncommented = line.split('');
  const code = line.split('');
  const comments: string[] = [];
  const blankOut = (chars: string[], from: number, to: number): void => {
    for (let k = from; k < to; k++) chars[k] = ' ';
  };

  // Once a quote finds no partner, later ones of the same kind are plain characters too; rescanning
  // for each would make a long line of quotes quadratic.
  const unclosed = new Set<string>();
  let i = 0;
  while (i < line.length) {
    const block = syntax.blockComments.find(([open]) => line.startsWith(open, i));
    if (block !== undefined) {
      const closeAt = line.indexOf(block[1], i + block[0].length);
      const end = closeAt === -1 ? line.length : closeAt + block[1].length;
      comments.push(line.slice(i, end));
      blankOut(uncommented, i, end);
      blankOut(code, i, end);
      i = end;
      continue;
    }
    if (opensLineComment(line, i, syntax, language)) {
      comments.push(line.slice(i));
      blankOut(uncommented, i, line.length);
      blankOut(code, i, line.length);
      break;
    }
    const ch = line[i] ?? '';
    if (syntax.quotes.includes(ch) && !unclosed.has(ch)) {
      const close = closingQuote(line, i + 1, ch);
      if (close !== -1) {
        blankOut(code, i + 1, close);
        i = close + 1;
        continue;
      }
      unclosed.add(ch);
    }
    i++;
  }

  return { uncommented: uncommented.join(''), code: code.join(''), comment: comments.join(' ') };
}
