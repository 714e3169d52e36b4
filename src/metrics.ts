import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics. Label values are drawn from closed sets only — route patterns, methods, status codes,
 * entity types, operator names, detector ids, configured upstream names, tenant names — never from request content.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method'>;
  findings: Counter<'tenant' | 'entity' | 'operator'>;
  blocked: Counter<'tenant' | 'reason'>;
  detectorErrors: Counter<'detector'>;
  upstreamDuration: Histogram<'upstream' | 'outcome'>;
  auditWrites: Counter<'outcome'>;
  rateLimited: Counter<'principal'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'phi_gateway_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'phi_gateway_http_requests_total',
      help: 'HTTP requests by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'phi_gateway_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern',
      labelNames: ['route', 'method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    findings: new Counter({
      name: 'phi_gateway_findings_total',
      help: 'Redacted findings by tenant, entity type and operator',
      labelNames: ['tenant', 'entity', 'operator'],
      registers: [registry],
    }),
    blocked: new Counter({
      name: 'phi_gateway_blocked_requests_total',
      help: 'Requests blocked (fail closed) by reason code',
      labelNames: ['tenant', 'reason'],
      registers: [registry],
    }),
    detectorErrors: new Counter({
      name: 'phi_gateway_detector_errors_total',
      help: 'Detector failures and timeouts by detector id',
      labelNames: ['detector'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'phi_gateway_upstream_duration_seconds',
      help: 'Upstream call latency by configured upstream name and outcome',
      labelNames: ['upstream', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    auditWrites: new Counter({
      name: 'phi_gateway_audit_writes_total',
      help: 'Audit appends by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'phi_gateway_rate_limited_total',
      help: 'Requests refused with 429 by tenant (or admin:<name>)',
      labelNames: ['principal'],
      registers: [registry],
    }),
  };
}
