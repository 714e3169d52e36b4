import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { EntityType } from '../detectors/entities';
import { PolicyError } from '../errors';
import { OPERATORS } from '../operators/registry';
import { policyFileSchema, type PolicyFile } from './schema';
import { unsafeRegexReason } from './regex-safety';
import type { EntityRule, Policy } from './types';
import { contentVersion } from './version';

/** Defaults every policy starts from before its `extends` chain and own content apply. */
const DEFAULTS = {
  threshold: 0.5,
  defaultRule: { operator: 'replace', params: {}, context: [] } as EntityRule,
  onDetectorError: 'block' as const,
  propagateMentions: ['PERSON'] as EntityType[],
  detectorTimeoutMs: 2000,
  restore: false,
  vaultTtlSeconds: 86_400,
};

const displayPath = (file: string) => relative(process.cwd(), file) || file;

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(root)';
}

function fail(file: string, path: readonly PropertyKey[], message: string): never {
  throw new PolicyError(`${displayPath(file)}: ${formatIssuePath(path)}: ${message}`);
}

/** Zod messages can quote inputs in some cases; keep only the kind of problem. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return 'not one of the allowed values';
  if (issue.code === 'invalid_key') return 'unknown name';
  return issue.message.replace(/"[^"]*"/g, '…');
}

/** Parse and validate one YAML file (no `extends` resolution). */
export function readPolicyFile(file: string): PolicyFile {
  const source = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(source, { prettyErrors: false });
  } catch (err) {
    const line = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new PolicyError(`${displayPath(file)}: (root): invalid YAML${line ? ` at line ${line}` : ''}`);
  }
  const parsed = policyFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, issue.path, issueMessage(issue));
  }
  const data = parsed.data;
  for (const [entity, rule] of Object.entries(data.entities ?? {})) checkParams(file, ['entities', entity], rule?.operator, rule?.params);
  if (data.default) checkParams(file, ['default'], data.default.operator, data.default.params);
  data.custom_patterns?.forEach((p, i) => checkRegex(file, ['custom_patterns', i, 'regex'], p.regex, p.flags));
  data.allow?.forEach((a, i) => typeof a !== 'string' && checkRegex(file, ['allow', i, 'regex'], a.regex));
  data.deny?.forEach((d, i) => d.regex?.forEach((r, j) => checkRegex(file, ['deny', i, 'regex', j], r)));
  return data;
}

function checkParams(file: string, path: PropertyKey[], operator: string | undefined, params: Record<string, unknown> | undefined) {
  if (params === undefined) return;
  if (!operator) fail(file, [...path, 'params'], 'params given without an operator');
  const result = OPERATORS[operator as keyof typeof OPERATORS].params.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0];
    fail(file, [...path, 'params', ...issue.path], issueMessage(issue));
  }
}

function checkRegex(file: string, path: PropertyKey[], source: string, flags = '') {
  try {
    new RegExp(source, flags);
  } catch {
    fail(file, path, 'invalid regular expression');
  }
  const unsafe = unsafeRegexReason(source);
  if (unsafe) fail(file, path, unsafe);
}

function resolveRule(file: string, path: PropertyKey[], base: EntityRule | undefined, over: NonNullable<PolicyFile['default']>): EntityRule {
  const operator = over.operator ?? base?.operator;
  if (!operator) fail(file, path, 'an operator is required');
  const sameOperator = operator === base?.operator;
  const rawParams = over.params ?? (sameOperator ? base?.params : undefined) ?? {};
  const params = OPERATORS[operator].params.parse(rawParams) as Record<string, unknown>;
  return {
    operator,
    params,
    threshold: over.threshold ?? base?.threshold,
    context: [...new Set([...(base?.context ?? []), ...(over.context ?? []).map((w) => w.toLowerCase())])],
  };
}

/** The base for a policy: defaults, or the resolved parent(s). */
function emptyPolicy(): Omit<Policy, 'id' | 'version'> {
  return {
    extends: [],
    threshold: DEFAULTS.threshold,
    defaultRule: { ...DEFAULTS.defaultRule },
    entities: {},
    detectors: {},
    allow: { exact: [], regex: [] },
    deny: [],
    customPatterns: [],
    paths: [],
    onDetectorError: DEFAULTS.onDetectorError,
    propagateMentions: [...DEFAULTS.propagateMentions],
    detectorTimeoutMs: DEFAULTS.detectorTimeoutMs,
    upstreams: {},
    restore: DEFAULTS.restore,
    vaultTtlSeconds: DEFAULTS.vaultTtlSeconds,
  };
}

