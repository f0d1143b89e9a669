import path from 'node:path';
import { runCommand } from '../run-command.js';
import type { TemporalServerBinaries } from './ensure-temporal-server.js';
import type { PostgresServer } from './postgres-server.js';

/**
 * Creates the `temporal` and `temporal_visibility` databases on `postgres` when missing and brings
 * their schemas up to the release's versions, with the release's own `temporal-sql-tool`, logging in
 * as `user`. Safe to run on every start: a database that exists only gets the versions it lacks.
 */
export async function setUpTemporalSchemas(
  binaries: TemporalServerBinaries,
  postgres: PostgresServer,
  user: string,
  password: string,
  log: (message: string) => void,
): Promise<void> {
  const [host, port] = postgres.address.split(':') as [string, string];
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const run = (...args: string[]) =>
      runCommand(
        binaries.sqlTool,
        ['--plugin', 'postgres12', '--ep', host, '-p', port, '-u', user, '--pw', password, '--db', database, ...args],
        { timeoutMs: 120_000 },
      );
    const tool = async (...args: string[]): Promise<void> => {
      const result = await run(...args);
      if (result.code !== 0)
        throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${result.output.trim()}`);
    };
    const created = await run('create-database');
    if (created.code === 0) {
      await tool('setup-schema', '-v', '0.0');
    } else if (!/already exists/.test(created.output)) {
      throw new Error(`temporal-sql-tool create-database ${database} failed: ${created.output.trim()}`);
    }
    // Idempotent: applies only the versions the database does not have yet.
    await tool('update-schema', '-d', path.join(binaries.postgresSchemaDir, schema, 'versioned'));
    log(`schema ${database} up to date (temporal-sql-tool ${binaries.version})`);
  }
}
