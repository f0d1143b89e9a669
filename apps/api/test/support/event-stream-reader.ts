/** One parsed server-sent event, or a comment line (`event: 'comment'`). */
export interface ReceivedEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` response body event by event, as a browser's EventSource would,
 * but also reporting comment lines, so tests can see heartbeats.
 */
export class EventStreamReader {
  readonly events: ReceivedEvent[] = [];
  ended = false;
  private buffer = '';
  private readonly done: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.done = this.pump(body);
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          this.parse(block);
        }
        this.wake();
      }
    } catch {
      // Aborted by the test.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private parse(block: string): void {
    const event: ReceivedEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.events.push({ event: 'comment', data: line.slice(1).trim() });
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') event.id = value;
    }
    if (data.length > 0) this.events.push({ ...event, data: data.join('\n') });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until an event matches (or the stream ends: then it fails). */
  async waitFor(match: (e: ReceivedEvent) => boolean, timeoutMs = 60_000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended)
        throw new Error(`stream ended without the event; got ${JSON.stringify(this.events).slice(0, 600)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event in time; got ${JSON.stringify(this.events).slice(0, 600)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left).unref();
      });
    }
  }

  /** Resolves once the server closed the stream. */
  finished(): Promise<void> {
    return this.done;
  }
}
