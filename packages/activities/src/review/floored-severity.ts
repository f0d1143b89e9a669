import { severities, type Severity } from '@reviewflow/contract';

// Categories whose problems are serious by nature: a model that calls an injection "low" is wrong
// about the severity, not about the problem (small models label nearly everything low).
const severityFloors: { pattern: RegExp; floor: Severity }[] = [
  { pattern: /\b(sql|command|shell|code|ldap|xpath|template)[- ]?injection\b|\binjection\b/i, floor: 'high' },
  { pattern: /\b(authenticat|authori[sz])\w*|\bauth (bypass|check)|\bpermission check/i, floor: 'high' },
  {
    pattern:
      /\b(secret|credential|password|api key|private key|token)s?\b.*\b(hard-?coded|committed|leak|exposed|plain ?text)|\bhard-?coded (secret|credential|password|key|token)/i,
    floor: 'high',
  },
];

/** The severity a finding ships with: the model's, raised to the floor of what its message describes. */
export function flooredSeverity(category: string, message: string, severity: Severity): Severity {
  if (category !== 'security' && category !== 'correctness' && category !== 'reliability') return severity;
  let result = severity;
  for (const { pattern, floor } of severityFloors) {
    if (pattern.test(message) && severities.indexOf(floor) > severities.indexOf(result)) result = floor;
  }
  return result;
}
