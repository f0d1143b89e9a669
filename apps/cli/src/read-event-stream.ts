import { createParser } from 'eventsource-parser';

/** One server-sent event (comments are skipped). */
export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * The events of a `text/event-stream` body, parsed by `eventsource-parser` (the WHATWG format:
 * fields up to a blank line make one event, `data` lines join with newlines, comments such as the
 * API's heartbeats are skipped, and an event without data is not dispatched).
 */
export async function* readEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamEvent> {
  const decoder = new TextDecoder();
  const ready: StreamEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data, id }) => {
      ready.push({ event: event ?? 'message', data, ...(id === undefined ? {} : { id }) });
    },
  });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (ready.length > 0) yield ready.shift()!;
  }
}
