/**
 * Small date reader for the `generalize` and `date_shift` operators. It recognises the forms the DATE_TIME
 * detector finds (ISO, US numeric, day-month-year with month names, month-name-first) and reports which parts
 * are present, so an operator can keep the year only or shift the whole date while keeping its style.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type DateStyle = 'iso' | 'us-numeric' | 'day-month-name' | 'month-name-day' | 'dd-mon-yyyy';

export interface ParsedDate {
  year?: number;
  month?: number; // 1-12
  day?: number;
  style: DateStyle;
  separator: string;
  /** Month name written abbreviated ("Mar") rather than in full. */
  shortMonth: boolean;
}

function monthIndex(word: string): number | undefined {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: pivot at the current year (a DOB of 1/2/80 is 1980, 1/2/19 is 2019).
  const now = new Date().getUTCFullYear() % 100;
  return n <= now ? 2000 + n : 1900 + n;
}

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?([\s-]+)([A-Za-z]{3,9})\.?(?:,?[\s-]+(\d{4}|\d{2}))?$/;
const MONTH_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/;
const MONTH_YEAR = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;
const YEAR = /\b(1[89]\d\d|20\d\d)\b/;

export function parseDate(raw: string): ParsedDate | undefined {
  const text = raw.trim();
  let m = ISO.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), style: 'iso', separator: m[2], shortMonth: false };
  m = NUMERIC.exec(text);
  if (m) {
    return { month: Number(m[1]), day: Number(m[3]), year: m[4] ? fullYear(m[4]) : undefined, style: 'us-numeric', separator: m[2], shortMonth: false };
  }
  m = DAY_MONTH.exec(text);
  if (m && monthIndex(m[3])) {
    return {
      day: Number(m[1]),
      month: monthIndex(m[3]),
      year: m[4] ? fullYear(m[4]) : undefined,
      style: m[2].includes('-') ? 'dd-mon-yyyy' : 'day-month-name',
      separator: m[2].includes('-') ? '-' : ' ',
      shortMonth: m[3].length <= 4,
    };
  }
  m = MONTH_DAY.exec(text);
  if (m && monthIndex(m[1])) {
    return { month: monthIndex(m[1]), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined, style: 'month-name-day', separator: ' ', shortMonth: m[1].length <= 4 };
  }
  m = MONTH_YEAR.exec(text);
  if (m && monthIndex(m[1])) {
    return { month: monthIndex(m[1]), year: Number(m[2]), style: 'month-name-day', separator: ' ', shortMonth: m[1].length <= 4 };
  }
  return undefined;
}

/** The year a date text mentions, if any (used by `generalize` → year). */
export function yearOf(raw: string): number | undefined {
  const parsed = parseDate(raw);
  if (parsed?.year !== undefined) return parsed.year;
  const m = YEAR.exec(raw);
  return m ? Number(m[1]) : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Write a full date back in the style it was read in. */
export function formatDate(d: Date, like: ParsedDate): string {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const name = like.shortMonth ? MONTH_NAMES[mo - 1].slice(0, 3) : MONTH_NAMES[mo - 1];
  switch (like.style) {
    case 'iso':
      return `${y}${like.separator}${pad(mo)}${like.separator}${pad(day)}`;
    case 'us-numeric':
      return `${pad(mo)}${like.separator}${pad(day)}${like.separator}${y}`;
    case 'dd-mon-yyyy':
      return `${pad(day)}-${name}-${y}`;
    case 'day-month-name':
      return `${day} ${name} ${y}`;
    case 'month-name-day':
      return `${name} ${day}, ${y}`;
  }
}

/** A complete calendar date (year, month, day all known and valid), or undefined. */
export function toUtcDate(p: ParsedDate): Date | undefined {
  if (p.year === undefined || p.month === undefined || p.day === undefined) return undefined;
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return undefined;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return d.getUTCMonth() === p.month - 1 ? d : undefined;
}
