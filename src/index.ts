import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app';
import { loadConfig, type ApiKeyEntry, type Config } from './config/config';
import { DEFAULT_MODEL_DIR, buildRegistry } from './detectors/build-registry';
import { createEngine } from './engine/engine';
import { GatewayError } from './errors';
import { Authenticator, generateApiKey } from './http/middleware/auth';
import { KeyRing, loadMasterSecret } from './keys/key-ring';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './metrics';
import { PolicyStore } from './policy/store';
import { watchPolicies, type PolicyWatcher } from './policy/watcher';
import { openStores } from './store';

export interface RunningGateway {
  server: Server;
  url: string;
  config: Config;
  /** Graceful stop: stop accepting, let in-flight requests finish (bounded), close stores. */
  close(): Promise<void>;
}

/**
 * Process entry: config → logger → master secret → policies → detectors (+ NER model if present) → stores → engine →
 * app → listen. Every step that can fail does so at start with a message naming the variable or file.
 */
export async function startGateway(env: NodeJS.ProcessEnv = process.env, opts: { logger?: Logger; print?: (line: string) => void } = {}): Promise<RunningGateway> {
  const config = loadConfig(env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));

  const secret = loadMasterSecret(config.secret, config.dataDir);
  if (secret.origin !== 'env') {
    if (config.env === 'production') throw new GatewayError('CONFIG_INVALID', 500, 'PHI_GATEWAY_SECRET: required when NODE_ENV=production');
    logger.warn('PHI_GATEWAY_SECRET is not set: using a development secret from the data directory; set it in production', {
      origin: secret.origin,
      file: secret.path,
    });
  }

  const policies = new PolicyStore(config.policiesDir);
  policies.load();
  if (policies.tenants().length === 0) logger.warn('no tenant policies found', { dir: config.policiesDir });

  // API keys: environment, file of salted hashes, or (development only) generated per tenant and printed once.
  let apiKeys: ApiKeyEntry[] = config.apiKeys;
  if (apiKeys.length === 0 && !config.apiKeysFile) {
    if (config.env === 'production') throw new GatewayError('CONFIG_INVALID', 500, 'PHI_GATEWAY_API_KEYS: required when NODE_ENV=production (or PHI_GATEWAY_API_KEYS_FILE)');
    apiKeys = policies.tenants().map((tenant) => ({ tenant, key: generateApiKey() }));
    print('phi-gateway development mode: no PHI_GATEWAY_API_KEYS set; generated keys for this run only:');
    for (const k of apiKeys) print(`  ${k.tenant}: ${k.key}`);
  }
  const auth = Authenticator.fromConfig({ ...config, apiKeys });
  for (const t of auth.tenants()) if (!policies.get(t)) logger.warn('an API key names a tenant without a policy', { tenant: t });

  const modelDir = config.modelDir ?? DEFAULT_MODEL_DIR;
  const modelPresent = existsSync(join(modelDir, 'config.json'));
  const built = await buildRegistry({ modelDir: modelPresent ? modelDir : null, threads: config.nerThreads });
  if (built.model) logger.info('NER model loaded', { model: built.model.id, version: built.model.version });
  else logger.warn('NER model folder absent: running with the deterministic pattern detectors only', { dir: modelDir });

  const stores = await openStores(config);
  const adopted = await stores.salts.adoptLegacy(config.legacyKeyTenants);
  if (adopted > 0) logger.warn('tenants keep their pre-salt keys until their first shred', { tenants: adopted });
  // Replicas sharing PostgreSQL re-read a tenant's key salt after a second, so a shred on one reaches the others.
  const keys = new KeyRing(secret.secret, { salts: stores.salts, refreshMs: config.store === 'postgres' ? 1000 : undefined });
  const engine = createEngine({ registry: built.registry, keys, vault: stores.vault });
  const metrics = createMetrics({ defaultMetrics: true });

  const app = createApp({
    config: { ...config, apiKeys },
    policies,
    engine,
    keys,
    audit: stores.audit,
    vault: stores.vault,
    rateLimiter: stores.rateLimiter,
    logger,
    metrics,
    auth,
    readiness: {
      detectors: () => ({ ok: true, detail: { count: built.registry.list().length, ids: built.registry.list().map((d) => d.id) } }),
      model: () => {
        if (!built.model) return { ok: true, detail: { status: 'absent', dir: modelDir, note: 'pattern detectors only' } };
        const { id, name, version, decoding, entities, ignoredTypes } = built.model;
        return { ok: true, detail: { status: 'loaded', id, name, version, decoding, entities, ignoredTypes } };
      },
    },
  });

  let watcher: PolicyWatcher | undefined;
  if (config.policyWatch) watcher = watchPolicies(config.policiesDir, policies, logger, { debounceMs: config.policyDebounceMs });

  const purge = setInterval(() => {
    stores.vault.purgeExpired().catch(() => logger.warn('vault purge failed'));
  }, 10 * 60 * 1000);
  purge.unref();

  const server = app.listen(config.port, config.host);
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  server.headersTimeout = 65_000;
  server.requestTimeout = Math.max(120_000, config.upstreamTimeoutMs + 30_000);
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address}:${addr.port}`;
  logger.info('phi-gateway listening', { port: addr.port, store: config.store, tenants: policies.tenants().length, model: built.model?.id ?? 'absent' });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      watcher?.close();
      clearInterval(purge);
      const drained = new Promise<void>((ok) => server.close(() => ok()));
      // Keep-alive connections become idle as their last response finishes: close them as they do.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      timer.unref();
      await drained;
      clearInterval(sweep);
      clearTimeout(timer);
      await stores.close();
      logger.info('stopped');
    })());

  return { server, url, config, close };
}

/** Start the gateway as a process: exits 1 with a clear message on a start failure; drains on SIGTERM/SIGINT. */
export async function start(): Promise<void> {
  let gw: RunningGateway;
  try {
    gw = await startGateway();
  } catch (err) {
    // Messages of our errors name variables and files, never values.
    const msg = err instanceof GatewayError ? `${err.code}: ${err.message}` : err instanceof Error ? `${err.name}: ${err.message}` : 'start failed';
    process.stderr.write(`phi-gateway: ${msg}\n`);
    process.exit(1);
  }
  const stop = (signal: string) => {
    process.stderr.write(`phi-gateway: ${signal} received, draining\n`);
    gw.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) void start();
