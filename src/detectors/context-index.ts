/**
 * Where context words start in a text, shared by the built-in detectors (GUIDE §3.1, "context words").
 *
 * Each built-in detector used to run its own case-insensitive alternation of context words over every text: about
 * fifteen scans of the whole text. A vocabulary holds every built-in word list, scans a text once with the union of
 * all their words, and answers each list's question — "at which offsets does one of my words start?" — from that one
 * scan. The answer is exactly what the list's own global, case-insensitive regex would give (every start offset,
 * overlaps included).
 *
 * Why one scan is enough: the union is reduced to the words that have no other union word as a prefix, so at a given
 * offset at most one of them matches, and any word that starts there begins with that one. A list containing that
 * very word matches; a list with only longer words starting with it ("serial no" when the union has "serial") is
 * checked with a sticky regex of each longer word, the same case-insensitive match as the list's own regex.
 *
 * The last text scanned and its hits are kept in one slot, so the detectors that run one after another on the same
 * text share a scan; the next text replaces it. Nothing else about a text is kept. Only built-in word lists belong
 * here: a policy's custom patterns keep their own regex, so no tenant's words shape another tenant's scan.
 */
import { escapeRegExp } from './escape-regexp';
import { nextIndex } from './next-index';

function startsAt(sticky: RegExp, text: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

/** For one word list, per union word: 1 = the list has it, or sticky regexes of the list's longer words starting with it. */
type ListTable = ReadonlyArray<0 | 1 | readonly RegExp[]>;

interface Compiled {
  union: RegExp;
  /** Union word (lower-case) → index. */
  index: Map<string, number>;
  tables: ListTable[];
}

export class ContextVocabulary {
  private readonly lists: string[][] = [];
  private compiled: Compiled | undefined;
  private lastText: string | undefined;
  private lastStarts: number[] = [];
  private lastWords: number[] = [];
  private lastHits: Array<number[] | undefined> = [];

  /** Whether `add` accepts these words: non-empty and ASCII, so that lower-casing a match gives back the word. */
  static accepts(words: readonly string[]): boolean {
    return words.every((w) => typeof w === 'string' && /^[\x20-\x7e]+$/.test(w));
  }

  /** Adds a word list (see `accepts`; any case); returns its id for `hits`. */
  add(words: readonly string[]): number {
    if (!ContextVocabulary.accepts(words)) throw new TypeError('context words must be non-empty printable ASCII');
    const lower = words.map((w) => w.toLowerCase());
    this.lists.push([...new Set(lower)]);
    this.compiled = undefined;
    this.lastText = undefined;
    return this.lists.length - 1;
  }

  /** Sorted start offsets in `text` of every occurrence of a word of list `id` (case-insensitive, overlaps included). */
  hits(id: number, text: string): readonly number[] {
    const c = (this.compiled ??= this.compile());
    if (this.lastText !== text) this.scan(c, text);
    return (this.lastHits[id] ??= this.select(c.tables[id], text));
  }

  private compile(): Compiled {
    const all = [...new Set(this.lists.flat())];
    const minimal = all.filter((w) => !all.some((v) => v !== w && w.startsWith(v)));
    const index = new Map(minimal.map((w, i) => [w, i]));
    const tables = this.lists.map((list) =>
      minimal.map((u): 0 | 1 | readonly RegExp[] => {
        if (list.includes(u)) return 1;
        const longer = list.filter((w) => w.startsWith(u));
        return longer.length === 0 ? 0 : longer.map((w) => new RegExp(escapeRegExp(w), 'iy'));
      }),
    );
    return { union: new RegExp(minimal.map(escapeRegExp).join('|'), 'gi'), index, tables };
  }

  private scan(c: Compiled, text: string): void {
    const starts: number[] = [];
    const words: number[] = [];
    const re = c.union;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      starts.push(m.index);
      words.push(c.index.get(m[0].toLowerCase()) as number);
      re.lastIndex = nextIndex(text, m.index);
    }
    this.lastText = text;
    this.lastStarts = starts;
    this.lastWords = words;
    this.lastHits = [];
  }

  private select(table: ListTable, text: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.lastStarts.length; i++) {
      const entry = table[this.lastWords[i]];
      if (entry === 0) continue;
      const at = this.lastStarts[i];
      if (entry === 1 || entry.some((re) => startsAt(re, text, at))) out.push(at);
    }
    return out;
  }
}

/** Whether a sorted `hits` has an entry in [lo, hi). */
export function hasHitIn(hits: readonly number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = hits.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (hits[mid] < lo) a = mid + 1;
    else b = mid;
  }
  return a < hits.length && hits[a] < hi;
}

/** The vocabulary of the built-in pattern detectors. */
export const BUILT_IN_CONTEXT = new ContextVocabulary();
