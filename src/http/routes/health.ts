import { Router } from 'express';
import { label } from '../context';
import type { AppDeps, ReadinessReport } from '../types';

/** GET /healthz (process up), /readyz (policies loaded, store open, detectors warm, model), /metrics. */
export function healthRoutes(deps: AppDeps): Router {
  const r = Router();

  r.get('/healthz', (_req, res) => {
    label(res, '/healthz');
    res.json({ status: 'ok' });
  });

  r.get('/readyz', async (_req, res) => {
    label(res, '/readyz');
    const report: ReadinessReport = { ready: true, checks: {} };
    const tenants = deps.policies.tenants();
    report.checks.policies = { ok: tenants.length > 0, detail: { tenants: tenants.length } };
    try {
      await deps.audit.ping();
      report.checks.store = { ok: true, detail: { kind: deps.audit.kind } };
    } catch {
      report.checks.store = { ok: false, detail: { kind: deps.audit.kind } };
    }
    if (deps.readiness) {
      report.checks.detectors = deps.readiness.detectors();
      // An absent model is reported, not fatal: the gateway then runs with the deterministic detectors only.
      report.checks.model = deps.readiness.model();
    }
    report.ready = report.checks.policies.ok && report.checks.store.ok && (report.checks.detectors?.ok ?? true);
    res.status(report.ready ? 200 : 503).json(report);
  });

  r.get('/metrics', async (_req, res) => {
    label(res, '/metrics');
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.end(await deps.metrics.registry.metrics());
  });

  return r;
}
