/**
 * 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. Pure JavaScript so the contract
 * stays usable inside the workflow sandbox, where Node's crypto is not available.
 */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
