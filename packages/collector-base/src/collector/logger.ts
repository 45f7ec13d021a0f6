/**
 * The logging surface collectors use; pino's `logger.warn(details, message)` fits it as is.
 */
export interface CollectorLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug?(details: Record<string, unknown>, message: string): void;
  info?(details: Record<string, unknown>, message: string): void;
}

/** Default logger: one line on stderr per warning, as Python's logging does by default. */
export const stderrLogger: CollectorLogger = {
  warn(details, message) {
    process.stderr.write(`${JSON.stringify({ level: 'warn', msg: message, ...details })}\n`);
  },
};

export const silentLogger: CollectorLogger = { warn() {} };