/** Apply a file's content on top of a resolved base (child wins; lists are concatenated; maps merge by key). */
function merge(file: string, base: Omit<Policy, 'id' | 'version'>, data: PolicyFile): Omit<Policy, 'id' | 'version'> {
  const entities = { ...base.entities };
  for (const [entity, rule] of Object.entries(data.entities ?? {})) {
    entities[entity as EntityType] = resolveRule(file, ['entities', entity], base.entities[entity as EntityType], rule!);
  }
  const detectors = { ...base.detectors };
  for (const [id, rule] of Object.entries(data.detectors ?? {})) {
    detectors[id] = { enabled: rule.enabled ?? detectors[id]?.enabled ?? true, threshold: rule.threshold ?? detectors[id]?.threshold };
  }
  const upstreams = { ...base.upstreams };
  for (const [name, u] of Object.entries(data.upstreams ?? {})) {
    upstreams[name] =
      typeof u === 'string'
        ? { url: u, headers: {} }
        : {
            url: u.url,
            headers: Object.fromEntries(Object.entries(u.headers ?? {}).map(([h, v]) => [h.toLowerCase(), { valueFromEnv: v.value_from_env }])),
            timeoutMs: u.timeout_ms,
          };
  }
  const allow = data.allow ?? [];
  return {
    extends: base.extends,
    description: data.description ?? base.description,
    threshold: data.threshold ?? base.threshold,
    defaultRule: data.default ? resolveRule(file, ['default'], base.defaultRule, data.default) : base.defaultRule,
    entities,
    detectors,
    allow: {
      exact: [...base.allow.exact, ...allow.filter((a): a is string => typeof a === 'string')],
      regex: [...base.allow.regex, ...allow.flatMap((a) => (typeof a === 'string' ? [] : [a.regex]))],
    },
    deny: [...base.deny, ...(data.deny ?? []).map((d) => ({ entity: d.entity, exact: d.exact ?? [], regex: d.regex ?? [] }))],
    customPatterns: [
      ...base.customPatterns.filter((p) => !(data.custom_patterns ?? []).some((q) => q.name === p.name)),
      ...(data.custom_patterns ?? []).map((p) => ({
        name: p.name,
        entity: p.entity,
        regex: p.regex,
        flags: p.flags ?? '',
        score: p.score ?? 0.85,
        context: (p.context ?? []).map((w) => w.toLowerCase()),
      })),
    ],
    paths: data.paths ?? base.paths,
    onDetectorError: data.on_detector_error ?? base.onDetectorError,
    propagateMentions: data.propagate_mentions ? [...new Set(data.propagate_mentions)] : base.propagateMentions,
    detectorTimeoutMs: data.detector_timeout_ms ?? base.detectorTimeoutMs,
    upstreams,
    restore: data.restore ?? base.restore,
    vaultTtlSeconds: data.vault_ttl_seconds ?? base.vaultTtlSeconds,
  };
}

/** Where `extends: NAME` finds its profile: `<profilesDir>/NAME.yaml`. */
export interface ResolveOptions {
  profilesDir: string;
}

/**
 * Load a policy file and resolve its `extends` chain (cycles and missing profiles are errors). The result is
 * frozen and carries a content version.
 */
export function loadPolicy(file: string, options: ResolveOptions, seen: string[] = []): Policy {
  const data = readPolicyFile(file);
  const id = data.tenant ?? basename(file).replace(/\.ya?ml$/, '');
  if (seen.includes(id)) fail(file, ['extends'], `circular extends (${[...seen, id].join(' → ')})`);
  let base = emptyPolicy();
  if (data.extends !== undefined) {
    let parent: Policy;
    try {
      parent = loadPolicy(`${options.profilesDir}/${data.extends}.yaml`, options, [...seen, id]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(file, ['extends'], `unknown profile ${data.extends}`);
      throw err;
    }
    const { id: parentId, version: _version, source: _source, tenant: _tenant, ...rest } = parent;
    base = { ...rest, extends: [parentId, ...parent.extends] };
  }
  const body = { id, tenant: data.tenant, ...merge(file, base, data) };
  return Object.freeze({ ...body, version: contentVersion(body), source: displayPath(file) });
}
