import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every request gets an id, echoed in `X-Request-Id`. A client-supplied id is kept only when it is a UUID: a free-form
 * id would land in the audit trail and logs, and could itself carry a value (an SSN fits `[0-9-]+`).
 */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-request-id');
    const id = given && UUID_RE.test(given) ? given.toLowerCase() : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
