import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** How many review reports the stack has published: one `report.json` per workflow run that published. */
export function countPublishedReports(dataDir: string): number {
  const artifacts = join(dataDir, 'artifacts');
  if (!existsSync(artifacts)) return 0;
  return readdirSync(artifacts, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('report.json')).length;
}
