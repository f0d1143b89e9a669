/**
 * The languages the offline rules tell apart. `javascript` covers TypeScript and the script parts of
 * Vue and Svelte files; `c` covers the C family (C, C++, C#, Kotlin, Swift, Scala, Dart, Objective-C),
 * whose comments and strings the offline rules read the same way.
 */
export type SourceLanguage =
  | 'javascript'
  | 'python'
  | 'ruby'
  | 'php'
  | 'java'
  | 'go'
  | 'rust'
  | 'c'
  | 'shell'
  | 'yaml'
  | 'env'
  | 'ini'
  | 'toml'
  | 'sql'
  | 'css'
  | 'markup'
  | 'markdown';

const byExtension: Readonly<Record<string, SourceLanguage>> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  py: 'python',
  pyw: 'python',
  rb: 'ruby',
  rake: 'ruby',
  ru: 'ruby',
  gemspec: 'ruby',
  php: 'php',
  phtml: 'php',
  java: 'java',
  go: 'go',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  cxx: 'c',
  hh: 'c',
  hpp: 'c',
  cs: 'c',
  kt: 'c',
  kts: 'c',
  swift: 'c',
  scala: 'c',
  dart: 'c',
  m: 'c',
  mm: 'c',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  dockerfile: 'shell',
  yml: 'yaml',
  yaml: 'yaml',
  env: 'env',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  properties: 'ini',
  toml: 'toml',
  sql: 'sql',
  css: 'css',
  scss: 'css',
  less: 'css',
  html: 'markup',
  htm: 'markup',
  xml: 'markup',
  svg: 'markup',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
};

/**
 * Picks the language of a repository path from its name alone, never from its content, so the same
 * path always gets the same rules. Returns `undefined` for anything it does not know; rules without
 * a language list still run on those files.
 */
export function sourceLanguageOf(file: string): SourceLanguage | undefined {
  const base = (file.split('/').pop() ?? file).toLowerCase();
  // `.env`, `.env.local` and `production.env` are all dotenv files.
  if (base === '.env' || base.startsWith('.env.')) return 'env';
  // Dockerfiles hold shell commands and `#` comments; reading them as shell is close enough here.
  if (base === 'dockerfile' || base === 'containerfile' || base.startsWith('dockerfile.')) return 'shell';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return byExtension[base.slice(dot + 1)];
}
