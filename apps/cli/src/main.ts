import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiClient, type ApiClient } from './api-client.js';
import { ApiError, ApiUnreachableError } from './api-error.js';
import { ExitCode } from './exit-codes.js';
import { formatFindingsByFile, formatReviewList, formatReviewText } from './format-review-text.js';
import { parseReviewTarget } from './parse-review-target.js';
import { createProgressReporter } from './progress-bar.js';
import { reviewStatuses, terminalStatuses, type ReviewView, type Severity } from './review-view.js';
import { findingsAtOrAbove, isSeverity } from './severity.js';
import { createTerminalStyle, type TerminalStyle } from './terminal-style.js';
import { toSarif } from './to-sarif.js';

/** Where the CLI reads and writes; the real process by default, fakes in tests. */
export interface CliIo {
  stdout: { isTTY?: boolean; write(text: string): unknown };
  stderr: { isTTY?: boolean; write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

const usage = `reviewflow ${version}: durable AI code reviews from the command line

Usage:
  reviewflow review <path | owner/repo#number> [--base REV] [--head REV] [--wait] [--approval]
  reviewflow status <id> [--wait]
  reviewflow list [--status STATUS] [--repository REPO] [--limit N]
  reviewflow approve <id> [--reason TEXT]
  reviewflow reject <id> --reason TEXT
  reviewflow cancel <id>

Options:
  --url URL           API base URL (env REVIEWFLOW_URL; default http://127.0.0.1:3000)
  --api-key KEY       API key (env REVIEWFLOW_API_KEY; prefer the env: flags show in ps)
  --base REV          base revision of a local repository (default HEAD~1)
  --head REV          head revision (default HEAD; for a pull request a full commit SHA)
  --wait              follow the review live until it ends, then show its findings
  --approval          the review waits for approve/reject before it publishes
  --fail-on SEVERITY  exit 1 when findings at or above it exist: info|low|medium|high|critical
                      (implies --wait)
  --format FORMAT     text (default), json or sarif (SARIF 2.1.0)
  -o, --output FILE   write the --format output to FILE; the text summary goes to stdout
  --no-progress       no progress display while waiting
  --no-color          no colours (also: NO_COLOR=1); colours only on a terminal anyway
  -h, --help          this help
  -v, --version       the version

Exit codes: 0 ok; 1 findings at or above --fail-on; 2 usage error; 3 API error or API unreachable;
4 review failed, was cancelled or was rejected.
`;

class UsageError extends Error {}

/** Runs one `reviewflow` command line and answers its exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        wait: { type: 'boolean' },
        approval: { type: 'boolean' },
        'fail-on': { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        reason: { type: 'string' },
        status: { type: 'string' },
        repository: { type: 'string' },
        limit: { type: 'string' },
        'no-progress': { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    io.stderr.write(`reviewflow: ${(err as Error).message}\nRun \`reviewflow --help\` for usage.\n`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usage);
    return ExitCode.ok;
  }
  if (values.version) {
    io.stdout.write(`${version}\n`);
    return ExitCode.ok;
  }
  const errStyle = createTerminalStyle(io.stderr, io.env, values['no-color']);
  try {
    const [command, ...args] = positionals;
    if (!command) throw new UsageError('no command given');
    const format = values.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif`);
    const failOn = values['fail-on'];
    if (failOn !== undefined && !isSeverity(failOn)) {
      throw new UsageError('--fail-on must be one of info, low, medium, high, critical');
    }
    const context: Context = {
      io,
      api: createApiClient({
        url: values.url ?? io.env.REVIEWFLOW_URL ?? 'http://127.0.0.1:3000',
        ...((values['api-key'] ?? io.env.REVIEWFLOW_API_KEY)
          ? { apiKey: values['api-key'] ?? io.env.REVIEWFLOW_API_KEY }
          : {}),
        onStreamProblem: (p) =>
          io.stderr.write(`${errStyle.yellow('warning')}: ${p.title ?? 'problem'}${p.detail ? `: ${p.detail}` : ''}\n`),
      }),
      style: createTerminalStyle(io.stdout, io.env, values['no-color']),
      errStyle,
      format: format as Format,
      ...(values.output === undefined ? {} : { output: values.output }),
      ...(failOn === undefined ? {} : { failOn: failOn as Severity }),
      progress: !values['no-progress'],
    };
    const one = (what: string): string => {
      if (args.length !== 1) throw new UsageError(`${command} takes one ${what}`);
      return args[0]!;
    };
    switch (command) {
      case 'review': {
        const target = one('path or owner/repo#number');
        let source;
        try {
          source = parseReviewTarget(
            target,
            {
              ...(values.base === undefined ? {} : { base: values.base }),
              ...(values.head === undefined ? {} : { head: values.head }),
            },
            io.cwd,
          );
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        const { review, created } = await context.api.startReview({
          source,
          ...(values.approval ? { approval: { required: true } } : {}),
        });
        io.stderr.write(`${created ? 'started' : 'existing'} review ${review.id}\n`);
        return await show(context, review, values.wait === true || failOn !== undefined);
      }
      case 'status': {
        const review = await context.api.getReview(one('review id'));
        return await show(context, review, values.wait === true || failOn !== undefined);
      }
      case 'list': {
        if (args.length > 0) throw new UsageError('list takes no arguments');
        const status = values.status;
        if (status !== undefined && !reviewStatuses.includes(status)) {
          throw new UsageError(`--status must be one of ${reviewStatuses.join(', ')}`);
        }
        const limit = values.limit === undefined ? undefined : Number(values.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100)) {
          throw new UsageError('--limit must be a whole number from 1 to 100');
        }
        const { reviews } = await context.api.listReviews({
          ...(status === undefined ? {} : { status }),
          ...(values.repository === undefined ? {} : { repository: values.repository }),
          ...(limit === undefined ? {} : { pageSize: limit }),
        });
        emit(
          context,
          format === 'text' ? formatReviewList(reviews, context.style) : `${JSON.stringify(reviews, null, 2)}\n`,
        );
        return ExitCode.ok;
      }
      case 'approve':
      case 'reject': {
        const id = one('review id');
        if (command === 'reject' && !values.reason) throw new UsageError('reject needs --reason');
        const { approval } = await context.api.decide(id, command, values.reason);
        emit(
          context,
          format === 'text'
            ? `${id}: ${approval?.state ?? command}\n`
            : `${JSON.stringify({ id, approval }, null, 2)}\n`,
        );
        return ExitCode.ok;
      }
      case 'cancel': {
        const id = one('review id');
        await context.api.cancel(id);
        emit(
          context,
          format === 'text' ? `${id}: cancellation requested\n` : `${JSON.stringify({ id, cancelRequested: true })}\n`,
        );
        return ExitCode.ok;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`reviewflow: ${err.message}\nRun \`reviewflow --help\` for usage.\n`);
      return ExitCode.usage;
    }
    if (err instanceof ApiError) {
      io.stderr.write(`${errStyle.red('error')}: ${err.describe()}\n`);
      return ExitCode.apiError;
    }
    if (err instanceof ApiUnreachableError) {
      io.stderr.write(`${errStyle.red('error')}: ${err.message}\n`);
      return ExitCode.apiError;
    }
    throw err;
  }
}

type Format = 'text' | 'json' | 'sarif';

interface Context {
  io: CliIo;
  api: ApiClient;
  style: TerminalStyle;
  errStyle: TerminalStyle;
  format: Format;
  output?: string;
  failOn?: Severity;
  progress: boolean;
}

/** Prints a review (after following it to its end when `wait`) and answers the exit code. */
async function show(context: Context, initial: ReviewView, wait: boolean): Promise<number> {
  const { io } = context;
  let review = initial;
  if (wait && !terminalStatuses.has(review.status)) {
    const progress = context.progress ? createProgressReporter(io.stderr, context.errStyle) : undefined;
    progress?.update(review);
    try {
      review = await context.api.watchReview(review.id, (view) => progress?.update(view));
    } finally {
      progress?.done();
    }
  }
  const rendered =
    context.format === 'sarif'
      ? `${JSON.stringify(toSarif(review, { name: 'reviewflow', version, informationUri: 'https://reviewflow.dev' }), null, 2)}\n`
      : context.format === 'json'
        ? `${JSON.stringify(review, null, 2)}\n`
        : formatReviewText(review, context.style);
  if (context.output !== undefined) {
    writeFileSync(context.output, rendered);
    io.stderr.write(`wrote ${context.format} to ${context.output}\n`);
    if (context.format !== 'text') io.stdout.write(formatReviewText(review, context.style));
  } else {
    io.stdout.write(rendered);
  }
  if (!terminalStatuses.has(review.status)) return ExitCode.ok;
  if (review.status !== 'completed') return ExitCode.reviewNotCompleted;
  if (context.failOn) {
    const blocking = findingsAtOrAbove(review.findings, context.failOn);
    if (blocking.length > 0) {
      io.stderr.write(
        `${context.errStyle.red('gate')}: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} at ${context.failOn} or above\n`,
      );
      if (context.format !== 'text' && context.output === undefined) {
        io.stderr.write(`${formatFindingsByFile(blocking, context.errStyle).join('\n')}\n`);
      }
      return ExitCode.findings;
    }
  }
  return ExitCode.ok;
}

function emit(context: Context, text: string): void {
  if (context.output !== undefined) writeFileSync(context.output, text);
  else context.io.stdout.write(text);
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
