import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Chunk, Finding } from '@reviewflow/contract';
import { OfflineReviewer } from '../../src/review/offline-reviewer.js';
import { offlineRules } from '../../src/review/offline-rules.js';
import { reviewAddedLines } from '../../src/review/review-added-lines.js';

// Token-shaped test values are assembled at run time so the test source itself holds nothing a
// secret scanner would (rightly) block; the lines the rules see are the same.
const alnum = (length: number): string => 'aB3dE6gH9kL2mN5pQ8rS1tU4vW7yZ0'.repeat(8).slice(0, length);
const awsKeyId = 'AKIA' + 'Z7QK2M9XW4PL8RT3';
const awsSecret = 'q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1Fs5Gj0Pe2Ya7Uo9iK';
const githubToken = 'ghp_' + alnum(36);
const githubPat = 'github_pat_' + alnum(22) + '_' + alnum(59);
const slackToken = 'xoxb-' + '123456789012-1234567890123-' + alnum(24);
const googleKey = 'AIza' + alnum(35);
const stripeKey = 'sk_' + 'live_' + alnum(24);
const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtToken = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'Ada' })}.${alnum(43)}`;
const beginKey = (kind: string): string => `-----BEGIN ${kind}-----`;

/** Secret values used below; no finding message may contain any of them. */
const secretValues = [
  awsKeyId,
  awsSecret,
  githubToken,
  githubPat,
  slackToken,
  googleKey,
  stripeKey,
  jwtToken,
  'S3cure!Passw0rd',
  'Tr0ub4dor&3x',
  '9f8e7d6c5b4a3210',
  'a8F3kL9pQ2rT7vW1',
  's3cr3tValue99',
];

interface Example {
  file: string;
  text: string;
}

interface RuleCase {
  rule: string;
  matches: Example[];
  /** Similar lines the rule must not flag. */
  ignores: Example[];
}

const at = (file: string, ...texts: string[]): Example[] => texts.map((text) => ({ file, text }));

const ruleCases: RuleCase[] = [
  // Secrets
  {
    rule: 'secret/aws-access-key-id',
    matches: [
      ...at('src/aws.ts', `const accessKeyId = "${awsKeyId}";`),
      ...at('deploy/notes.py', `# old key: ${awsKeyId}`),
    ],
    ignores: at(
      'src/aws.ts',
      'const accessKeyId = "AKIAIOSFODNN7EXAMPLE";',
      'const prefix = "AKIA1234";',
      `const id = "${awsKeyId}X";`,
    ),
  },
  {
    rule: 'secret/aws-secret-access-key',
    matches: [
      ...at('src/aws.ts', `const credentials = { secretAccessKey: "${awsSecret}" };`),
      ...at('.env', `AWS_SECRET_ACCESS_KEY=${awsSecret}`),
      ...at('settings.py', `aws_secret = '${awsSecret}'`),
    ],
    ignores: [
      ...at(
        'src/aws.ts',
        'const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;',
        'const awsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";',
      ),
      ...at('src/aws.ts', 'const awsSecretAccessKey = defaultAwsSecretAccessKeyValue;'),
      ...at('.github/workflows/deploy.yml', '  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}'),
    ],
  },
  {
    rule: 'secret/private-key',
    matches: [
      ...at('keys/id_rsa', beginKey('RSA PRIVATE KEY')),
      ...at('src/keys.ts', `const pem = "${beginKey('PRIVATE KEY')}\\nMIIE";`),
      ...at('keys/deploy', beginKey('OPENSSH PRIVATE KEY')),
    ],
    ignores: at('keys/id_rsa.pub', beginKey('PUBLIC KEY'), beginKey('CERTIFICATE')),
  },
  {
    rule: 'secret/github-token',
    matches: at('src/github.ts', `const token = "${githubToken}";`, `octokit({ auth: '${githubPat}' })`),
    ignores: at('src/github.ts', 'const prefix = "ghp_";', 'if (token.startsWith("ghp_abc")) warn();'),
  },
  {
    rule: 'secret/slack-token',
    matches: at('src/slack.js', `const slack = new WebClient("${slackToken}");`),
    ignores: at('src/slack.js', 'const kind = "xoxb-not-a-token";', 'const prefixes = ["xoxb-", "xoxp-"];'),
  },
  {
    rule: 'secret/google-api-key',
    matches: at('src/maps.ts', `const mapsKey = "${googleKey}";`),
    ignores: at('src/maps.ts', `const mapsKey = "AIza${alnum(10)}";`),
  },
  {
    rule: 'secret/stripe-live-key',
    matches: at('src/pay.rb', `Stripe.api_key = "${stripeKey}"`),
    ignores: at('src/pay.rb', `Stripe.api_key = "sk_test_${alnum(24)}"`),
  },
  {
    rule: 'secret/jwt',
    matches: at('test/fixtures/auth.ts', `const bearer = "Bearer ${jwtToken}";`),
    ignores: at('src/auth.ts', `const header = "${base64url({ alg: 'HS256' })}";`, 'const parts = token.split(".");'),
  },
  {
    rule: 'secret/hard-coded-credential',
    matches: [
      ...at('src/db.ts', 'const dbPassword = "S3cure!Passw0rd";', 'const config = { password: "S3cure!Passw0rd" };'),
      ...at('app/db.py', 'conn = connect(user="app", password="Tr0ub4dor&3x")', 'API_TOKEN: str = "Tr0ub4dor&3x"'),
      ...at('config/app.yml', '  api_key: 9f8e7d6c5b4a3210'),
      ...at('config/app.json', '  "client_secret": "a8F3kL9pQ2rT7vW1",'),
      ...at('.env.local', 'DB_PASSWORD=s3cr3tValue99'),
      ...at('main.go', 'accessKey := "a8F3kL9pQ2rT7vW1"'),
    ],
    ignores: [
      ...at(
        'src/db.ts',
        'const dbPassword = process.env.DB_PASSWORD;',
        'const config = { password: "changeme" };',
        'const token = "";',
      ),
      ...at(
        'src/db.ts',
        'const password = "<your password>";',
        'const secret = "xxxxxxxxxx";',
        'const secret = "short";',
      ),
      ...at(
        'src/db.ts',
        'const PASSWORD_FIELD = "password";',
        'const tokenUrl = "https://auth.example.com/oauth/token";',
      ),
      ...at(
        'src/db.ts',
        'const ACCESS_TOKEN_KEY = "access_token";',
        'const AUTH_TOKEN = "AUTH_TOKEN";',
        'const refreshToken = "refresh_token";',
      ),
      ...at('src/db.ts', 'if (password === "S3cure!Passw0rd") deny();', 'const passwordLabel = "Enter your password";'),
      ...at('src/db.ts', 'const password = `${prefix}S3cure!Passw0rd`;', 'const tokenizer = "wordpiece-v2-large";'),
      ...at('app/db.py', 'token = f"{prefix}S3cure1234"', 'password = os.environ["DB_PASSWORD"]'),
      ...at('config/app.yml', '  api_key: ${API_KEY}', '  password: "{{ vault_db_password }}"'),
      ...at(
        'src/db.ts',
        'const secretPath = "/run/secrets/db_password";',
        'const secret = "/run/secrets/db_password";',
      ),
    ],
  },
  // Debug leftovers
  {
    rule: 'debug/console-log',
    matches: [
      ...at('src/a.ts', 'console.log("x")', '  console.debug(value);'),
      ...at('src/a.mjs', 'console.dir(obj, { depth: null });'),
      ...at('src/a.jsx', 'console.trace();'),
    ],
    ignores: [
      ...at(
        'src/a.ts',
        'console.error("failed", err);',
        '// console.log(x)',
        'logger.log("x");',
        'const hint = "call console.log(x)";',
      ),
      ...at('README.md', 'console.log("x")'),
      ...at('scripts/a.py', 'console.log("x")'),
    ],
  },
  {
    rule: 'debug/debugger-statement',
    matches: at('src/a.js', '  debugger;', 'if (broken) debugger;'),
    ignores: at('src/a.js', 'const debuggerEnabled = true;', '// debugger;', 'options.debugger = true;'),
  },
  {
    rule: 'debug/python-print',
    matches: at('app/main.py', 'print("value", x)', '    print(f"total={total}")'),
    ignores: at('app/main.py', 'pprint(x)', 'self.print(x)', 'logger.info("print(x)")', '# print(x)'),
  },
  {
    rule: 'debug/python-breakpoint',
    matches: at(
      'app/main.py',
      '    breakpoint()',
      'import pdb; pdb.set_trace()',
      'import pdb',
      'from ipdb import set_trace',
    ),
    ignores: at('app/main.py', 'debugger.breakpoint()', 'set_breakpoint(line)', 'import pdbfmt', '# breakpoint()'),
  },
  {
    rule: 'debug/ruby-debugger',
    matches: at('app/models/user.rb', '    binding.pry', '  byebug'),
    ignores: at('app/models/user.rb', '    # binding.pry', '  def pry_enabled?', '  puts "byebug"'),
  },
  {
    rule: 'debug/php-dump',
    matches: at('src/User.php', 'var_dump($user);', 'print_r($data);', 'dd($request->all());'),
    ignores: at(
      'src/User.php',
      '$out = print_r($data, true);',
      '$collection->dd();',
      'function dd($x) {',
      '// var_dump($user);',
    ),
  },
  {
    rule: 'debug/java-system-out',
    matches: at('src/Main.java', '        System.out.println("x = " + x);', 'System.out.printf("%d%n", n);'),
    ignores: at('src/Main.java', 'log.info("System.out.println");', 'System.out.flush();', '// System.out.println(x);'),
  },
  {
    rule: 'debug/java-print-stack-trace',
    matches: at('src/Main.java', '    e.printStackTrace();'),
    ignores: at('src/Main.java', '    e.printStackTrace(writer);'),
  },
  {
    rule: 'debug/rust-dbg',
    matches: at('src/main.rs', '    dbg!(&value);', 'let total = dbg!(a + b);'),
    ignores: at('src/main.rs', '// dbg!(x);', 'log::debug!("x = {}", x);'),
  },
  // Disabled TLS verification
  {
    rule: 'tls/reject-unauthorized-false',
    matches: [
      ...at('src/http.ts', 'const agent = new https.Agent({ rejectUnauthorized: false });'),
      ...at('config/db.json', '  "rejectUnauthorized": false,'),
    ],
    ignores: at(
      'src/http.ts',
      'const agent = new https.Agent({ rejectUnauthorized: true });',
      '// never set rejectUnauthorized: false',
      'if (opts.rejectUnauthorized === false) warn();',
    ),
  },
  {
    rule: 'tls/node-tls-reject-unauthorized',
    matches: [
      ...at('src/boot.ts', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"),
      ...at('.env', 'NODE_TLS_REJECT_UNAUTHORIZED=0'),
      ...at('Dockerfile', 'ENV NODE_TLS_REJECT_UNAUTHORIZED 0'),
      ...at('docker-compose.yml', '      NODE_TLS_REJECT_UNAUTHORIZED: "0"'),
    ],
    ignores: [
      ...at('.env', 'NODE_TLS_REJECT_UNAUTHORIZED=1'),
      ...at('src/boot.ts', "if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') warn();"),
    ],
  },
  {
    rule: 'tls/python-verify-false',
    matches: at('app/client.py', 'resp = requests.get(url, verify=False)', '    httpx.Client(verify=False)'),
    ignores: [
      ...at('app/client.py', 'resp = requests.get(url, verify=True)', '# verify=False is never acceptable'),
      ...at('src/a.ts', 'call({ verify: false })'),
    ],
  },
  {
    rule: 'tls/insecure-skip-verify',
    matches: [
      ...at('client.go', '\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},'),
      ...at('prometheus.yml', '    insecure_skip_verify: true'),
    ],
    ignores: at(
      'client.go',
      '\tTLSClientConfig: &tls.Config{InsecureSkipVerify: false},',
      '\t// InsecureSkipVerify: true is forbidden',
    ),
  },
  {
    rule: 'tls/curl-insecure',
    matches: [
      ...at('scripts/fetch.sh', 'curl -k https://example.com', 'curl --insecure -o out.tgz "$URL"'),
      ...at('Dockerfile', 'RUN curl -sSLk https://example.com/install.sh | sh'),
      ...at('.github/workflows/ci.yml', '      - run: curl -fsk "$HEALTH_URL"'),
    ],
    ignores: at(
      'scripts/fetch.sh',
      'curl -sSL https://example.com/install.sh | sh',
      'curl -H "X-Key: 1" https://x',
      'curl https://x | sort -k2',
      'curl -K config.txt',
      '# curl -k is not allowed',
    ),
  },
  {
    rule: 'tls/strict-ssl-false',
    matches: [
      ...at('src/fetch.js', 'request({ url, strictSSL: false });'),
      ...at('.npmrc', 'strict-ssl=false'),
      ...at('scripts/setup.sh', 'npm config set strict-ssl false'),
    ],
    ignores: [...at('src/fetch.js', 'request({ url, strictSSL: true });'), ...at('.npmrc', 'strict-ssl=true')],
  },
  {
    rule: 'tls/curl-ssl-verify-disabled',
    matches: [
      ...at('src/Http.php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);'),
      ...at('src/http.c', 'curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);'),
    ],
    ignores: at(
      'src/Http.php',
      'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);',
      'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);',
    ),
  },
  // Dynamic code execution
  {
    rule: 'exec/js-eval',
    matches: at('src/calc.js', 'const result = eval(userInput);', 'window.eval(code);'),
    ignores: at(
      'src/calc.js',
      'await redis.eval(script, 1, key);',
      'const evaluate = (x) => x;',
      'const msg = "never call eval(x)";',
      '// eval(x)',
    ),
  },
  {
    rule: 'exec/js-new-function',
    matches: at('src/calc.ts', 'const fn = new Function("a", "b", body);'),
    ignores: at('src/calc.ts', 'const fn = function () {};', 'const call = new FunctionCall(node);'),
  },
  {
    rule: 'exec/js-string-timer',
    matches: at('src/poll.js', 'setTimeout("refresh()", 1000);', 'window.setInterval(`tick()`, 10);'),
    ignores: at(
      'src/poll.js',
      'setTimeout(() => refresh(), 1000);',
      'setTimeout(refresh, 1000);',
      'clock.setTimeout("x", 1);',
    ),
  },
  {
    rule: 'exec/js-vm-run',
    matches: at('src/sandbox.ts', 'const out = vm.runInNewContext(code, sandbox);', 'vm.runInThisContext(source);'),
    ignores: at('src/sandbox.ts', 'const context = vm.createContext(sandbox);'),
  },
  {
    rule: 'exec/python-eval',
    matches: at('app/calc.py', 'result = eval(expression)', 'exec(code, env)'),
    ignores: at(
      'app/calc.py',
      'model.eval()',
      'value = ast.literal_eval(text)',
      '    def eval(self):',
      'redis.eval(script, 0)',
    ),
  },
  {
    rule: 'exec/php-eval',
    matches: at('src/Calc.php', 'eval($code);', '$r = eval("return $expr;");'),
    ignores: at('src/Calc.php', '$redis->eval($script);', '// eval($x)'),
  },
  // Shell commands built from strings
  {
    rule: 'shell/node-exec-interpolated',
    matches: at(
      'src/git.ts',
      'exec(`git log ${range}`, callback);',
      'execSync("git checkout " + branch);',
      'child_process.execSync(cmd + " --force");',
    ),
    ignores: at(
      'src/git.ts',
      'execSync(`git status`);',
      'const m = pattern.exec(`${a}`);',
      'const m = /\\d+/.exec(input + suffix);',
      'execFile("git", ["log", range]);',
      'db.exec(`CREATE TABLE ${name}`);',
    ),
  },
  {
    rule: 'shell/node-spawn-shell',
    matches: at(
      'src/run.js',
      'spawn(cmd, args, { shell: true });',
      'const child = cp.spawnSync(line, { stdio: "inherit", shell: true });',
    ),
    ignores: at('src/run.js', 'spawn("git", ["status"], { shell: false });', 'spawn("git", ["status"]);'),
  },
  {
    rule: 'shell/python-os-system',
    matches: at(
      'app/ops.py',
      'os.system(f"rm -rf {path}")',
      'os.system("tar xf %s" % archive)',
      'out = os.popen("ls " + directory).read()',
    ),
    ignores: at('app/ops.py', 'os.system("clear")', 'os.system(command)', 'os.system("echo 100%")'),
  },
  {
    rule: 'shell/python-shell-true',
    matches: at(
      'app/ops.py',
      'subprocess.run(cmd, shell=True)',
      'out = subprocess.check_output(f"ls {d}", shell=True)',
    ),
    ignores: at(
      'app/ops.py',
      'subprocess.run(["ls", d], shell=False)',
      'subprocess.run(["ls", d])',
      '# never use shell=True',
    ),
  },
  {
    rule: 'shell/ruby-interpolated-command',
    matches: at('lib/ops.rb', 'files = `ls #{dir}`', 'system("rm -rf #{path}")'),
    ignores: at('lib/ops.rb', 'today = `date`', 'puts "Hello #{name}"', 'system("rm", "-rf", path)'),
  },
  {
    rule: 'shell/go-shell-command',
    matches: at(
      'run.go',
      '\tcmd := exec.Command("sh", "-c", "git log "+rangeSpec)',
      '\tcmd := exec.CommandContext(ctx, "bash", "-c", script)',
    ),
    ignores: at(
      'run.go',
      '\tcmd := exec.Command("git", "log", rangeSpec)',
      '\tcmd := exec.Command("sh", "-c", "ls -la | wc -l")',
    ),
  },
  // Markers
  {
    rule: 'marker/todo-comment',
    matches: [
      ...at('src/a.ts', '// TODO: handle retries', 'retry(); /* HACK */', '   * XXX this is wrong'),
      ...at('app/a.py', 'x = 1  # FIXME remove'),
    ],
    ignores: [
      ...at(
        'src/a.ts',
        'const todos = loadTodos();',
        '// todo: lower case is prose',
        'const mask = "XXX-XXX-XXXX";',
        '// TODOS are tracked elsewhere',
        'const s = "TODO: a string";',
      ),
      ...at('docs/notes.txt', 'See TODO.md'),
    ],
  },
];

