import pino from "pino";
import type { LogLevel } from "./config";

export type Logger = pino.Logger;

/** Longest prefix of a client-supplied string a log line carries. */
const LOGGED_PREFIX = 100;

/** Longest error message or stack a log line carries: a database error can quote a whole argument. */
const LOGGED_ERROR_TEXT = 4_000;

/**
 * The hub's logger: one JSON object per line on stderr (fd 2), so a value with a newline in it can
 * never start a line of its own. Written synchronously, so the last lines before an exit are kept.
 * `destination` exists for tests that read the lines back.
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: boundedError },
    },
    destination,
  );
}

/** A logger that writes nothing, for hubs whose output nobody reads (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

/**
 * A client-supplied string as a log field: its first 100 characters and its full length, so that a
 * megabyte of operation name costs the log a hundred characters.
 */
export function bounded(value: string): { text: string; length: number } | string {
  if (value.length <= LOGGED_PREFIX) return value;
  return { text: value.slice(0, LOGGED_PREFIX), length: value.length };
}

function boundedError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"]) {
    const text = serialized[key];
    if (typeof text === "string" && text.length > LOGGED_ERROR_TEXT) serialized[key] = `${text.slice(0, LOGGED_ERROR_TEXT)}… (${text.length} characters)`;
  }
  return serialized;
}
