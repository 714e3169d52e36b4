import { requestRecord, type RequestContext } from '../../audit/recorder';
import { DetectorError, GatewayError } from '../../errors';
import { appendAudit, countBlocked } from '../context';
import type { AppDeps } from '../types';

/**
 * Run an engine step; when it fails, audit the request (blocked for detector failures — fail closed — or error)
 * before the error reaches the handler. Nothing has left the gateway at that point.
 */
export async function guarded<T>(deps: AppDeps, tenant: string, ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const blocked = err instanceof DetectorError;
    const status = err instanceof GatewayError ? err.status : 500;
    const code = blocked ? countBlocked(deps, tenant, err) : err instanceof GatewayError ? err.code : 'INTERNAL';
    if (status >= 500) {
      await appendAudit(deps, tenant, [requestRecord(ctx, blocked ? 'blocked' : 'error', status, {}, code)]);
    }
    throw err;
  }
}
