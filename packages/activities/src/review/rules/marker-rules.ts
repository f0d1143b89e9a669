import type { ReviewRule } from '../review-rule.js';

// Upper case and whole words only, as the markers are conventionally written: `todos`, `Todo list`
// and `XXXL` are ordinary words, and a marker outside a comment (`mask = "XXX-XXX"`) is data.
const marker = /\b(TODO|FIXME|XXX|HACK)\b/;

/** Rules for follow-up markers added in comments. */
export const markerRules: readonly ReviewRule[] = [
  {
    id: 'marker/todo-comment',
    severity: 'info',
    description: 'A TODO, FIXME, XXX or HACK marker in an added comment.',
    check(_line, context) {
      const found = marker.exec(context.comment)?.[1];
      if (found === undefined) return undefined;
      return `${found} marker added: resolve it before merging or track it in an issue`;
    },
  },
];
