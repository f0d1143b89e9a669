import type { ReviewRule } from './review-rule.js';
import { debugRules } from './rules/debug-rules.js';
import { execRules } from './rules/exec-rules.js';
import { markerRules } from './rules/marker-rules.js';
import { secretRules } from './rules/secret-rules.js';
import { shellRules } from './rules/shell-rules.js';
import { tlsRules } from './rules/tls-rules.js';

/**
 * Every rule of the offline default reviewer. Each favours precision over recall: a rule that fires
 * on ordinary code teaches people to ignore the reviewer, which costs more than a missed case.
 */
export const offlineRules: readonly ReviewRule[] = [
  ...secretRules,
  ...debugRules,
  ...tlsRules,
  ...execRules,
  ...shellRules,
  ...markerRules,
];
