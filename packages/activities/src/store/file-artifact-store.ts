import { randomBytes } from 'node:crypto';
import { access, link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ArtifactNotFoundError, type ArtifactStore } from './artifact-store.js';

const refPrefix = 'file:';
const keyCharacters = /^[A-Za-z0-9._\-/:@+]+$/;

/**
 * An {@link ArtifactStore} on a local (or shared) file system: one JSON file per key under `root`,
 * referenced as `file:<key>`. Writes are create-once: the file is complete before it appears under
 * its name, and an existing name is never replaced.
 */
export class FileArtifactStore implements ArtifactStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, value: unknown): Promise<{ ref: string; created: boolean }> {
    const path = this.pathOf(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`artifact ${key} is not JSON-serialisable`);
    await mkdir(dirname(path), { recursive: true });

    // The temp name is unique per call only so concurrent writers never share a half-written file;
    // the artifact's identity comes from the deterministic key.
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx');
    try {
      try {
        await handle.writeFile(json, 'utf8');
        // Flushed before it becomes visible: put never overwrites, so a torn file would stay torn.
        await handle.sync();
      } finally {
        await handle.close();
      }
      // link() fails with EEXIST instead of replacing, unlike rename(): the first writer wins.
      await link(temp, path);
      return { ref: refPrefix + key, created: true };
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return { ref: refPrefix + key, created: false };
      throw error;
    } finally {
      await unlink(temp);
    }
  }

  async get<T>(ref: string): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.pathOf(keyOf(ref)), 'utf8');
    } catch (error) {
      if (isMissing(error)) throw new ArtifactNotFoundError(ref);
      throw error;
    }
    return JSON.parse(text) as T;
  }

  ref(key: string): string {
    this.pathOf(key);
    return refPrefix + key;
  }

  async has(ref: string): Promise<boolean> {
    try {
      await access(this.pathOf(keyOf(ref)));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.root, ...key.split('/'));
  }
}

function keyOf(ref: string): string {
  if (!ref.startsWith(refPrefix)) throw new Error(`not a file artifact reference: ${ref}`);
  return ref.slice(refPrefix.length);
}

/** Keys come from callers; anything that could leave `root` or be read two ways is refused. */
function assertSafeKey(key: string): void {
  if (!keyCharacters.test(key)) {
    throw new Error(`artifact key ${JSON.stringify(key)} is empty or has characters outside [A-Za-z0-9._-/:@+]`);
  }
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new Error(`artifact key ${JSON.stringify(key)} has an empty, "." or ".." segment (or is absolute)`);
    }
  }
}

// ENOTDIR: a key runs through an existing artifact file, so nothing can exist below it.
const isMissing = (error: unknown) => errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR';

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
