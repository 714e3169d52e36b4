import type { ListEntry } from '../policy/types';

/**
 * A policy's allow list: a finding whose text equals an exact entry (case-insensitive, surrounding whitespace
 * ignored) or fully matches one of the regexes is dropped.
 */
export class AllowList {
  private readonly exact: Set<string>;
  private readonly regexes: RegExp[];

  constructor(entry: ListEntry) {
    this.exact = new Set(entry.exact.map((s) => s.trim().toLowerCase()));
    this.regexes = entry.regex.map((r) => new RegExp(`^(?:${r})$`, 'iu'));
  }

  get empty(): boolean {
    return this.exact.size === 0 && this.regexes.length === 0;
  }

  allows(value: string): boolean {
    const v = value.trim();
    return this.exact.has(v.toLowerCase()) || this.regexes.some((r) => r.test(v));
  }
}