const review = (example: Example): Finding[] => reviewAddedLines(example.file, [{ line: 7, text: example.text }]);
const show = (example: Example): string => `${example.file}: ${example.text}`;

describe('offline rules', () => {
  it('has a case for every rule, and every rule id is unique', () => {
    const ids = offlineRules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ruleCases.map((c) => c.rule).sort());
  });

  for (const { rule, matches, ignores } of ruleCases) {
    describe(rule, () => {
      it('flags the matching lines', () => {
        for (const example of matches) {
          const finding = review(example).find((f) => f.rule === rule);
          assert.ok(finding, `expected ${rule} on ${show(example)}`);
          assert.equal(finding.file, example.file);
          assert.equal(finding.line, 7);
          assert.ok(finding.message.length > 0);
        }
      });
      it('leaves the look-alikes alone', () => {
        for (const example of ignores) {
          assert.ok(!review(example).some((f) => f.rule === rule), `unexpected ${rule} on ${show(example)}`);
        }
      });
    });
  }

  it('reports one finding per leak, not one per rule that could see it', () => {
    assert.deepEqual(
      review({ file: 'src/a.ts', text: `const githubToken = "${githubToken}";` }).map((f) => f.rule),
      ['secret/github-token'],
    );
  });

  it('never puts a secret value in a message', () => {
    const secretCases = ruleCases.filter((c) => c.rule.startsWith('secret/'));
    for (const example of secretCases.flatMap((c) => c.matches)) {
      for (const finding of review(example)) {
        for (const value of secretValues) {
          assert.ok(!finding.message.includes(value), `${finding.rule} message leaks a value: ${finding.message}`);
          // Nor a recognisable piece of one.
          for (let i = 0; i + 8 <= value.length; i++) {
            assert.ok(
              !finding.message.includes(value.slice(i, i + 8)),
              `${finding.rule} message leaks part of a value`,
            );
          }
        }
      }
    }
  });

  it('stays quiet on ordinary code', () => {
    const ordinary: Example[] = [
      ...at(
        'src/app.ts',
        'export async function handler(req: Request): Promise<Response> {',
        '  const token = await getToken(req);',
        '  return new Response(JSON.stringify({ ok: true }));',
        'import { exec } from "node:child_process";',
      ),
      ...at(
        'src/app.ts',
        '  const password = await readSecret("db-password");',
        '  if (!options.secret) throw new Error("secret is required");',
        'const re = /^[A-Z0-9]{16}$/;',
        '  const match = re.exec(line);',
      ),
      ...at(
        'main.go',
        '\tfmt.Println("hello")',
        '\tlog.Printf("listening on %s", addr)',
        '\tcmd := exec.Command("git", "rev-parse", "HEAD")',
      ),
      ...at(
        'app/views.py',
        'def view(request):',
        '    password = request.POST["password"]',
        '    logger.info("saved %s", user.id)',
        '    model.eval()',
      ),
      ...at(
        'README.md',
        '# Configuration',
        'Set `DB_PASSWORD` in the environment.',
        "Don't commit secrets; it's easy to leak them.",
      ),
      ...at('config/app.yml', 'database:', '  password: ${DB_PASSWORD}', '  url: postgres://db:5432/app'),
    ];
    for (const example of ordinary) assert.deepEqual(review(example), [], show(example));
  });

  it('handles a very long generated line quickly', () => {
    const started = performance.now();
    review({
      file: 'dist/bundle.js',
      text: `var a="${'x'.repeat(50_000)}";curl ${'-a '.repeat(20_000)}` + 'password = '.repeat(5_000),
    });
    assert.ok(performance.now() - started < 2_000);
  });
});

