import type { ReviewRule } from '../review-rule.js';
import { patternRule } from './pattern-rule.js';

// These rules read `code` (strings and comments blanked), so commented-out calls and messages that
// mention a call are not flagged. Go's fmt.Println has no rule: printing is ordinary in Go programs.
// console.error/warn are left alone too; they are how Node code reports problems.

/** Rules for debugging aids left in code: debug printing and breakpoints. */
export const debugRules: readonly ReviewRule[] = [
  patternRule({
    id: 'debug/console-log',
    severity: 'low',
    description: 'console.log, console.debug, console.trace or console.dir in JavaScript or TypeScript.',
    languages: ['javascript'],
    on: 'code',
    pattern: /(?<![\w$.])console\s*\.\s*(?:log|debug|trace|dir)\s*\(/,
    message: 'Leftover console output: remove it or use the project logger',
  }),
  patternRule({
    id: 'debug/debugger-statement',
    severity: 'low',
    description: 'A `debugger` statement in JavaScript or TypeScript.',
    languages: ['javascript'],
    on: 'code',
    pattern: /(?<![\w$.])debugger\s*(?:;|$)/,
    message: 'Leftover `debugger` statement: it pauses the program whenever dev tools are attached',
  }),
  patternRule({
    id: 'debug/python-print',
    severity: 'low',
    description: 'A statement-level print() call in Python.',
    languages: ['python'],
    on: 'code',
    pattern: /^\s*print\s*\(/,
    message: 'Leftover print(): remove it or use the logging module',
  }),
  patternRule({
    id: 'debug/python-breakpoint',
    severity: 'low',
    description: 'breakpoint(), pdb/ipdb/pudb set_trace() or an import of a debugger in Python.',
    languages: ['python'],
    on: 'code',
    pattern:
      /(?<![\w.])breakpoint\s*\(\s*\)|\b(?:i?pdb|pudb)\s*\.\s*set_trace\s*\(|^\s*(?:import\s+(?:i?pdb|pudb)\b|from\s+(?:i?pdb|pudb)\s+import\b)/,
    message: 'Leftover Python debugger: it stops the process waiting for input',
  }),
  patternRule({
    id: 'debug/ruby-debugger',
    severity: 'low',
    description: 'binding.pry, binding.irb or byebug in Ruby.',
    languages: ['ruby'],
    on: 'code',
    pattern: /\bbinding\s*\.\s*(?:pry|irb)\b|(?<![\w.:])byebug\b/,
    message: 'Leftover Ruby debugger breakpoint: it stops the process waiting for input',
  }),
  patternRule({
    id: 'debug/php-dump',
    severity: 'low',
    description: 'var_dump(), print_r() or dd() in PHP.',
    languages: ['php'],
    on: 'code',
    // Not a method (`->dd(`), static call (`::dd(`), namespaced or user-defined (`function dd(`) name.
    pattern: /(?<![\w$>:\\])(?<!\bfunction\s+)(?:var_dump|print_r|dd)\s*\(/,
    // print_r($x, true) returns the text instead of printing it.
    unless: /print_r\s*\([^;]*,\s*true\s*\)/i,
    message: 'Leftover debug dump: remove it or use the logger',
  }),
  patternRule({
    id: 'debug/java-system-out',
    severity: 'low',
    description: 'System.out.print/println/printf in Java.',
    languages: ['java'],
    on: 'code',
    pattern: /\bSystem\s*\.\s*out\s*\.\s*print(?:ln|f)?\s*\(/,
    message: 'Leftover System.out output: remove it or use the logger',
  }),
  patternRule({
    id: 'debug/java-print-stack-trace',
    severity: 'low',
    description: 'printStackTrace() with no arguments in Java.',
    languages: ['java'],
    on: 'code',
    pattern: /\.\s*printStackTrace\s*\(\s*\)/,
    message: 'printStackTrace() writes to stderr and bypasses the logger: log the exception instead',
  }),
  patternRule({
    id: 'debug/rust-dbg',
    severity: 'low',
    description: 'The dbg! macro in Rust.',
    languages: ['rust'],
    on: 'code',
    pattern: /(?<![\w:])dbg!\s*\(/,
    message: 'Leftover dbg! macro: remove it or use the log or tracing crate',
  }),
];
