import type { ReviewRule } from '../review-rule.js';
import { patternRule } from './pattern-rule.js';

// These rules read `uncommented`: what matters is how the command string is built (template
// placeholders, `+`, f-strings, `#{}`), which lives inside the string literals.

const message =
  'Shell command built from a string: a value with spaces, quotes or `;` changes the command (command injection); pass the program and its arguments as a list without a shell';

/** Rules for shell commands assembled from strings, the usual road to command injection. */
export const shellRules: readonly ReviewRule[] = [
  patternRule({
    id: 'shell/node-exec-interpolated',
    severity: 'high',
    description:
      'child_process exec/execSync called with a template literal containing ${...} or a concatenated string.',
    languages: ['javascript'],
    on: 'uncommented',
    // A bare `exec(` or one on child_process/cp; any other `.exec(` is RegExp#exec or a database
    // client, which are not shells.
    pattern:
      /(?<![\w$.])(?:(?:child_process|childProcess|cp)\s*\.\s*)?exec(?:Sync|Async)?\s*\(\s*(?:`[^`]*\$\{|(["'])(?:\\.|(?!\1)[^\\])*\1\s*\+|[\w$.]+\s*\+)/,
    message,
  }),
  patternRule({
    id: 'shell/node-spawn-shell',
    severity: 'high',
    description: 'spawn/spawnSync/execFile/execFileSync called with { shell: true } on the same line.',
    languages: ['javascript'],
    on: 'uncommented',
    pattern: /(?<![\w$])(?:spawn|spawnSync|execFile|execFileSync)\s*\(.*\bshell\s*:\s*true\b/,
    message:
      'spawn with shell: true runs the command line through a shell (command injection): drop the shell option and pass arguments as a list',
  }),
  patternRule({
    id: 'shell/python-os-system',
    severity: 'high',
    description: 'os.system/os.popen called with an f-string, % formatting, .format() or + concatenation.',
    languages: ['python'],
    on: 'uncommented',
    pattern: /\bos\s*\.\s*(?:system|popen)\s*\(\s*(?:[rRbB]?[fF][rRbB]?["']|[^)]*?(?:["']\s*%|\+|\.format\s*\())/,
    message,
  }),
  patternRule({
    id: 'shell/python-shell-true',
    severity: 'high',
    description: 'shell=True passed to a subprocess call in Python.',
    languages: ['python'],
    on: 'code',
    pattern: /\bshell\s*=\s*True\b/,
    message:
      'subprocess with shell=True runs the command line through a shell (command injection): pass an argument list instead',
  }),
  patternRule({
    id: 'shell/ruby-interpolated-command',
    severity: 'high',
    description: 'Backticks, %x() or system/exec/spawn with a string that interpolates #{...} in Ruby.',
    languages: ['ruby'],
    on: 'uncommented',
    pattern: /`[^`]*#\{[^`]*`|%x[({[<|][^)}\]>|]*#\{|(?<![\w.])(?:system|exec|spawn)\s*\(?\s*"[^"]*#\{/,
    message,
  }),
  patternRule({
    id: 'shell/go-shell-command',
    severity: 'high',
    description:
      'exec.Command / exec.CommandContext running sh/bash -c with a command that is not a single constant string.',
    languages: ['go'],
    on: 'uncommented',
    pattern:
      /\bexec\s*\.\s*Command(?:Context)?\s*\(\s*(?:[\w.]+(?:\(\))?\s*,\s*)?"(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh)"\s*,\s*"-c"\s*,/,
    // A constant command line cannot be injected into.
    unless: /"-c"\s*,\s*(?:"(?:\\.|[^"\\])*"|`[^`]*`)\s*\)/,
    message,
  }),
];
