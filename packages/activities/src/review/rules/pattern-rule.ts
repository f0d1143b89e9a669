import type { Severity } from '@reviewflow/contract';
import type { ReviewRule, RuleContext } from '../review-rule.js';
import type { SourceLanguage } from '../source-language.js';

/** Which view of a line a pattern is matched against; see {@link RuleContext}. */
export type LineView = 'text' | 'uncommented' | 'code' | 'comment';

/** A rule that is one regular expression over one view of the line, with a fixed message. */
export interface PatternRuleSpec {
  id: string;
  severity: Severity;
  description: string;
  languages?: readonly SourceLanguage[];
  /** `text` for secrets (a key in a comment still leaks), `code` to ignore strings and comments. */
  on: LineView;
  pattern: RegExp;
  /** A match of this on the same view cancels the finding, for the legitimate look-alikes. */
  unless?: RegExp;
  /** Fixed text, so it can never echo a matched secret. */
  message: string;
}

function viewOf(line: string, context: RuleContext, view: LineView): string {
  return view === 'text' ? line : context[view];
}

// `g` and `y` make `test` stateful through `lastIndex`, which would make a shared rule skip matches.
function stateless(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

/** Builds a {@link ReviewRule} from a single pattern. */
export function patternRule(spec: PatternRuleSpec): ReviewRule {
  const pattern = stateless(spec.pattern);
  const unless = spec.unless === undefined ? undefined : stateless(spec.unless);
  return {
    id: spec.id,
    severity: spec.severity,
    description: spec.description,
    ...(spec.languages === undefined ? {} : { languages: spec.languages }),
    check(line, context) {
      const view = viewOf(line, context, spec.on);
      if (!pattern.test(view)) return undefined;
      if (unless?.test(view)) return undefined;
      return spec.message;
    },
  };
}
