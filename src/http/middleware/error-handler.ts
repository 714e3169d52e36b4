import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors';
import type { Logger } from '../../logger';
import { mapBodyParserError } from './limits';

/**
 * One handler: GatewayError → `{ error: { code, message } }` with its status (messages name fields, never values);
 * anything else → a generic 500. The request body is never echoed, and unknown errors are logged by class name only
 * (their messages may quote input).
 */
export function errorHandler(logger: Logger, bodyLimit: number) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let e = err;
    if (!(e instanceof GatewayError) && e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string') {
      e = mapBodyParserError(e, bodyLimit);
    }
    const requestId = res.locals.requestId as string | undefined;
    if (e instanceof GatewayError) {
      res.locals.errorCode = e.code;
      if (e.status >= 500) logger.warn('request failed', { requestId, tenant: res.locals.tenant, code: e.code, status: e.status });
      if (!res.headersSent) res.status(e.status).json({ error: { code: e.code, message: e.message } });
      else res.destroy();
      return;
    }
    res.locals.errorCode = 'INTERNAL';
    logger.error('unhandled error', {
      requestId,
      tenant: res.locals.tenant,
      errorName: err instanceof Error ? err.name : typeof err,
      // Stack frames only (file:line); the first line holds the message and is dropped.
      stack: err instanceof Error && err.stack ? err.stack.split('\n').slice(1, 6).map((s) => s.trim()) : undefined,
    });
    if (!res.headersSent) res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
    else res.destroy();
  };
}

export function notFound(_req: Request, res: Response) {
  res.locals.errorCode = 'NOT_FOUND';
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'route not found' } });
}
