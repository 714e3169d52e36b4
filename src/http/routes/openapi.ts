import { Router } from 'express';
import { label } from '../context';

const err = { $ref: '#/components/responses/Error' };
const jsonBody = (schema: Record<string, unknown>) => ({ required: true, content: { 'application/json': { schema } } });
const ok = (schema: Record<string, unknown>, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const payload = {
  oneOf: [
    { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    { type: 'object', required: ['json'], properties: { json: {} } },
  ],
};
const auditFilters = ['from', 'to', 'type', 'operator', 'requestId', 'upstream', 'kind', 'decision'].map((name) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
}));
const tenantParam = { name: 'tenant', in: 'query', required: false, description: 'admin keys only: the tenant to read', schema: { type: 'string' } };
const std = { '400': err, '401': err, '429': err, '413': err, '415': err, '503': err };

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'phi-gateway',
    version: '0.1.0',
    description:
      'Privacy gateway: finds PHI/PII, applies per-tenant policies, forwards clean requests, keeps a value-free hash-chained audit trail. The API key decides the tenant.',
  },
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
      Item: {
        type: 'object',
        properties: {
          path: { type: 'string' },
          type: { type: 'string' },
          start: { type: 'integer' },
          end: { type: 'integer' },
          operator: { type: 'string' },
          detector: { type: 'string' },
          score: { type: 'number' },
        },
      },
      AuditRecord: {
        type: 'object',
        properties: {
          seq: { type: 'integer' },
          tenant: { type: 'string' },
          kind: { enum: ['request', 'item', 'outcome', 'restore', 'erasure'] },
          requestId: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          policy: { type: ['object', 'null'] },
          route: { type: 'string' },
          upstream: { type: ['string', 'null'] },
          decision: { enum: ['forwarded', 'returned', 'blocked', 'error', null] },
          status: { type: ['integer', 'null'] },
          counts: { type: ['object', 'null'] },
          reason: { type: ['string', 'null'] },
          path: { type: ['string', 'null'] },
          type: { type: ['string', 'null'] },
          start: { type: ['integer', 'null'] },
          end: { type: ['integer', 'null'] },
          operator: { type: ['string', 'null'] },
          detector: { type: ['string', 'null'] },
          score: { type: ['number', 'null'] },
          valueDigest: { type: ['string', 'null'], description: 'HMAC-SHA256 of the value under the tenant audit key' },
          prevHash: { type: 'string' },
          hash: { type: 'string' },
        },
      },
    },
    responses: { Error: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
  paths: {
    '/v1/analyze': {
      post: {
        summary: 'Find entities (offsets, types, scores) without changing anything',
        requestBody: jsonBody(payload),
        responses: { '200': ok({ type: 'object', properties: { entities: { type: 'array' }, policy: { type: 'object' }, model: { type: 'array' } } }), ...std },
      },
    },
    '/v1/redact': {
      post: {
        summary: 'Redact text or JSON by the tenant policy',
        requestBody: jsonBody({ allOf: [payload, { type: 'object', properties: { session: { type: 'string' } } }] }),
        responses: {
          '200': ok({ type: 'object', properties: { text: { type: 'string' }, json: {}, items: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, session: { type: 'string' }, requestId: { type: 'string' } } }),
          ...std,
        },
      },
    },
    '/v1/check': {
      post: { summary: 'Is this payload compliant as is? Counts by type', requestBody: jsonBody(payload), responses: { '200': ok({ type: 'object', properties: { compliant: { type: 'boolean' }, counts: { type: 'object' } } }), ...std } },
    },
    '/v1/batch/redact': {
      post: {
        summary: 'Redact many items (bounded count); results in order',
        requestBody: jsonBody({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: { allOf: [payload, { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }] } }, session: { type: 'string' } } }),
        responses: { '200': ok({ type: 'object', properties: { results: { type: 'array' } } }), ...std },
      },
    },
    '/v1/restore': {
      post: {
        summary: 'Put tokens of a session back (tenant key: own sessions; admin key: names the tenant, also decrypts `encrypt`ed values)',
        requestBody: jsonBody({ allOf: [payload, { type: 'object', properties: { session: { type: 'string' }, tenant: { type: 'string' } } }] }),
        responses: { '200': ok({ type: 'object', properties: { text: { type: 'string' }, json: {}, restored: { type: 'integer' } } }), '404': err, ...std },
      },
    },
    '/v1/sessions/{id}': {
      delete: {
        summary: "Erase a session's vault entries (GDPR Art. 17)",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, tenantParam],
        responses: { '200': ok({ type: 'object', properties: { erased: { type: 'integer' } } }), '401': err, '429': err, '404': err },
      },
    },
    '/v1/tenants/{tenant}/vault': {
      delete: {
        summary:
          "Admin only: GDPR erasure of a tenant. Shreds the tenant's keys (encrypted, hashed, pseudonymized and tokenized values can no longer be decrypted or linked) and erases its vault entries",
        parameters: [{ name: 'tenant', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': ok({
            type: 'object',
            properties: { erased: { type: 'integer' }, keyGeneration: { type: 'integer', description: "the tenant's new key generation" } },
          }),
          '401': err,
          '429': err,
          '404': err,
          '501': err,
        },
      },
    },
    '/proxy/{upstream}/{path}': {
      description: 'Any method. Forwards to the upstream named in the tenant policy; body, path segments, query values and non-protocol header values are redacted. Optional X-PHI-Session header.',
      parameters: [
        { name: 'upstream', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
      ],
      post: { summary: 'Forward a redacted request', responses: { default: { description: 'The upstream response (tokens restored when the policy says restore: true)' }, '404': err, '502': err, '503': err, '504': err } },
      get: { summary: 'Forward a request', responses: { default: { description: 'The upstream response' }, '404': err, '502': err, '504': err } },
    },
    '/audit': {
      get: {
        summary: "The caller tenant's audit records (cursor pagination)",
        parameters: [...auditFilters, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }, tenantParam],
        responses: { '200': ok({ type: 'object', properties: { records: { type: 'array', items: { $ref: '#/components/schemas/AuditRecord' } }, nextCursor: { type: ['string', 'null'] } } }), '400': err, '401': err, '429': err, '404': err },
      },
    },
    '/audit/requests/{requestId}': {
      get: { summary: 'The records of one request', parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string' } }, tenantParam], responses: { '200': ok({ type: 'object' }), '404': err } },
    },
    '/audit/summary': {
      get: { summary: 'Counts per type/operator/day, share of requests with PHI, blocked requests', parameters: [auditFilters[0], auditFilters[1], auditFilters[5], tenantParam], responses: { '200': ok({ type: 'object' }), '401': err, '429': err } },
    },
    '/audit/verify': {
      get: { summary: "Walk the tenant's hash chain; report the first broken link", parameters: [tenantParam], responses: { '200': ok({ type: 'object', properties: { ok: { type: 'boolean' }, checked: { type: 'integer' }, firstBroken: { type: 'object' } } }), '401': err, '429': err } },
    },
    '/audit/export': {
      get: {
        summary: 'Export records as NDJSON or CSV',
        parameters: [{ name: 'format', in: 'query', schema: { enum: ['ndjson', 'csv'] } }, ...auditFilters, tenantParam],
        responses: { '200': { description: 'Records', content: { 'application/x-ndjson': {}, 'text/csv': {} } }, '401': err, '429': err },
      },
    },
    '/healthz': { get: { security: [], summary: 'Liveness', responses: { '200': ok({ type: 'object' }) } } },
    '/readyz': { get: { security: [], summary: 'Readiness: policies loaded, store open, detectors warm, model', responses: { '200': ok({ type: 'object' }), '503': ok({ type: 'object' }, 'Not ready') } } },
    '/metrics': { get: { security: [], summary: 'Prometheus metrics (labels never carry values)', responses: { '200': { description: 'text/plain exposition' } } } },
    '/openapi.json': { get: { security: [], summary: 'This document', responses: { '200': ok({ type: 'object' }) } } },
  },
} as const;

export function openapiRoutes(): Router {
  const r = Router();
  r.get('/openapi.json', (_req, res) => {
    label(res, '/openapi.json');
    res.json(OPENAPI);
  });
  return r;
}
