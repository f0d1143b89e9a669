import type { ReviewRule } from '../review-rule.js';
import { patternRule } from './pattern-rule.js';

// These rules read `code`, so a string or comment that mentions eval is not a finding. A name
// preceded by `.` is a method of some object (`model.eval()` in PyTorch, `redis.eval(script)`) and
// is not the language's eval, so lookbehinds exclude it.

/** Rules for code that compiles and runs strings at run time. */
export const execRules: readonly ReviewRule[] = [
  patternRule({
    id: 'exec/js-eval',
    severity: 'high',
    description: 'A call to the global eval() in JavaScript or TypeScript.',
    languages: ['javascript'],
    on: 'code',
    pattern: /(?<![\w$.])(?:(?:window|globalThis|global|self)\s*\.\s*)?eval\s*\(/,
    message:
      'eval() runs a string as code: anyone who controls the string controls the process; parse the data instead',
  }),
  patternRule({
    id: 'exec/js-new-function',
    severity: 'high',
    description: 'new Function(...) in JavaScript or TypeScript.',
    languages: ['javascript'],
    on: 'code',
    pattern: /\bnew\s+Function\s*\(/,
    message: 'new Function() compiles a string into code, like eval(): avoid building code from strings',
  }),
  patternRule({
    id: 'exec/js-string-timer',
    severity: 'high',
    description: 'setTimeout or setInterval called with a string as the first argument.',
    languages: ['javascript'],
    on: 'code',
    pattern: /(?<![\w$.])(?:(?:window|globalThis|global|self)\s*\.\s*)?set(?:Timeout|Interval)\s*\(\s*["'`]/,
    message: 'setTimeout/setInterval with a string evaluates it like eval(): pass a function instead',
  }),
  patternRule({
    id: 'exec/js-vm-run',
    severity: 'high',
    description: 'vm.runInContext, vm.runInNewContext, vm.runInThisContext or new vm.Script in Node.js.',
    languages: ['javascript'],
    on: 'code',
    pattern: /\bvm\s*\.\s*runIn(?:New|This)?Context\s*\(|\bnew\s+vm\s*\.\s*Script\s*\(/,
    message: 'node:vm runs a string as code and is not a security boundary: do not run untrusted input with it',
  }),
  patternRule({
    id: 'exec/python-eval',
    severity: 'high',
    description: 'A call to the built-in eval() or exec() in Python.',
    languages: ['python'],
    on: 'code',
    // Not a method (`model.eval()`), not `ast.literal_eval`, not a definition (`def eval(`).
    pattern: /(?<![\w.])(?<!\bdef\s+)(?:eval|exec)\s*\(/,
    message: 'eval()/exec() run a string as Python code: use ast.literal_eval or a real parser for data',
  }),
  patternRule({
    id: 'exec/php-eval',
    severity: 'high',
    description: 'eval() or create_function() in PHP.',
    languages: ['php'],
    on: 'code',
    pattern: /(?<![\w$>:\\])(?<!\bfunction\s+)(?:eval|create_function)\s*\(/,
    message: 'eval() runs a string as PHP code: anyone who controls the string controls the server',
  }),
];
