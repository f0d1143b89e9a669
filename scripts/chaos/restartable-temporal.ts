import { startDevServer, type DevServer } from '@reviewflow/devkit';

/**
 * A Temporal dev server on a fixed port and SQLite file that can be stopped and started again, as
 * an operator restarting the server would: same address, same state, so clients and workers only
 * have to reconnect.
 */
export class RestartableTemporal {
  private server: DevServer | undefined;

  private constructor(
    private readonly cli: string,
    private readonly dbFile: string,
    readonly port: number,
    private readonly onLog: ((line: string) => void) | undefined,
  ) {}

  /** Starts the server on `port` (a free one) with its state in `dbFile`; `onLog` gets its output. */
  static async start(options: {
    cli: string;
    dbFile: string;
    port: number;
    onLog?: (line: string) => void;
  }): Promise<RestartableTemporal> {
    const temporal = new RestartableTemporal(options.cli, options.dbFile, options.port, options.onLog);
    await temporal.up();
    return temporal;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** SIGTERM (SIGKILL after the grace time), then the same server again; resolves once it is healthy. */
  async restart(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    await this.up();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  private async up(): Promise<void> {
    this.server = await startDevServer({
      cli: this.cli,
      port: this.port,
      dbFile: this.dbFile,
      ...(this.onLog === undefined ? {} : { onLog: this.onLog }),
    });
  }
}
