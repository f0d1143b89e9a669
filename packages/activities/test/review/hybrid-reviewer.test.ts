import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Chunk } from '@reviewflow/contract';
import { chatReply, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiRequest } from '@reviewflow/devkit';
import { OpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { HybridReviewer, mergeFindings } from '../../src/review/hybrid-reviewer.js';
import { LlmReviewer } from '../../src/review/llm-reviewer.js';

const chunk: Chunk = {
  id: 'c0001',
  file: 'src/users.js',
  hunks: [
    {
      header: '@@ -1,3 +1,5 @@',
      lines: [
        { kind: 'context', text: 'export async function findUser(db, req) {', oldLine: 1, newLine: 1 },
        {
          kind: 'add',
          text: "  const rows = await db.query('SELECT * FROM users WHERE id = ' + req.params.id);",
          newLine: 2,
        },
        { kind: 'add', text: '  const awsAccessKeyId = "AKIAJ3V8QW2NX5LP7RT4";', newLine: 3 },
        { kind: 'add', text: '  return rows[0];', newLine: 4 },
        { kind: 'context', text: '}', oldLine: 3, newLine: 5 },
      ],
    },
  ],
};

const isSecondLook = (r: FakeOpenAiRequest) =>
  JSON.stringify(r.body).includes('second_look') || JSON.stringify(r.body).includes('double-check');
const findings = (items: unknown[]) => chatReply(JSON.stringify({ findings: items }), { prompt: 300, completion: 60 });

describe('HybridReviewer', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const model = (s: FakeOpenAi) =>
    new OpenAiChatModel({ baseUrl: s.baseUrl, model: 'm', maxRetries: 0, retryBaseDelayMs: 1 });

  it('merges rules and model findings, each naming its reviewer; the model finding anchors on its quote, its severity floored', async () => {
    server = await startFakeOpenAi({
      chat: () =>
        findings([
          // Wrong line (3), right quote (line 2), and "low" for an injection.
          {
            file: 'src/users.js',
            quote: "db.query('SELECT * FROM users WHERE id = ' + req.params.id)",
            line: 3,
            severity: 'low',
            category: 'security',
            message: 'SQL injection: the query is built from request input',
            suggestion: null,
          },
          // The same problem the rules found (a hard-coded key on line 3), rated higher by the model.
          {
            file: 'src/users.js',
            quote: 'awsAccessKeyId',
            line: 3,
            severity: 'critical',
            category: 'security',
            message: 'A hard-coded AWS key',
            suggestion: null,
          },
        ]),
    });
    const reviewer = new HybridReviewer(new LlmReviewer(model(server)));
    const out = await reviewer.review(chunk);
    const byLine = new Map(out.findings.map((f) => [`${f.line} ${f.rule}`, f]));
    const injection = byLine.get('2 llm/security');
    assert.ok(injection, JSON.stringify(out.findings));
    assert.equal(injection.severity, 'high', 'an injection is high at least, whatever the model said');
    assert.equal(injection.reviewer, 'llm-m');
    const key = out.findings.filter((f) => f.line === 3);
    assert.equal(key.length, 1, 'the model finding on the rules finding is the same problem, merged');
    assert.equal(key[0]!.reviewer, 'reviewflow-offline-rules');
    assert.match(key[0]!.rule, /^secret\//);
    assert.equal(key[0]!.severity, 'critical', 'the higher severity of the two');
    assert.deepEqual(
      reviewer.reviewers.map((r) => r.name),
      ['reviewflow-offline-rules', 'llm-m'],
    );
  });

  it('a second look drops the findings the model rejects and counts them', async () => {
    server = await startFakeOpenAi({
      chat: (request) => {
        if (isSecondLook(request)) {
          const text = JSON.stringify(request.body);
          return chatReply(
            JSON.stringify(
              text.includes('line 4')
                ? { verdict: 'not_a_problem', severity: 'low' }
                : { verdict: 'real', severity: 'high' },
            ),
            { prompt: 100, completion: 8 },
          );
        }
        return findings([
          {
            file: 'src/users.js',
            quote: "'SELECT * FROM users WHERE id = ' + req.params.id",
            line: 2,
            severity: 'medium',
            category: 'security',
            message: 'Query built by concatenation',
            suggestion: null,
          },
          {
            file: 'src/users.js',
            quote: 'return rows[0];',
            line: 4,
            severity: 'low',
            category: 'correctness',
            message: 'rows may be empty',
            suggestion: null,
          },
        ]);
      },
    });
    const out = await new LlmReviewer(model(server), { secondLook: true }).review(chunk);
    assert.deepEqual(
      out.findings.map((f) => [f.line, f.severity]),
      [[2, 'high']],
    );
    assert.equal(out.findingsRejectedOnSecondLook, 1);
    assert.equal(out.modelCalls, 3, 'one review call and one second look per finding');
    assert.equal(server.requests.length, 3);
  });

  it('leaves the chunk to the rules once the model stays unavailable, and says why; unless the model is required', async () => {
    server = await startFakeOpenAi({ chat: () => ({ status: 503, body: { error: { message: 'overloaded' } } }) });
    const reviewer = new HybridReviewer(new LlmReviewer(model(server)));
    // Outside an activity there is one attempt and it is the last: the rules take over at once.
    const out = await reviewer.review(chunk);
    assert.match(out.rulesOnly ?? '', /model unavailable after \d+ attempts/);
    assert.ok(out.findings.length > 0 && out.findings.every((f) => f.reviewer === 'reviewflow-offline-rules'));
    await assert.rejects(reviewer.review(chunk, { modelRequired: true }), /503|overloaded/);
  });

  it('leaves the chunk to the rules at once when the model gives no valid answer (asking again would repeat it)', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('{"findings": [{"file": "src/users.js", "line": 0}]}') });
    const reviewer = new HybridReviewer(new LlmReviewer(model(server), { maxInvalidOutputRetries: 1 }));
    const out = await reviewer.review(chunk);
    assert.match(out.rulesOnly ?? '', /no valid answer/);
    assert.equal(out.modelCalls, 2, 'the reviewer asked twice, and its tokens still count');
    assert.ok(out.findings.some((f) => f.rule.startsWith('secret/')));
    await assert.rejects(reviewer.review(chunk, { modelRequired: true }), /gave no valid findings/);
  });

  it('mergeFindings keeps every rules finding and adds model findings of other lines or categories', () => {
    const rules = [
      { file: 'a.js', line: 1, rule: 'secret/jwt', severity: 'high' as const, message: 'jwt' },
      { file: 'a.js', line: 1, rule: 'secret/hard-coded-credential', severity: 'medium' as const, message: 'cred' },
    ];
    const model = [
      { file: 'a.js', line: 1, rule: 'llm/security', severity: 'low' as const, message: 'secret' },
      { file: 'a.js', line: 1, rule: 'llm/correctness', severity: 'medium' as const, message: 'bug' },
      { file: 'a.js', line: 2, rule: 'llm/security', severity: 'high' as const, message: 'injection' },
    ];
    const merged = mergeFindings(rules, model);
    assert.deepEqual(
      merged.map((f) => `${f.line} ${f.rule} ${f.severity}`),
      ['1 llm/correctness medium', '1 secret/hard-coded-credential medium', '1 secret/jwt high', '2 llm/security high'],
    );
  });
});
