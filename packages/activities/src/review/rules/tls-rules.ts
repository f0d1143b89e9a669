import type { ReviewRule } from '../review-rule.js';
import { patternRule } from './pattern-rule.js';

// These rules read `uncommented`: the setting often sits in a string (an env value, a shell command
// in a script or CI file), but a comment warning against it is not a finding. They run on every file
// unless the spelling belongs to one language, because the same settings appear in code, YAML, JSON,
// Dockerfiles and shell scripts alike.

const message = (what: string): string =>
  `${what} turns off TLS certificate verification, which lets anyone on the network read and alter the traffic: fix the trust store instead`;

/** Rules for code and configuration that turn off TLS certificate verification. */
export const tlsRules: readonly ReviewRule[] = [
  patternRule({
    id: 'tls/reject-unauthorized-false',
    severity: 'high',
    description: 'rejectUnauthorized set to false (Node.js TLS options).',
    on: 'uncommented',
    pattern: /\brejectUnauthorized["']?\s*(?::|(?<![=!<>])=(?!=))\s*false\b/,
    message: message('rejectUnauthorized: false'),
  }),
  patternRule({
    id: 'tls/node-tls-reject-unauthorized',
    severity: 'high',
    description: 'NODE_TLS_REJECT_UNAUTHORIZED set to 0, in code, env files, shell or Dockerfiles.',
    on: 'uncommented',
    // `=`, `:` or the space of Dockerfile's `ENV NAME value`; `==`/`===` are comparisons.
    pattern: /\bNODE_TLS_REJECT_UNAUTHORIZED["']?\s*(?::|=(?!=)|\s)\s*["']?0(?![\w.])/,
    message: message('NODE_TLS_REJECT_UNAUTHORIZED=0'),
  }),
  patternRule({
    id: 'tls/python-verify-false',
    severity: 'high',
    description: 'verify=False passed to requests/httpx-style calls in Python.',
    languages: ['python'],
    on: 'code',
    pattern: /\bverify\s*=\s*False\b/,
    message: message('verify=False'),
  }),
  patternRule({
    id: 'tls/insecure-skip-verify',
    severity: 'high',
    description: 'InsecureSkipVerify (Go tls.Config) or insecure_skip_verify (YAML configs) set to true.',
    on: 'uncommented',
    pattern: /\b(?:InsecureSkipVerify|insecureSkipVerify|insecure_skip_verify)["']?\s*(?::|=(?!=))\s*true\b/,
    message: message('InsecureSkipVerify: true'),
  }),
  patternRule({
    id: 'tls/curl-insecure',
    severity: 'high',
    description: 'curl run with -k or --insecure (also inside a cluster such as -sSk).',
    on: 'uncommented',
    // The option must belong to the same command: stop at a pipe, `;` or `&`.
    pattern: /\bcurl\b[^|;&]*?\s(?:--insecure\b|-(?!-)[A-Za-z]*k[A-Za-z]*(?=[\s'"`]|$))/,
    message: message('curl -k/--insecure'),
  }),
  patternRule({
    id: 'tls/strict-ssl-false',
    severity: 'high',
    description: 'strictSSL: false (request-style options) or strict-ssl false (npm/yarn config).',
    on: 'uncommented',
    pattern: /\bstrictSSL["']?\s*(?::|=(?!=))\s*false\b|\bstrict-ssl["']?\s*(?:[:=]|\s)\s*false\b/,
    message: message('strictSSL false'),
  }),
  patternRule({
    id: 'tls/curl-ssl-verify-disabled',
    severity: 'high',
    description: 'CURLOPT_SSL_VERIFYPEER / CURLOPT_SSL_VERIFYHOST set to false or 0 (PHP, C, pycurl).',
    on: 'uncommented',
    pattern: /\b(?:CURLOPT_|pycurl\.)SSL_VERIFY(?:PEER|HOST)\s*(?:,|=>)\s*(?:false|FALSE|False|0L?)\b/,
    message: message('CURLOPT_SSL_VERIFYPEER off'),
  }),
];
