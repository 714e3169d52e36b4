/**
 * One error hierarchy. `message` names fields, files and paths — never a value from a request or a finding.
 * The HTTP error handler turns a GatewayError into `{ error: { code, message } }` with its status; anything
 * else becomes a generic 500.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A policy file or its content is invalid. Message: `<file>: <field.path>: <problem>`. */
export class PolicyError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('POLICY_INVALID', 500, message, options);
  }
}

/** Bad configuration (environment). Message names the variable. */
export class ConfigError extends GatewayError {
  constructor(message: string) {
    super('CONFIG_INVALID', 500, message);
  }
}

/** A detector threw or timed out: the request is blocked (fail closed). */
export class DetectorError extends GatewayError {
  constructor(
    readonly detectorId: string,
    reason: 'error' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super('DETECTOR_FAILED', 503, `detector ${detectorId} ${reason === 'timeout' ? 'timed out' : 'failed'}; request blocked`, options);
  }
}

/** Request validation failed. Message names the field path. */
export class ValidationError extends GatewayError {
  constructor(message: string, code = 'INVALID_REQUEST', status = 400) {
    super(code, status, message);
  }
}

export class NotFoundError extends GatewayError {
  constructor(what = 'resource') {
    super('NOT_FOUND', 404, `${what} not found`);
  }
}

export class AuthError extends GatewayError {
  constructor() {
    super('UNAUTHORIZED', 401, 'missing or unknown API key');
  }
}

export class RateLimitError extends GatewayError {
  constructor() {
    super('RATE_LIMITED', 429, 'too many requests for this key; retry after the Retry-After header');
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message = 'not allowed') {
    super('FORBIDDEN', 403, message);
  }
}

export class UpstreamError extends GatewayError {
  constructor(kind: 'unreachable' | 'timeout' | 'unknown', upstream: string) {
    super(
      kind === 'timeout' ? 'UPSTREAM_TIMEOUT' : kind === 'unknown' ? 'UPSTREAM_UNKNOWN' : 'UPSTREAM_FAILED',
      kind === 'timeout' ? 504 : kind === 'unknown' ? 404 : 502,
      kind === 'unknown' ? `upstream ${upstream} is not configured for this tenant` : `upstream ${upstream} ${kind === 'timeout' ? 'timed out' : 'unreachable'}`,
    );
  }
}
