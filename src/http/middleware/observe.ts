import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';

/**
 * Access log + request metrics. The route label is the matched route PATTERN (never the URL, which may hold ids or
 * values); the log line carries requestId, tenant, route, method, status, duration and counts only.
 */
export function observe(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = (res.locals.routeLabel as string | undefined) ?? (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched');
      const method = req.method;
      metrics.httpRequests.inc({ route, method, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route, method }, seconds);
      logger.info('request', {
        requestId: res.locals.requestId,
        tenant: res.locals.tenant,
        route,
        method,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        counts: res.locals.counts,
        code: res.locals.errorCode,
        upstream: res.locals.upstreamName,
      });
    });
    next();
  };
}
