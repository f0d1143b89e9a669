/** ANSI styling that is the identity when colour is off. */
export interface TerminalStyle {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/**
 * Colour only for a terminal, and never when NO_COLOR is set to anything non-empty
 * (https://no-color.org); FORCE_COLOR turns it on without a terminal, `--no-color` off.
 */
export function createTerminalStyle(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
  noColorFlag = false,
): TerminalStyle {
  const enabled =
    !noColorFlag &&
    !env.NO_COLOR &&
    (stream.isTTY === true || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'));
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
  };
}
