/**
 * A labelled set of small changes for review quality: defects the rules cannot see (each on one
 * known line of the new file), and clean look-alikes of them that a good reviewer leaves alone.
 * Lines start with `+` (added) or ` ` (context); the new file's line numbers start at 1.
 */
export interface QualityCase {
  name: string;
  file: string;
  lines: string[];
  /** The new-file line of the defect; absent for a clean change. */
  defectLine?: number;
}

export const qualitySet: readonly QualityCase[] = [
  {
    name: 'defect: SQL built from request input',
    file: 'src/routes/users.js',
    lines: [
      " router.get('/users/search', async (req, res) => {",
      '+  const name = req.query.name;',
      "+  const rows = await db.query(`SELECT id, email FROM users WHERE name = '${name}'`);",
      '+  res.json(rows);',
      ' });',
    ],
    defectLine: 3,
  },
  {
    name: 'defect: missing await on a result that is used',
    file: 'src/services/orders.ts',
    lines: [
      ' export async function orderTotal(orderId: string): Promise<number> {',
      '+  const order = fetchOrder(orderId);',
      '+  return order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);',
      ' }',
    ],
    defectLine: 2,
  },
  {
    name: 'defect: off-by-one loop bound',
    file: 'src/util/checksum.ts',
    lines: [
      ' export function checksum(bytes: Uint8Array): number {',
      '+  let sum = 0;',
      '+  for (let i = 0; i <= bytes.length; i++) {',
      '+    sum = (sum + bytes[i]!) % 65521;',
      '+  }',
      '+  return sum;',
      ' }',
    ],
    defectLine: 3,
  },
  {
    name: 'defect: null dereference of an optional lookup',
    file: 'app/profile.py',
    lines: [
      ' def display_name(db, user_id):',
      '+    user = db.users.find_one({"_id": user_id})',
      '+    return user["first_name"] + " " + user["last_name"]',
    ],
    defectLine: 3,
  },
  {
    name: 'defect: swallowed error',
    file: 'src/jobs/sync.ts',
    lines: [
      ' export async function syncAccount(id: string): Promise<void> {',
      '+  try {',
      '+    await billing.pushInvoices(id);',
      '+    await markSynced(id);',
      '+  } catch (err) {}',
      ' }',
    ],
    defectLine: 5,
  },
  {
    name: 'defect: path traversal from a request parameter',
    file: 'src/routes/files.js',
    lines: [
      " router.get('/files/:name', (req, res) => {",
      "+  const file = path.join(__dirname, 'uploads', req.params.name);",
      '+  res.sendFile(file);',
      ' });',
    ],
    defectLine: 2,
  },
  {
    name: 'defect: check-then-act race on a balance',
    file: 'src/wallet/withdraw.ts',
    lines: [
      ' export async function withdraw(accountId: string, amount: number): Promise<void> {',
      '+  const account = await db.accounts.get(accountId);',
      '+  if (account.balance >= amount) {',
      '+    await db.accounts.update(accountId, { balance: account.balance - amount });',
      '+  }',
      ' }',
    ],
    defectLine: 4,
  },
  {
    name: 'defect: wrong comparison (assignment in a condition)',
    file: 'src/auth/is-admin.js',
    lines: [
      ' export function canDelete(user, post) {',
      "+  if (user.role = 'admin') return true;",
      '+  return post.authorId === user.id;',
      ' }',
    ],
    defectLine: 2,
  },
  {
    name: 'clean: parameterised SQL',
    file: 'src/routes/users.js',
    lines: [
      " router.get('/users/search', async (req, res) => {",
      '+  const name = String(req.query.name ?? "");',
      "+  const rows = await db.query('SELECT id, email FROM users WHERE name = $1', [name]);",
      '+  res.json(rows);',
      ' });',
    ],
  },
  {
    name: 'clean: awaited result',
    file: 'src/services/orders.ts',
    lines: [
      ' export async function orderTotal(orderId: string): Promise<number> {',
      '+  const order = await fetchOrder(orderId);',
      '+  return order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);',
      ' }',
    ],
  },
  {
    name: 'clean: loop bound below the length',
    file: 'src/util/checksum.ts',
    lines: [
      ' export function checksum(bytes: Uint8Array): number {',
      '+  let sum = 0;',
      '+  for (let i = 0; i < bytes.length; i++) {',
      '+    sum = (sum + bytes[i]!) % 65521;',
      '+  }',
      '+  return sum;',
      ' }',
    ],
  },
  {
    name: 'clean: optional lookup checked',
    file: 'app/profile.py',
    lines: [
      ' def display_name(db, user_id):',
      '+    user = db.users.find_one({"_id": user_id})',
      '+    if user is None:',
      '+        return "unknown user"',
      '+    return user["first_name"] + " " + user["last_name"]',
    ],
  },
  {
    name: 'clean: error logged and rethrown',
    file: 'src/jobs/sync.ts',
    lines: [
      ' export async function syncAccount(id: string): Promise<void> {',
      '+  try {',
      '+    await billing.pushInvoices(id);',
      '+    await markSynced(id);',
      '+  } catch (err) {',
      "+    logger.error({ err, id }, 'account sync failed');",
      '+    throw err;',
      '+  }',
      ' }',
    ],
  },
  {
    name: 'clean: file name confined to the uploads folder',
    file: 'src/routes/files.js',
    lines: [
      " router.get('/files/:name', (req, res) => {",
      "+  const root = path.join(__dirname, 'uploads');",
      '+  const file = path.resolve(root, path.basename(req.params.name));',
      '+  if (!file.startsWith(root + path.sep)) return res.status(400).end();',
      '+  res.sendFile(file);',
      ' });',
    ],
  },
];
