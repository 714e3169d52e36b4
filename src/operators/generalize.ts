import { z } from 'zod';
import { parseDate, yearOf } from './dates';
import type { Operator } from './types';

/**
 * HIPAA Safe Harbor three-digit ZIP areas with 20,000 people or fewer (2000 Census, as listed by HHS): these
 * become `000`.
 */
export const RESTRICTED_ZIP3 = new Set(['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893']);

const params = z.strictObject({
  /** Dates: keep the year (Safe Harbor) or month and year. */
  to: z.enum(['year', 'month_year']).default('year'),
  /** Ages above `age_max` become `age_label`. */
  age_max: z.number().int().min(0).max(150).default(89),
  age_label: z.string().max(40).default('90+'),
});
type Params = z.infer<typeof params>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function generalizeDate(value: string, p: Params): string {
  const year = yearOf(value);
  if (year === undefined) return '<DATE_TIME>';
  if (p.to === 'month_year') {
    const parsed = parseDate(value);
    if (parsed?.month) return `${MONTHS[parsed.month - 1]} ${year}`;
  }
  return String(year);
}

function generalizeZip(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 5) return '<US_ZIP_CODE>';
  const zip3 = digits.slice(0, 3);
  return RESTRICTED_ZIP3.has(zip3) ? '000' : zip3;
}

function generalizeAge(value: string, p: Params): string {
  const m = /\d{1,3}/.exec(value);
  if (!m) return '<AGE>';
  return Number(m[0]) > p.age_max ? value.slice(0, m.index) + p.age_label + value.slice(m.index + m[0].length) : value;
}

/**
 * Keeps the coarse part of a value: date → year, ZIP → first three digits (`000` for restricted areas),
 * age over 89 → `90+`. Types with no coarser form are replaced by `<TYPE>`.
 */
export const generalize: Operator<Params> = {
  name: 'generalize',
  params,
  reversible: false,
  apply: ({ value, entity }, p) => {
    switch (entity) {
      case 'DATE_TIME':
        return generalizeDate(value, p);
      case 'US_ZIP_CODE':
        return generalizeZip(value);
      case 'AGE':
        return generalizeAge(value, p);
      default:
        return `<${entity}>`;
    }
  },
};
