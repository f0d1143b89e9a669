import { cliVersion } from './cli-version.js';
import { severities } from './severity.js';

/** `reviewflow --help`. */
export const usageText = `reviewflow ${cliVersion}: durable AI code reviews from the command line

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
  --fail-on SEVERITY  exit 1 when findings at or above it exist: ${severities.join('|')}
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
