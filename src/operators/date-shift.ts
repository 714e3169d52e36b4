import { z } from 'zod';
import { formatDate, parseDate, toUtcDate } from './dates';
import type { Operator, OperatorContext } from './types';

const params = z.strictObject({
  /** Shift is a non-zero number of days in [-max_days, max_days]. */
  max_days: z.number().int().min(1).max(3650).default(365),
});

const DAY_MS = 86_400_000;

/** Same offset for the same tenant + session (so intervals between a patient's dates are kept). */
export function shiftDays(ctx: OperatorContext, maxDays: number): number {
  const digest = ctx.keys.hmac(ctx.tenant, 'date-shift', ctx.session);
  const n = parseInt(digest.slice(0, 8), 16) % (2 * maxDays);
  return n < maxDays ? n - maxDays : n - maxDays + 1; // never 0
}

/**
 * Moves a full date by the session's offset and writes it in the same style. A date without year, month and day
 * cannot be shifted safely and becomes `<DATE_TIME>` (fail safe rather than leak).
 */
export const dateShift: Operator<z.infer<typeof params>> = {
  name: 'date_shift',
  params,
  reversible: false,
  apply: ({ value, entity }, p, ctx) => {
    const parsed = parseDate(value);
    const date = parsed && toUtcDate(parsed);
    if (!parsed || !date) return `<${entity}>`;
    return formatDate(new Date(date.getTime() + shiftDays(ctx, p.max_days) * DAY_MS), parsed);
  },
};
