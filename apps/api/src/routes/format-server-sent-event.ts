/** One event of a `text/event-stream` (WHATWG HTML, "Server-sent events"). */
export interface ServerSentEvent {
  /** Event type; clients dispatch on it (`message` when absent). */
  event?: string;
  id?: string;
  /** Sent as is; each line of it becomes its own `data:` line, as the format requires. */
  data: string;
}

/** Serialises an event, ending with the blank line that dispatches it. */
export function formatServerSentEvent({ event, id, data }: ServerSentEvent): string {
  let text = '';
  if (event !== undefined) text += `event: ${event}\n`;
  if (id !== undefined) text += `id: ${id}\n`;
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A comment line: clients ignore it, proxies see traffic and keep the connection open. */
export function formatServerSentComment(comment: string): string {
  return `: ${comment.replace(/[\r\n]+/g, ' ')}\n\n`;
}
