import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cosineSimilarity } from '../../src/embed/cosine-similarity.js';
import { FeatureHashingEmbedder } from '../../src/embed/feature-hashing-embedder.js';

const fetchUser = `async function fetchUserById(userId: string): Promise<User> {
  const response = await httpClient.get(\`/users/\${userId}\`);
  if (response.status === 404) throw new UserNotFoundError(userId);
  return response.data as User;
}`;
const loadUser = `async function loadUser(user_id: string) {
  const res = await http_client.get('/users/' + user_id);
  if (res.status === 404) { throw new NotFoundError('user ' + user_id); }
  return res.data;
}`;
const matrix = `for (let row = 0; row < rows; row++) {
  for (let col = 0; col < cols; col++) {
    matrix[row][col] = Math.sin(row * col) * scale;
  }
}`;

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));

describe('FeatureHashingEmbedder', () => {
  it('describes itself as the offline default with its dimension', () => {
    const embedder = new FeatureHashingEmbedder({ dimensions: 64 });
    assert.equal(embedder.dimensions, 64);
    assert.deepEqual(embedder.info, {
      name: 'feature-hashing-64',
      offline: true,
      description: 'reviewflow offline default: feature-hashing code embeddings, no model',
    });
    assert.equal(new FeatureHashingEmbedder().info.name, 'feature-hashing-256');
  });

  it('returns one unit vector of the configured dimension per text, and zeros for empty text', async () => {
    const vectors = await new FeatureHashingEmbedder().embed([fetchUser, matrix, '', '   \n']);
    assert.equal(vectors.length, 4);
    for (const vector of vectors) assert.equal(vector.length, 256);
    assert.ok(Math.abs(norm(vectors[0] ?? []) - 1) < 1e-9);
    assert.ok(Math.abs(norm(vectors[1] ?? []) - 1) < 1e-9);
    assert.ok(vectors[2]?.every((x) => x === 0));
    assert.ok(vectors[3]?.every((x) => x === 0));
  });

  it('is deterministic across calls and instances', async () => {
    const [first] = await new FeatureHashingEmbedder().embed([fetchUser]);
    const [second] = await new FeatureHashingEmbedder().embed([fetchUser]);
    assert.deepEqual(first, second);
  });

  it('scores similar code higher than unrelated code', async () => {
    const [a = [], b = [], c = []] = await new FeatureHashingEmbedder().embed([fetchUser, loadUser, matrix]);
    const similar = cosineSimilarity(a, b);
    const unrelated = cosineSimilarity(a, c);
    assert.ok(similar > unrelated + 0.2, `similar ${similar} vs unrelated ${unrelated}`);
  });

  it('splits identifiers, so camelCase and snake_case spellings meet', async () => {
    const [camel = [], snake = [], other = []] = await new FeatureHashingEmbedder().embed([
      'parseHttpHeader',
      'parse_http_header',
      'renderSvgIcon',
    ]);
    assert.ok(cosineSimilarity(camel, snake) > 0.8);
    assert.ok(cosineSimilarity(camel, other) < 0.3);
  });

  it('rejects a dimension that is not a positive integer', () => {
    assert.throws(() => new FeatureHashingEmbedder({ dimensions: 0 }), RangeError);
    assert.throws(() => new FeatureHashingEmbedder({ dimensions: 1.5 }), RangeError);
  });
});
