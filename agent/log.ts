/**
 * A small structured logger: one JSON line per event on stderr.
 * Callers pass facts, never a PIN or a document body; fields named in
 * `redactedKeys` are masked anyway, as a second line of defence.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const redactedKeys = new Set(['pin', 'secret', 'mac', 'xml', 'cms', 'document', 'record', 'body']);

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LogSink {
  write(line: string): void;
}

const stderrSink: LogSink = { write: (line) => process.stderr.write(line + '\n') };

export function createLogger(
  level: LogLevel = (process.env.EGISZ_LOG_LEVEL as LogLevel | undefined) ?? 'info',
  sink: LogSink = stderrSink,
  base: Record<string, unknown> = {},
): Logger {
  const emit = (at: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    if (order[at] < order[level]) return;
    const entry: Record<string, unknown> = { t: new Date().toISOString(), level: at, event, ...base };
    for (const [k, v] of Object.entries(fields)) entry[k] = redactedKeys.has(k) ? '[redacted]' : v;
    sink.write(JSON.stringify(entry));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = createLogger('error', { write: () => {} });
