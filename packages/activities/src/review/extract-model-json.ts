// Each candidate costs a scan and a JSON.parse; an answer is at most a few thousand tokens, and this
// bounds the work on one that is all braces.
const maxJsonCandidates = 20;

/**
 * The JSON in a model's answer: the whole answer, else the content of a Markdown fence, else the first
 * balanced `{...}` block that parses, preferring one with a `findings` array. Models asked for JSON in
 * plain-text mode (no response format the server enforces) wrap it in prose and fences, sometimes an
 * unterminated one. `undefined` when there is none.
 */
export function extractModelJson(content: string): unknown {
  const text = content.trim();
  const whole = tryParse(text);
  if (whole !== undefined) return whole;
  const fenced = /```[\w-]*[^\S\n]*\n?([\s\S]*?)```/.exec(text)?.[1];
  const inFence = fenced === undefined ? undefined : tryParse(fenced.trim());
  if (inFence !== undefined) return inFence;
  let first: unknown;
  let tried = 0;
  for (let start = text.indexOf('{'); start !== -1 && tried < maxJsonCandidates; start = text.indexOf('{', start + 1)) {
    tried++;
    const end = balancedEnd(text, start);
    if (end === undefined) continue;
    const block = tryParse(text.slice(start, end + 1));
    if (block === undefined) continue;
    if (Array.isArray((block as { findings?: unknown }).findings)) return block;
    first ??= block;
    // The block's inside holds only its own members; the next candidate starts after it.
    start = end;
  }
  return first;
}

/** Index of the `}` that closes the `{` at `start`, skipping braces inside JSON strings. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
