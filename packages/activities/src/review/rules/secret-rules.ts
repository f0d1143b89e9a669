import type { ReviewRule } from '../review-rule.js';
import type { SourceLanguage } from '../source-language.js';
import { literalAssignments } from './literal-assignments.js';
import { patternRule } from './pattern-rule.js';

// Every rule here matches the raw line, comments included: a key pasted into a comment is as leaked
// as one in code. No message ever quotes the matched value, because findings are stored and logged.

const awsAccessKeyId = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
const githubToken = /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/;
const slackToken = /\bxox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}/;
const googleApiKey = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/;
const stripeLiveKey = /\b(?:sk|rk)_live_[0-9A-Za-z]{16,}/;
// Header and payload of a JWT are base64url JSON objects, so both start with `eyJ` (`{"`).
const jwt = /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
/** The first line of a PEM, OpenSSH or PGP private key block; redaction hides the lines after it. */
export const privateKeyBlockStart = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** Values a dedicated rule recognises; the generic assignment rule leaves them to it. */
const knownTokenPatterns: readonly RegExp[] = [
  awsAccessKeyId,
  githubToken,
  slackToken,
  googleApiKey,
  stripeLiveKey,
  jwt,
];

/** The last dotted segment of a name, lower-cased, without `_`, `-` and `$`: `this.DB_PASSWORD` → `dbpassword`. */
function normalizedName(name: string): string {
  return name
    .slice(name.lastIndexOf('.') + 1)
    .replace(/[$_-]/g, '')
    .toLowerCase();
}

// Names that end in one of these hold a credential (`dbPassword`, `GITHUB_TOKEN`, `clientSecret`);
// names that merely contain one usually describe it (`passwordHint`, `tokenUrl`, `secretName`).
const credentialNameEnd = /(?:password|passwd|secret|token|apikey|accesskey|secretkey)$/;

function isAwsSecretName(name: string): boolean {
  const normalized = normalizedName(name);
  return /aws.*secret|secret.*aws|secretaccesskey/.test(normalized);
}

/**
 * Real AWS secret access keys are 40 random base64 characters. The name already says what the value
 * is, so a slightly shorter or longer value (a truncated or padded copy) still counts; requiring
 * digits and both cases keeps long identifiers (`defaultAwsSecretAccessKeyValue`) out.
 */
function isAwsSecretValue(value: string): boolean {
  return (
    /^[A-Za-z0-9/+]{30,60}$/.test(value) &&
    /[0-9]/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    // AWS documentation's sample key ends in EXAMPLEKEY.
    !value.includes('EXAMPLE')
  );
}

/**
 * Obvious stand-ins rather than credentials. Values with whitespace are prose (labels, prompts);
 * values shaped like identifiers (`refresh_token`, `AUTH_TOKEN`) name a field or header; paths point
 * at a secret rather than holding it. Precision matters more than recall here.
 */
