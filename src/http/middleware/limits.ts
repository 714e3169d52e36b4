import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { GatewayError, ValidationError } from '../../errors';

/** What kind of body a request carries after the limits middleware ran. */
export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'text'; value: string };

export class UnsupportedMediaTypeError extends GatewayError {
  constructor(message = 'unsupported content type') {
    super('UNSUPPORTED_MEDIA_TYPE', 415, message);
  }
}

export class PayloadTooLargeError extends GatewayError {
  constructor(limit: number) {
    super('PAYLOAD_TOO_LARGE', 413, `request body exceeds ${limit} bytes`);
  }
}

const JSON_TYPE_RE = /^application\/(?:[a-z0-9.+-]+\+)?json$/i;
const TEXT_TYPE_RE = /^text\/[a-z0-9.+-]+$/i;

function mediaType(req: Request): { type: string; charset?: string } | undefined {
  const ct = req.get('content-type');
  if (!ct) return undefined;
  const [type, ...params] = ct.split(';').map((s) => s.trim());
  let charset: string | undefined;
  for (const p of params) {
    const m = /^charset\s*=\s*"?([^";]+)"?$/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { type: type.toLowerCase(), charset };
}

/**
 * Depth of the deepest array/object nesting, counted by a linear scan that skips string contents — run BEFORE
 * JSON.parse so a deeply nested body costs O(n) and never a deep recursion. Stops as soon as `limit` is exceeded.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8(buf: Buffer): string {
  try {
    return decoder.decode(buf);
  } catch {
    throw new ValidationError('request body is not valid UTF-8', 'INVALID_UTF8');
  }
}

export function parseJsonText(text: string, depthLimit: number): unknown {
  if (jsonDepthExceeds(text, depthLimit)) throw new ValidationError(`JSON nesting deeper than ${depthLimit}`, 'JSON_TOO_DEEP');
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse messages quote the input; never pass them on.
    throw new ValidationError('request body is not valid JSON', 'INVALID_JSON');
  }
}

/**
 * Read and validate the body: size limit (413), content type (415), charset utf-8 only (415), valid UTF-8 (400),
 * JSON depth (400) and syntax (400). `accept` says which media types the route takes. Stores the result in
 * `res.locals.body` as a ParsedBody.
 */
export function readBody(opts: { limit: number; depthLimit: number; accept: 'json' | 'json-or-text' }) {
  const raw = express.raw({ type: () => true, limit: opts.limit, inflate: true });
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    const mt = mediaType(req);
    if (!hasBody) {
      res.locals.body = { kind: 'none' } satisfies ParsedBody;
      return next();
    }
    const isJson = !!mt && JSON_TYPE_RE.test(mt.type);
    const isText = !!mt && opts.accept === 'json-or-text' && TEXT_TYPE_RE.test(mt.type);
    if (!isJson && !isText) return next(new UnsupportedMediaTypeError(opts.accept === 'json' ? 'expected application/json' : 'expected a JSON or text/* body'));
    if (mt?.charset && mt.charset !== 'utf-8' && mt.charset !== 'utf8') return next(new UnsupportedMediaTypeError('only UTF-8 bodies are accepted'));
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.limit) {
      // Refuse before reading; drain nothing.
      res.setHeader('Connection', 'close');
      return next(new PayloadTooLargeError(opts.limit));
    }
    raw(req, res, (err?: unknown) => {
      if (err) return next(mapBodyParserError(err, opts.limit));
      try {
        const buf: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const text = decodeUtf8(buf);
        if (isJson) {
          res.locals.body = { kind: 'json', value: parseJsonText(text, opts.depthLimit) } satisfies ParsedBody;
        } else {
          res.locals.body = { kind: 'text', value: text } satisfies ParsedBody;
        }
        req.body = undefined;
        next();
      } catch (e) {
        next(e);
      }
    });
  };
}

/** body-parser errors → our codes, never with their messages. */
export function mapBodyParserError(err: unknown, limit: number): Error {
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large') return new PayloadTooLargeError(limit);
  if (type === 'encoding.unsupported') return new UnsupportedMediaTypeError('unsupported content encoding');
  if (type === 'charset.unsupported') return new UnsupportedMediaTypeError('only UTF-8 bodies are accepted');
  if (type === 'request.aborted') return new ValidationError('request aborted', 'REQUEST_ABORTED');
  if (type === 'request.size.invalid') return new ValidationError('request size did not match content-length', 'INVALID_REQUEST');
  return new ValidationError('request body could not be read', 'INVALID_REQUEST');
}