/** A chunk with one hunk whose lines start at `start`, all added unless marked otherwise. */
function chunkOf(file: string, start: number, lines: (string | { kind: 'del' | 'context'; text: string })[]): Chunk {
  let newLine = start;
  let oldLine = start;
  return {
    id: `${file}#0`,
    file,
    hunks: [
      {
        header: `@@ -${start},0 +${start},${lines.length} @@`,
        lines: lines.map((line) => {
          if (typeof line === 'string') return { kind: 'add', text: line, newLine: newLine++ };
          if (line.kind === 'del') return { kind: 'del', text: line.text, oldLine: oldLine++ };
          return { kind: 'context', text: line.text, newLine: newLine++, oldLine: oldLine++ };
        }),
      },
    ],
  };
}

describe('OfflineReviewer', () => {
  const reviewer = new OfflineReviewer();

  it('names itself as the offline default', () => {
    assert.deepEqual(reviewer.info, {
      name: 'reviewflow-offline-rules',
      offline: true,
      description:
        'reviewflow offline default: rule-based reviewer (secrets, debug leftovers, disabled TLS, dynamic code execution, shell commands built from strings, TODO/FIXME markers), no model',
    });
  });

  it('flags hard-coded AWS credentials on their own lines', async () => {
    const findings = await reviewer.review(
      chunkOf('src/config.js', 2, [
        'export const bucket = "reports";',
        // Split so the test source holds no credential-shaped literal; the reviewed line is the same.
        'export const awsSecretAccessKey = "q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1' + 'Fs5Gj0Pe2Ya7Uo9i";',
        'export const awsAccessKeyId = "AKIA' + 'J3V8QW2NX5LP7RT4";',
      ]),
    );
    assert.ok(findings.length > 0);
    for (const finding of findings) {
      assert.equal(finding.file, 'src/config.js');
      assert.ok(finding.rule.startsWith('secret/'), finding.rule);
      assert.ok(finding.severity === 'critical' || finding.severity === 'high');
      assert.ok(!finding.message.includes('Fs5Gj0Pe2') && !finding.message.includes('J3V8QW2NX5'));
    }
    assert.deepEqual([...new Set(findings.map((f) => f.line))], [3, 4]);
    assert.deepEqual(
      findings.map((f) => [f.line, f.rule]),
      [
        [3, 'secret/aws-secret-access-key'],
        [4, 'secret/aws-access-key-id'],
      ],
    );
  });

  it('flags a leftover console.log and nothing else', async () => {
    const findings = await reviewer.review(
      chunkOf('src/app.js', 2, [
        '  const sum = a + b;',
        '  // keep it simple',
        '  console.log("sum is", sum);',
        '  return sum;',
      ]),
    );
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0], {
      file: 'src/app.js',
      line: 4,
      rule: 'debug/console-log',
      severity: 'low',
      message: findings[0]?.message,
    });
  });

  it('reviews added lines only, at their head-revision line numbers', async () => {
    const findings = await reviewer.review(
      chunkOf('src/app.ts', 10, [
        { kind: 'context', text: 'console.log("context");' },
        { kind: 'del', text: 'console.log("deleted");' },
        'const total = sum(items);',
        { kind: 'context', text: 'debugger;' },
        'console.log("added", total);',
        { kind: 'del', text: 'eval(code);' },
      ]),
    );
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.rule]),
      [['src/app.ts', 13, 'debug/console-log']],
    );
  });

  it('spans every hunk of the chunk', async () => {
    const first = chunkOf('src/app.ts', 5, ['// TODO: one']);
    const second = chunkOf('src/app.ts', 40, ['// FIXME: two']);
    const findings = await reviewer.review({ ...first, hunks: [...first.hunks, ...second.hunks] });
    assert.deepEqual(
      findings.map((f) => [f.line, f.rule, f.severity]),
      [
        [5, 'marker/todo-comment', 'info'],
        [40, 'marker/todo-comment', 'info'],
      ],
    );
  });

  it('runs only the rules it was given', async () => {
    const onlyMarkers = new OfflineReviewer(offlineRules.filter((rule) => rule.id.startsWith('marker/')));
    const findings = await onlyMarkers.review(chunkOf('src/app.ts', 1, ['console.log(x); // TODO: drop']));
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['marker/todo-comment'],
    );
  });
});
