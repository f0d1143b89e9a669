import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { ComponentInfo, Finding, ReviewView } from './review-view.js';
import type { Severity } from './severity.js';

/** The version of SARIF written, and the schema that describes it. */
export const sarifVersion = '2.1.0';
export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

const levelOf: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const rank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Identifies the program that wrote the log (`tool.driver`). */
export interface SarifToolInfo {
  name: string;
  version: string;
  informationUri?: string;
}

function component(info: ComponentInfo, role: string): Record<string, unknown> {
  return {
    name: info.name,
    fullDescription: { text: info.description },
    properties: { role, offline: info.offline },
  };
}

/**
 * A SARIF 2.1.0 log of one review, for code-scanning tools (GitHub code scanning and others): one
 * run whose driver is reviewflow, with the reviewer (the model or the offline rules that produced
 * the findings) as a tool extension, a rule per finding rule id, and a result per finding located
 * at its file (relative to the repository root, `%SRCROOT%`) and line.
 */
export function toSarif(view: ReviewView, tool: SarifToolInfo): Record<string, unknown> {
  const ruleIds = [...new Set(view.findings.map((f) => f.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const ofRule = view.findings.filter((f) => f.rule === id);
    const worst = ofRule.reduce((a, b) => (rank[b.severity] > rank[a.severity] ? b : a));
    return {
      id,
      name: id,
      shortDescription: { text: ofRule[0]!.message },
      defaultConfiguration: { level: levelOf[worst.severity] },
      properties: { tags: [id.split('/')[0]!], severity: worst.severity },
    };
  });
  const results = view.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule)!,
    level: levelOf[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line },
        },
      },
    ],
    // Stable across line shifts, so a code-scanning tool matches a finding with its earlier self.
    partialFingerprints: { 'reviewflow/v1': fingerprint(f) },
    properties: { severity: f.severity },
  }));

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
        rules,
      },
      ...(view.reviewer || view.embedder
        ? {
            extensions: [
              ...(view.reviewer ? [component(view.reviewer, 'reviewer')] : []),
              ...(view.embedder ? [component(view.embedder, 'embedder')] : []),
            ],
          }
        : {}),
    },
    invocations: [
      {
        executionSuccessful: view.status === 'completed',
        ...(view.failure ? { exitCodeDescription: `${view.failure.type}: ${view.failure.message}` } : {}),
      },
    ],
    results,
    properties: {
      reviewId: view.id,
      status: view.status,
      findings: view.counts?.findings ?? view.findings.length,
      findingsOmitted: view.findingsOmitted ?? 0,
    },
  };
  const root = sourceRoot(view);
  if (root) run.originalUriBaseIds = { '%SRCROOT%': { uri: root } };
  const provenance = provenanceOf(view);
  if (provenance) run.versionControlProvenance = [provenance];
  return { $schema: sarifSchemaUri, version: sarifVersion, runs: [run] };
}

function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.rule}\0${f.file}\0${f.message}`).digest('hex').slice(0, 32);
}

function sourceRoot(view: ReviewView): string | undefined {
  const p = view.source?.kind === 'git' ? view.source.path : undefined;
  if (typeof p !== 'string' || !p.startsWith('/')) return undefined;
  const url = pathToFileURL(p).href;
  return url.endsWith('/') ? url : `${url}/`;
}

function provenanceOf(view: ReviewView): Record<string, unknown> | undefined {
  const s = view.source;
  if (!s) return undefined;
  const head = s.kind === 'git' ? s.head : s.headSha;
  let repositoryUri: string | undefined;
  if (s.kind === 'github' && typeof s.owner === 'string' && typeof s.repo === 'string') {
    repositoryUri = `https://github.com/${s.owner}/${s.repo}`;
  } else if (s.kind === 'git' && typeof s.path === 'string' && s.path.startsWith('/')) {
    repositoryUri = pathToFileURL(s.path).href;
  }
  if (!repositoryUri) return undefined;
  return { repositoryUri, ...(head ? { revisionId: head } : {}) };
}
