/**
 * A small labelled retrieval set: each query is a changed chunk, `related` is the one chunk a
 * reviewer of it would want as context (its caller, its counterpart, the code it relies on), and
 * `unrelated` are plausible chunks of the same codebase that are not. JS/TS/Python, as reviewed here.
 */
export interface RetrievalCase {
  name: string;
  query: string;
  related: string;
  unrelated: string[];
}

export const retrievalSet: readonly RetrievalCase[] = [
  {
    name: 'ts: token refresh and the HTTP client that calls it',
    query: `export async function refreshAccessToken(session: Session): Promise<string> {
  const res = await fetch(\`\${authBase}/oauth/token\`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: session.refreshToken }),
  });
  if (!res.ok) throw new AuthError(\`refresh failed: \${res.status}\`);
  const { access_token, expires_in } = await res.json();
  session.accessToken = access_token;
  session.expiresAt = Date.now() + expires_in * 1000;
  return access_token;
}`,
    related: `export async function authorizedFetch(session: Session, url: string, init: RequestInit = {}) {
  if (session.expiresAt - Date.now() < 30_000) await refreshAccessToken(session);
  const headers = new Headers(init.headers);
  headers.set('Authorization', \`Bearer \${session.accessToken}\`);
  let res = await fetch(url, { ...init, headers });
  if (res.status === 401) {
    headers.set('Authorization', \`Bearer \${await refreshAccessToken(session)}\`);
    res = await fetch(url, { ...init, headers });
  }
  return res;
}`,
    unrelated: [
      `export function formatCurrency(amount: number, currency = 'EUR', locale = 'de-DE'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100);
}`,
      `export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}`,
      `export const columns: ColumnDef<Invoice>[] = [
  { accessorKey: 'number', header: 'Invoice' },
  { accessorKey: 'customer.name', header: 'Customer' },
  { accessorKey: 'total', header: 'Total', cell: ({ getValue }) => formatCurrency(getValue<number>()) },
];`,
      `describe('slugify', () => {
  it('lower-cases and joins words with dashes', () => {
    expect(slugify('Hello  World!')).toBe('hello-world');
  });
});`,
    ],
  },
  {
    name: 'py: a SQLAlchemy model and the repository query over it',
    query: `class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False, index=True)
    status = Column(Enum(OrderStatus), default=OrderStatus.PENDING, nullable=False)
    total_cents = Column(Integer, nullable=False)
    created_at = Column(DateTime, server_default=func.now())
    customer = relationship("Customer", back_populates="orders")`,
    related: `def open_orders_for_customer(db: Session, customer_id: int, limit: int = 50) -> list[Order]:
    return (
        db.query(Order)
        .filter(Order.customer_id == customer_id, Order.status != OrderStatus.CANCELLED)
        .order_by(Order.created_at.desc())
        .limit(limit)
        .all()
    )`,
    unrelated: [
      `def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Resize images in a folder")
    parser.add_argument("src")
    parser.add_argument("--width", type=int, default=800)
    return parser.parse_args(argv)`,
      `@pytest.fixture
def tmp_config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[server]\\nport = 8080\\n')
    return path`,
      `def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]`,
      `logging.basicConfig(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    format="%(asctime)s %(levelname)s %(name)s %(message)s",
)`,
    ],
  },
  {
    name: 'js: an Express route and the validation middleware it uses',
    query: `router.post('/users', validateBody(createUserSchema), async (req, res, next) => {
  try {
    const user = await users.create({ email: req.body.email, name: req.body.name });
    res.status(201).json(user);
  } catch (err) {
    next(err);
  }
});`,
    related: `export function validateBody(schema) {
  return (req, res, next) => {
    const { error, value } = schema.validate(req.body, { abortEarly: false, stripUnknown: true });
    if (error) return res.status(400).json({ errors: error.details.map((d) => d.message) });
    req.body = value;
    next();
  };
}`,
    unrelated: [
      `export function debounce(fn, wait = 200) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}`,
      `const canvas = document.getElementById('chart');
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#2563eb';
for (const [i, v] of values.entries()) ctx.fillRect(i * 12, canvas.height - v, 10, v);`,
      `module.exports = {
  testEnvironment: 'node',
  coverageThreshold: { global: { lines: 80 } },
  setupFiles: ['<rootDir>/test/setup.js'],
};`,
    ],
  },
  {
    name: 'ts: a Redux slice and the selector over its state',
    query: `const cartSlice = createSlice({
  name: 'cart',
  initialState: { items: [] as CartItem[] },
  reducers: {
    addItem(state, action: PayloadAction<CartItem>) {
      const existing = state.items.find((i) => i.sku === action.payload.sku);
      if (existing) existing.quantity += action.payload.quantity;
      else state.items.push(action.payload);
    },
    removeItem(state, action: PayloadAction<string>) {
      state.items = state.items.filter((i) => i.sku !== action.payload);
    },
  },
});`,
    related: `export const selectCartTotal = (state: RootState): number =>
  state.cart.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);

export const selectCartCount = (state: RootState): number =>
  state.cart.items.reduce((n, item) => n + item.quantity, 0);`,
    unrelated: [
      `export async function sendWelcomeEmail(user: User): Promise<void> {
  await mailer.send({ to: user.email, template: 'welcome', vars: { name: user.name } });
}`,
      `export function parseDuration(text: string): number {
  const m = /^(\\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(\`bad duration: \${text}\`);
  return Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6 }[m[2] as 'ms'];
}`,
      `FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY dist ./dist
CMD ["node", "dist/server.js"]`,
      `export class LruCache<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
}`,
    ],
  },
  {
    name: 'py: a Celery task and the code that enqueues it',
    query: `@celery.task(bind=True, max_retries=5, default_retry_delay=30)
def send_invoice_email(self, invoice_id: int) -> None:
    invoice = Invoice.objects.select_related("customer").get(pk=invoice_id)
    try:
        mailer.send(invoice.customer.email, render_invoice(invoice))
    except SMTPException as exc:
        raise self.retry(exc=exc)
    invoice.emailed_at = timezone.now()
    invoice.save(update_fields=["emailed_at"])`,
    related: `def finalize_invoice(invoice: Invoice) -> Invoice:
    invoice.status = Invoice.Status.FINAL
    invoice.number = next_invoice_number()
    invoice.save()
    transaction.on_commit(lambda: send_invoice_email.delay(invoice.pk))
    return invoice`,
    unrelated: [
      `class Point(NamedTuple):
    x: float
    y: float

    def distance(self, other: "Point") -> float:
        return math.hypot(self.x - other.x, self.y - other.y)`,
      `def test_slug_is_unique(db):
    a = Article.objects.create(title="Hello")
    b = Article.objects.create(title="Hello")
    assert a.slug != b.slug`,
      `urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("healthz", lambda r: HttpResponse("ok")),
]`,
      `def read_csv_rows(path):
    with open(path, newline="") as f:
        return [row for row in csv.DictReader(f)]`,
    ],
  },
  {
    name: 'ts: a React form component and the hook it relies on',
    query: `export function SignupForm() {
  const { values, errors, onChange, onSubmit, submitting } = useForm(signupSchema, async (v) => {
    await api.signup(v);
    navigate('/welcome');
  });
  return (
    <form onSubmit={onSubmit}>
      <input name="email" value={values.email} onChange={onChange} />
      {errors.email && <p className="error">{errors.email}</p>}
      <button disabled={submitting}>Sign up</button>
    </form>
  );
}`,
    related: `export function useForm<T>(schema: Schema<T>, submit: (values: T) => Promise<void>) {
  const [values, setValues] = useState<T>(schema.defaults());
  const [errors, setErrors] = useState<Partial<Record<keyof T, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => setValues({ ...values, [e.target.name]: e.target.value });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = schema.validate(values);
    if (!result.ok) return setErrors(result.errors);
    setSubmitting(true);
    try { await submit(values); } finally { setSubmitting(false); }
  };
  return { values, errors, onChange, onSubmit, submitting };
}`,
    unrelated: [
      `export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}`,
      `await knex.schema.createTable('audit_log', (t) => {
  t.bigIncrements('id');
  t.string('actor').notNullable();
  t.jsonb('payload');
  t.timestamp('at').defaultTo(knex.fn.now());
});`,
      `export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });`,
    ],
  },
  {
    name: 'js: a rate limiter and its test',
    query: `export class TokenBucket {
  constructor(capacity, refillPerSecond, now = Date.now) {
    this.capacity = capacity;
    this.tokens = capacity;
    this.refill = refillPerSecond;
    this.now = now;
    this.last = now();
  }
  take() {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refill);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}`,
    related: `test('a token bucket refills at its rate and never above capacity', () => {
  let clock = 0;
  const bucket = new TokenBucket(2, 1, () => clock);
  expect(bucket.take()).toBe(true);
  expect(bucket.take()).toBe(true);
  expect(bucket.take()).toBe(false);
  clock += 1000;
  expect(bucket.take()).toBe(true);
  clock += 10_000;
  expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
});`,
    unrelated: [
      `export function renderMarkdown(src) {
  return marked.parse(src, { gfm: true, breaks: false });
}`,
      `const server = http.createServer(app);
server.listen(port, () => console.log(\`listening on \${port}\`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`,
      `export const theme = {
  colors: { primary: '#0f766e', danger: '#b91c1c', muted: '#6b7280' },
  radius: { sm: 4, md: 8 },
};`,
      `export function groupBy(items, key) {
  return items.reduce((acc, item) => {
    (acc[item[key]] ??= []).push(item);
    return acc;
  }, {});
}`,
    ],
  },
  {
    name: 'py: a FastAPI endpoint and the Pydantic schema it returns',
    query: `@router.get("/projects/{project_id}", response_model=ProjectOut)
async def get_project(project_id: UUID, user: User = Depends(current_user), db: AsyncSession = Depends(get_db)):
    project = await db.get(Project, project_id)
    if project is None or project.owner_id != user.id:
        raise HTTPException(status_code=404, detail="project not found")
    return project`,
    related: `class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    name: str
    owner_id: UUID
    archived: bool = False
    created_at: datetime`,
    unrelated: [
      `def fibonacci(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a`,
      `with open("requirements.txt") as f:
    install_requires = [line.strip() for line in f if line.strip() and not line.startswith("#")]
setup(name="toolkit", version="0.3.1", install_requires=install_requires)`,
      `def plot_latency(df):
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.hist(df["latency_ms"], bins=50)
    ax.set_xlabel("latency (ms)")
    fig.savefig("latency.png")`,
      `class Color(str, Enum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"`,
      `def retry(times=3, delay=0.5):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*a, **kw):
            for i in range(times):
                try:
                    return fn(*a, **kw)
                except Exception:
                    if i == times - 1:
                        raise
                    time.sleep(delay)
        return inner
    return wrap`,
    ],
  },

  // The hard half: the related chunk does the same job under other names, and the distractors share
  // the query's identifiers while doing something else. Lexical overlap misleads here; meaning does not.
  {
    name: 'hard js: password hashing and the login check, other names',
    query: `export async function storeCredentials(user, plain) {
  const salt = await bcrypt.genSalt(12);
  user.passwordDigest = await bcrypt.hash(plain, salt);
  await user.save();
}`,
    related: `async function login(account, attempt) {
  const ok = await bcrypt.compare(attempt, account.passwordDigest);
  if (!ok) throw new Unauthorized('wrong password');
  return issueSession(account);
}`,
    unrelated: [
      `export async function storeAvatar(user, file) {
  const key = \`avatars/\${user.id}\`;
  await s3.putObject({ Bucket: bucket, Key: key, Body: file });
  await user.save();
}`,
      `export async function storePreferences(user, prefs) {
  user.preferences = { ...user.preferences, ...prefs };
  await user.save();
}`,
      `export function storeCart(user, items) {
  localStorage.setItem(\`cart-\${user.id}\`, JSON.stringify(items));
}`,
    ],
  },
  {
    name: 'hard py: retry with backoff and the flaky call it wraps',
    query: `def with_backoff(fn, attempts=5, base=0.5):
    for n in range(attempts):
        try:
            return fn()
        except TransientError:
            time.sleep(base * 2 ** n)
    raise GiveUp()`,
    related: `def fetch_rates():
    resp = requests.get(RATES_URL, timeout=5)
    if resp.status_code in (429, 502, 503):
        raise TransientError(resp.status_code)
    return resp.json()`,
    unrelated: [
      `def with_logging(fn, level=logging.INFO):
    def inner(*args, **kwargs):
        logger.log(level, "calling %s", fn.__name__)
        return fn(*args, **kwargs)
    return inner`,
      `def with_cache(fn, size=128):
    return functools.lru_cache(maxsize=size)(fn)`,
      `def attempts_left(user):
    return max(0, 5 - user.failed_logins)`,
    ],
  },
  {
    name: 'hard ts: a websocket reconnect and the heartbeat that detects the drop',
    query: `socket.addEventListener('close', () => {
  const delay = Math.min(30_000, 1000 * 2 ** retries++);
  setTimeout(connect, delay);
});`,
    related: `const ping = setInterval(() => {
  if (Date.now() - lastPong > 10_000) ws.terminate();
  else ws.send(JSON.stringify({ type: 'ping' }));
}, 5_000);`,
    unrelated: [
      `dialog.addEventListener('close', () => {
  form.reset();
  retries = 0;
});`,
      `button.addEventListener('click', () => {
  setTimeout(() => toast.hide(), 3000);
});`,
      `const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));`,
    ],
  },
  {
    name: 'hard sql/js: a migration adding a column and the code that reads it',
    query: `exports.up = (knex) =>
  knex.schema.alterTable('orders', (t) => {
    t.timestamp('shipped_at').nullable();
  });`,
    related: `export async function markDispatched(db, orderId) {
  await db('orders').where({ id: orderId }).update({ shipped_at: db.fn.now() });
}`,
    unrelated: [
      `exports.up = (knex) =>
  knex.schema.alterTable('users', (t) => {
    t.string('locale').defaultTo('en');
  });`,
      `exports.down = (knex) => knex.schema.dropTable('sessions');`,
      `export function orderTotal(order) {
  return order.lines.reduce((sum, l) => sum + l.price * l.qty, 0);
}`,
    ],
  },
  {
    name: 'hard py: input validation and the handler that trusts it',
    query: `class TransferIn(BaseModel):
    amount: condecimal(gt=0, max_digits=12, decimal_places=2)
    to_account: constr(pattern=r"^[A-Z]{2}\\d{20}$")`,
    related: `@app.post("/transfers")
def create_transfer(body: TransferIn, who=Depends(current_user)):
    ledger.move(who.account, body.to_account, body.amount)
    return {"status": "queued"}`,
    unrelated: [
      `class AccountOut(BaseModel):
    iban: str
    balance: Decimal`,
      `def amount_in_words(amount: Decimal) -> str:
    return num2words(amount, lang="en")`,
      `@app.get("/health")
def health():
    return {"status": "ok"}`,
    ],
  },
  {
    name: 'hard ts: a rate limiter and the middleware that applies it',
    query: `export class TokenBucket {
  private tokens = this.capacity;
  constructor(private capacity: number, private refillPerSec: number) {}
  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}`,
    related: `app.use((req, res, next) => {
  const bucket = buckets.get(req.ip) ?? buckets.set(req.ip, new TokenBucket(20, 5)).get(req.ip)!;
  if (!bucket.take()) return res.status(429).set('Retry-After', '1').end();
  next();
});`,
    unrelated: [
      `export class Bucket {
  constructor(private name: string, private region: string) {}
  url(key: string): string {
    return \`https://\${this.name}.s3.\${this.region}.amazonaws.com/\${key}\`;
  }
}`,
      `export function take<T>(items: T[], n: number): T[] {
  return items.slice(0, n);
}`,
      `export const capacity = { small: 10, medium: 50, large: 200 };`,
    ],
  },
];
