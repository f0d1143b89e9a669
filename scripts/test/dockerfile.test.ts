import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findHadolint } from './support/find-hadolint.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** One instruction of a Dockerfile, continuation lines joined, comments dropped. */
interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: `FROM <base> AS <name>` and its instructions. */
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Enough of a Dockerfile parser for structural checks; hadolint does the real linting. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of logical) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === 'FROM') {
      const [, base = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest) ?? [];
      stages.push({ name, base, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = rest.split('=');
      args.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const { args, stages } = parseDockerfile(dockerfile);
const stage = (name: string): Stage => {
  const found = stages.find((s) => s.name === name);
  assert.ok(found, `a stage named ${name}`);
  return found;
};
/** Instructions of a stage and of every stage it is built FROM, nearest last, as Docker inherits them. */
const inherited = (name: string): Instruction[] => {
  const own = stage(name);
  const parent = stages.find((s) => s.name === own.base);
  return [...(parent ? inherited(parent.name) : []), ...own.instructions];
};
const last = (name: string, keyword: string): Instruction | undefined =>
  inherited(name)
    .filter((i) => i.keyword === keyword)
    .at(-1);
const envOf = (name: string): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const { args: text } of inherited(name).filter((i) => i.keyword === 'ENV')) {
    for (const [, key = '', value = ''] of text.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
  }
  return env;
};
/** The build stage's RUN commands, one a line. */
const buildRuns = (): string =>
  stage('build')
    .instructions.filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join('\n');

const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
/** Workspace folder of each workspace package name, from the root manifest. */
const workspaceDirs = new Map<string, string>(
  (readJson('package.json').workspaces as string[]).map((dir) => [readJson(`${dir}/package.json`).name as string, dir]),
);
/**
 * The workspace packages a workspace's src imports at run time: every import or export from one,
 * but those that are types only (`import type`, `export type`), which the compiler erases.
 */
function runtimeImports(dir: string): Set<string> {
  const names = new Set<string>();
  const statements = /^\s*(?:import|export)\s+(type\s)?[^;]*?\bfrom\s+'(@reviewflow\/[\w-]+)/gm;
  const dynamic = /\b(?:import|import\.meta\.resolve)\(\s*'(@reviewflow\/[\w-]+)/g;
  for (const file of readdirSync(path.join(root, dir, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(path.join(root, dir, 'src', file), 'utf8');
    for (const [, typeOnly, name = ''] of text.matchAll(statements)) if (!typeOnly) names.add(name);
    for (const [, name = ''] of text.matchAll(dynamic)) names.add(name);
  }
  return names;
}
/** The workspace folders a workspace needs at run time: itself and what it imports, transitively. */
function runtimeClosure(dir: string, into = new Set<string>()): Set<string> {
  into.add(dir);
  for (const name of runtimeImports(dir)) {
    const dependency = workspaceDirs.get(name);
    assert.ok(dependency, `${name} (imported by ${dir}) is a workspace package`);
    if (!into.has(dependency)) runtimeClosure(dependency, into);
  }
  return into;
}

const targets = {
  api: 'apps/api/src/server.ts',
  'worker-cpu': 'apps/worker-cpu/src/main.ts',
  'worker-gpu': 'apps/worker-gpu/src/main.ts',
};

describe('the Dockerfile', () => {
  it('passes hadolint', async () => {
    const hadolint = findHadolint();
    try {
      await run(hadolint, ['--no-color', 'Dockerfile'], { cwd: root });
    } catch (err) {
      const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
      assert.fail(`hadolint found problems:\n${stdout}${stderr}`);
    }
  });

  it('builds on a Debian slim Node 20 image, never Alpine', () => {
    const image = args.get('NODE_IMAGE') ?? '';
    assert.match(image, /^node:20[\w.-]*-(bookworm|bullseye|trixie)-slim(@sha256:[0-9a-f]{64})?$/);
    for (const { base, name } of stages) {
      const from = base === '${NODE_IMAGE}' ? image : base;
      assert.ok(!/alpine/i.test(from), `${name} is not Alpine: the SDK's native core needs glibc`);
    }
  });

  it('installs with npm ci, builds, bundles the workflows and prunes dev dependencies before anything ships', () => {
    const runs = buildRuns();
    const order = ['npm ci', 'npm run build', 'build-workflow-bundle.js', 'npm prune --omit=dev'].map((step) => {
      const at = runs.indexOf(step);
      assert.ok(at >= 0, `the build stage runs ${step}`);
      return at;
    });
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in that order',
    );
    // tsc -b compiles scripts/ into dist/scripts, which is what the RUN invokes.
    assert.ok(existsSync(path.join(root, 'scripts', 'build-workflow-bundle.ts')));
    assert.match(runs, /node dist\/scripts\/build-workflow-bundle\.js (\S+)/);
  });

  it('has one target per deployable, each starting its compiled entry point under tini as a non-root user', () => {
    for (const [target, source] of Object.entries(targets)) {
      assert.ok(existsSync(path.join(root, source)), `${source} exists`);
      const compiled = source.replace(/^(apps\/[^/]+)\/src\/(.+)\.ts$/, '$1/dist/src/$2.js');
      // Node flags may come between (the API's smaller young generation); the entry point is last.
      const cmd = JSON.parse(last(target, 'CMD')?.args ?? 'null') as string[] | null;
      assert.equal(cmd?.[0], 'node', `${target} runs node`);
      assert.equal(cmd?.at(-1), compiled, `${target} runs ${compiled}`);
      assert.ok(
        cmd.slice(1, -1).every((arg) => arg.startsWith('--')),
        `${target}: only node flags before the entry point`,
      );
      const entrypoint = JSON.parse(last(target, 'ENTRYPOINT')?.args ?? 'null');
      assert.deepEqual(entrypoint, ['/usr/bin/tini', '--'], `${target}: tini forwards signals and reaps zombies`);
      const user = last(target, 'USER')?.args ?? '';
      assert.match(user, /^[1-9]\d*(:\d+)?$/, `${target}: a numeric non-root USER, so runAsNonRoot can verify it`);
      assert.ok(
        stage(target).instructions.some((i) => i.keyword === 'COPY' && /--from=build\b/.test(i.args)),
        `${target}: copies the pruned build output`,
      );
    }
  });

  it('points worker-cpu at the bundle the build stage wrote', () => {
    const runs = buildRuns();
    const [, written = ''] = /build-workflow-bundle\.js (\S+)/.exec(runs) ?? [];
    const workdir = last('build', 'WORKDIR')?.args ?? '/';
    const runtimeDir = last('worker-cpu', 'WORKDIR')?.args ?? '/';
    assert.equal(workdir, runtimeDir, 'build and runtime share the /app layout');
    assert.equal(envOf('worker-cpu').WORKFLOW_BUNDLE_PATH, path.posix.join(runtimeDir, written));
  });

  it('ships each target only the workspace packages its code imports at run time', () => {
    const runs = buildRuns();
    assert.doesNotMatch(runs, /(apps|packages)\/\*/, 'no target gets every workspace package');
    const shipped = new Map(
      [...runs.matchAll(/\bship\s+([\w-]+)((?:\s+(?:apps|packages)\/[\w-]+)+)/g)].map(([, target = '', dirs = '']) => [
        target,
        dirs.trim().split(/\s+/).sort(),
      ]),
    );
    for (const [target, source] of Object.entries(targets)) {
      const app = source.replace(/\/src\/.*$/, '');
      assert.deepEqual(shipped.get(target), [...runtimeClosure(app)].sort(), `${target} ships what ${app} imports`);
      const copies = stage(target).instructions.filter((i) => i.keyword === 'COPY' && /--from=build\b/.test(i.args));
      assert.deepEqual(
        copies.map((i) => i.args),
        [`--from=build /out/${target}/ ./`],
        `${target} copies its own build output only`,
      );
    }
    // What a package imports at run time is a dependency in its manifest, so npm prune keeps what
    // that dependency needs in turn.
    for (const dir of new Set([...shipped.values()].flat())) {
      const dependencies = Object.keys(readJson(`${dir}/package.json`).dependencies ?? {});
      for (const name of runtimeImports(dir)) {
        if (workspaceDirs.get(name) !== dir)
          assert.ok(dependencies.includes(name), `${dir} lists ${name} in dependencies`);
      }
    }
  });

  it('gives the API a health check on /healthz, which never asks Temporal', () => {
    const healthcheck = last('api', 'HEALTHCHECK')?.args ?? '';
    assert.match(healthcheck, /\/healthz/);
    assert.doesNotMatch(healthcheck, /readyz/);
    assert.equal(envOf('api').HOST, '0.0.0.0', 'reachable from outside the container');
  });

  it('runs the workers with the liveness file and a metrics exporter reachable from outside', () => {
    for (const target of ['worker-cpu', 'worker-gpu']) {
      const env = envOf(target);
      assert.ok(env.LIVENESS_FILE?.startsWith('/tmp/'), `${target}: liveness file on the writable /tmp`);
      assert.equal(env.METRICS_HOST, '0.0.0.0');
      assert.match(last(target, 'HEALTHCHECK')?.args ?? '', /LIVENESS_FILE/);
    }
  });

  it('keeps local state, dependencies, build output and credentials out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const pattern of ['.git', '**/node_modules', '**/dist', '.data', '.tools', '.env']) {
      assert.ok(ignored.includes(pattern), `.dockerignore lists ${pattern}`);
    }
  });
});