function isPlaceholder(value: string): boolean {
  return (
    value.length < 8 ||
    /\s/.test(value) ||
    /^<.*>$/.test(value) ||
    /\$\{|\{\{|%\(|^\$[A-Za-z_({]/.test(value) ||
    /^(?:process\.env|os\.environ|os\.getenv|env\.|ENV\[)/.test(value) ||
    /x{3,}|\*{3,}|\.{3}|•{3,}/i.test(value) ||
    /change[_-]?me|example|placeholder|dummy|redacted|replace[_-]?me|^your[_-]|^insert[_-]/i.test(value) ||
    /^[a-z]+(?:[_.-][a-z]+)+$/.test(value) ||
    /^[A-Z]+(?:[_.-][A-Z]+)+$/.test(value) ||
    /^\.{0,2}\/[\w./-]*$/.test(value) ||
    /^(.)\1+$/.test(value)
  );
}

/**
 * The credential values on a line that the rules of this file flag: known token formats anywhere on
 * the line, and literals assigned to credential-like names. Redaction replaces exactly these, with
 * the same patterns and placeholder filter as the rules, so what leaves for a model is what a review
 * would not report as a leak.
 */
export function secretValuesOn(line: string, language: SourceLanguage | undefined): string[] {
  const values = new Set<string>();
  for (const pattern of knownTokenPatterns) {
    for (const match of line.matchAll(new RegExp(pattern.source, 'g'))) {
      // The rules accept AWS's documented sample id; it is public, but hiding it costs nothing.
      values.add(match[0]);
    }
  }
  for (const { name, value } of literalAssignments(line, language)) {
    if (
      (isAwsSecretName(name) && isAwsSecretValue(value)) ||
      (credentialNameEnd.test(normalizedName(name)) && !isPlaceholder(value))
    ) {
      values.add(value);
    }
  }
  return [...values];
}

const awsSecretAccessKey: ReviewRule = {
  id: 'secret/aws-secret-access-key',
  severity: 'critical',
  description: 'An AWS secret access key assigned to a name that says so (aws + secret, or secret_access_key).',
  check(line, context) {
    const hit = literalAssignments(line, context.language).find(
      ({ name, value }) => isAwsSecretName(name) && isAwsSecretValue(value),
    );
    if (hit === undefined) return undefined;
    return `AWS secret access key hard-coded in \`${hit.name}\`: deactivate the key in IAM and load credentials from the environment or a secret store`;
  },
};

const hardCodedCredential: ReviewRule = {
  id: 'secret/hard-coded-credential',
  severity: 'high',
  description:
    'A string literal of 8+ characters assigned to a credential-like name (password, secret, token, api_key, access_key, ...).',
  check(line, context) {
    const hit = literalAssignments(line, context.language).find(
      ({ name, value }) =>
        credentialNameEnd.test(normalizedName(name)) &&
        !isPlaceholder(value) &&
        // Left to the dedicated rules, so one leak is one finding.
        !knownTokenPatterns.some((pattern) => pattern.test(value)) &&
        !(isAwsSecretName(name) && isAwsSecretValue(value)),
    );
    if (hit === undefined) return undefined;
    return `Hard-coded credential assigned to \`${hit.name}\`: read it from the environment or a secret store, and rotate it if it is real`;
  },
};

/** Rules for credentials committed in source: cloud keys, tokens, private keys and credential-like assignments. */
export const secretRules: readonly ReviewRule[] = [
  patternRule({
    id: 'secret/aws-access-key-id',
    severity: 'critical',
    description: 'An AWS access key id (AKIA… or ASIA… followed by 16 upper-case letters or digits).',
    on: 'text',
    pattern: awsAccessKeyId,
    // AWS documentation's sample id, AKIAIOSFODNN7EXAMPLE.
    unless: /\b(?:AKIA|ASIA)[0-9A-Z]*EXAMPLE\b/,
    message:
      'AWS access key id hard-coded: deactivate the key in IAM and load credentials from the environment or a secret store',
  }),
  awsSecretAccessKey,
  patternRule({
    id: 'secret/private-key',
    severity: 'critical',
    description: 'The first line of a PEM, OpenSSH or PGP private key block.',
    on: 'text',
    pattern: privateKeyBlockStart,
    message: 'Private key block added: revoke the key and keep it in a secret store, not in the repository',
  }),
  patternRule({
    id: 'secret/github-token',
    severity: 'critical',
    description: 'A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_ or github_pat_).',
    on: 'text',
    pattern: githubToken,
    message: 'GitHub token hard-coded: revoke it on GitHub and read it from the environment or a secret store',
  }),
  patternRule({
    id: 'secret/slack-token',
    severity: 'high',
    description: 'A Slack token (xoxa-, xoxb-, xoxp-, xoxo-, xoxs- or xoxr-).',
    on: 'text',
    pattern: slackToken,
    message: 'Slack token hard-coded: revoke it in Slack and read it from the environment or a secret store',
  }),
  patternRule({
    id: 'secret/google-api-key',
    severity: 'high',
    description: 'A Google API key (AIza followed by 35 characters).',
    on: 'text',
    pattern: googleApiKey,
    message: 'Google API key hard-coded: restrict or regenerate it and read it from the environment or a secret store',
  }),
  patternRule({
    id: 'secret/stripe-live-key',
    severity: 'critical',
    description: 'A Stripe live secret or restricted key (sk_live_ or rk_live_).',
    on: 'text',
    pattern: stripeLiveKey,
    message:
      'Stripe live key hard-coded: roll it in the Stripe dashboard and read it from the environment or a secret store',
  }),
  patternRule({
    id: 'secret/jwt',
    severity: 'high',
    description: 'A literal that looks like a signed JSON Web Token.',
    on: 'text',
    pattern: jwt,
    message: 'JSON Web Token hard-coded: tokens grant access until they expire; load them at run time instead',
  }),
  hardCodedCredential,
];
