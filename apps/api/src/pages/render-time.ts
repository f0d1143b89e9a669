import { escapeHtml } from './escape-html.js';

const absolute = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `in 23 hours`, `5 minutes ago`: the distance from `now`, in the largest unit that reads well. */
export function relativeTime(at: Date, now: Date): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 90) return relative.format(Math.round(seconds), 'second');
  if (abs < 90 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 48 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

/**
 * A moment as `<time>`: its machine-readable instant, the date and time in UTC (labelled so), and
 * how far off it is from `now`. The pages run no script and cannot know the reader's time zone;
 * the distance ("in 23 hours") reads the same in every zone, and UTC is said outright.
 */
export function renderTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return escapeHtml(iso);
  return `<time datetime="${escapeHtml(at.toISOString())}">${escapeHtml(absolute.format(at))} UTC</time> <span class="muted">(${escapeHtml(relativeTime(at, now))})</span>`;
}
