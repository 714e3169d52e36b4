import express, { type Express } from 'express';
import helmet from 'helmet';
import { Authenticator, authenticate } from './http/middleware/auth';
import { errorHandler, notFound } from './http/middleware/error-handler';
import { observe } from './http/middleware/observe';
import { rateLimit } from './http/middleware/rate-limit';
import { MemoryRateLimiter } from './http/rate-limiter';
import { requestId } from './http/middleware/request-id';
import { auditRoutes } from './http/routes/audit';
import { engineRoutes } from './http/routes/engine-routes';
import { healthRoutes } from './http/routes/health';
import { openapiRoutes } from './http/routes/openapi';
import { proxyRoutes } from './http/routes/proxy';
import { restoreRoutes } from './http/routes/restore';
import type { AppDeps } from './http/types';

export type { AppDeps } from './http/types';

/** Build the Express app from injected dependencies (no listen; tests drive it in-process). */
export function createApp(deps: AppDeps): Express {
  const auth = deps.auth ?? Authenticator.fromConfig(deps.config);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestId());
  app.use(helmet());
  app.use(observe(deps.logger, deps.metrics));

  // Public: health, metrics, API description.
  app.use(healthRoutes(deps));
  app.use(openapiRoutes());

  // Everything else needs a key; the key decides the tenant.
  const authed = authenticate(auth);
  app.use(['/v1', '/proxy', '/audit'], authed);
  const limiter = deps.rateLimiter ?? (deps.config.rateLimit && new MemoryRateLimiter(deps.config.rateLimit));
  if (limiter) app.use(['/v1', '/proxy', '/audit'], rateLimit(limiter, deps.metrics));
  app.use(engineRoutes(deps));
  app.use(restoreRoutes(deps));
  app.use(proxyRoutes(deps));
  app.use(auditRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.logger, deps.config.bodyLimitBytes));
  return app;
}
