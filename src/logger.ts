import type { Writable } from 'node:stream';
import winston from 'winston';

/**
 * The gateway's logger. Log lines carry requestId, tenant, route, status, counts and durations — never request
 * bodies, texts, findings' values or secrets. A redaction format enforces it as a second line of defence: any
 * field whose name suggests content or credentials is dropped, and bearer tokens in strings are masked.
 */
export type Logger = winston.Logger;

const FORBIDDEN_KEYS = new Set([
  'body',
  'text',
  'json',
  'value',
  'values',
  'payload',
  'content',
  'headers',
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'secret',
  'key',
  'apikey',
  'api_key',
  'token',
  'query',
  'params',
  'raw',
  'data',
]);

const BEARER_RE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return value.replace(BEARER_RE, '$1 [redacted]');
  // Errors: class name and code only; their messages may quote input (e.g. JSON.parse snippets).
  if (value instanceof Error) return { name: value.name, code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = FORBIDDEN_KEYS.has(k.toLowerCase()) ? '[redacted]' : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

const redactFormat = winston.format((info) => {
  for (const k of Object.keys(info)) {
    if (k === 'level' || k === 'message' || k === 'timestamp' || k === 'service') continue;
    if (FORBIDDEN_KEYS.has(k.toLowerCase())) info[k] = '[redacted]';
    else info[k] = scrub(info[k]);
  }
  if (typeof info.message === 'string') info.message = info.message.replace(BEARER_RE, '$1 [redacted]');
  return info;
});

export interface LoggerOptions {
  level?: string;
  /** Extra stream (tests capture output with it). When given, the console transport is not added. */
  stream?: Writable;
  silent?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const format = winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json());
  const transports: winston.transport[] = opts.stream
    ? [new winston.transports.Stream({ stream: opts.stream })]
    : [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })];
  return winston.createLogger({
    level: opts.level ?? 'info',
    defaultMeta: { service: 'phi-gateway' },
    format,
    transports,
    silent: opts.silent,
  });
}
