import type { EntityType } from '../detectors/entities';
import { nextIndex, previousIndex } from '../detectors/next-index';
import type { Detection } from '../detectors/types';
import { resolveConflicts } from './conflicts';

/** Detector id of the findings this stage adds (audit and `analyze` show where a finding came from). */
export const MENTION_DETECTOR_ID = 'analysis.mention';

/** Only findings at least this confident are looked up again (a doubtful finding would spread its doubt). */
export const MIN_SOURCE_SCORE = 0.8;

/** At most this many distinct forms are looked up per request (the longest first); the rest only by the detectors. */
export const MAX_FORMS = 500;

/**
 * Words never looked up on their own, compared lower-case: titles, suffixes, particles and English words that are
 * also given names and open many sentences ("Will you…", "May I…"). The whole finding ("Will Smith") is still
 * looked up. Everything else of two or more characters that starts with a capital is.
 */
const NOT_ALONE = new Set(
  (
    'mr mrs ms miss mx dr doctor prof sir madam dame lord lady rev fr sr jr ii iii iv md phd rn np pa ' +
    'the and of for von van der den de la le del della da di du dos das al el bin ben ibn abu st saint ' +
    'an as at be by do go he if in is it me my no oh ok on or so to up us we ' +
    'will may can did hope mark bill grant chase frank faith joy art guy grace rose dawn sunny june april august ' +
    'january february march july september october november december monday tuesday wednesday thursday friday ' +
    'saturday sunday patient nurse mother father'
  ).split(' '),
);

/** A letter, digit or combining mark: a mention must have none of these right before or after it. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** A letter or digit: with a joiner between it and a mention, the mention is part of an address or handle. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Characters that join a mention to a neighbouring word in an e-mail address, handle or compound ("j.smith"). */
const JOINERS = '.@_+-';

/** The code point that ends right before `index`, as a string ('' at the start). */
function pointBefore(text: string, index: number): string {
  return index <= 0 ? '' : text.slice(previousIndex(text, index), index);
}

/** The code point that starts at `index`, as a string ('' at the end). */
function pointAt(text: string, index: number): string {
  return index >= text.length ? '' : text.slice(index, nextIndex(text, index));
}

/** Nothing before `start` ties a mention to a word: no letter, digit or mark, nor a joiner after a letter or digit. */
function freeBefore(text: string, start: number): boolean {
  const prev = pointBefore(text, start);
  if (prev === '') return true;
  if (WORD_CHAR.test(prev)) return false;
  return !(JOINERS.includes(prev) && LETTER_OR_DIGIT.test(pointBefore(text, start - 1)));
}

/** Nothing after `end` ties a mention to a word: no letter, digit or mark, nor a joiner before a letter or digit. */
function freeAfter(text: string, end: number): boolean {
  const next = pointAt(text, end);
  if (next === '') return true;
  if (WORD_CHAR.test(next)) return false;
  return !(JOINERS.includes(next) && LETTER_OR_DIGIT.test(pointAt(text, end + 1)));
}

/**
 * Where the forms (in priority order: longest first) stand alone in `text`, left to right: at each offset the first
 * form that occurs there with free edges; a match that overlaps `own` (a detector's finding) is skipped and the scan
 * goes on from the next offset, any other resumes after itself. This is what one global, case-sensitive `u` regex
 * `(?<!…)(?:form1|form2|…)(?!…)` finds, without compiling one per request: a regex with Unicode property classes
 * takes about a millisecond to compile, and its source (the request's names) differs in every request.
 */
function findMentions(text: string, ordered: readonly string[], own: readonly Detection[]): Array<[number, string]> {
  const candidates: Array<[number, number]> = [];
  ordered.forEach((form, f) => {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) candidates.push([at, f]);
  });
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, string]> = [];
  let cursor = 0;
  for (const [start, f] of candidates) {
    if (start < cursor) continue;
    // A `u` regex never starts a match inside a surrogate pair (`start` its low half).
    if (start > 0 && nextIndex(text, start - 1) > start) continue;
    if (!freeBefore(text, start)) continue;
    const form = ordered[f];
    const end = start + form.length;
    if (!freeAfter(text, end)) continue;
    // Never stretch or split what a detector found: where the longest form overlaps a finding, shorter forms
    // may still match further on ("Kofi Adeyemi" over a finding "Kofi" leaves "Adeyemi" to its own form).
    if (own.some((d) => d.start < end && start < d.end)) {
      cursor = nextIndex(text, start);
      continue;
    }
    out.push([start, form]);
    cursor = end;
  }
  return out;
}

const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const HAS_LETTER = /\p{L}/u;
const EDGE_PUNCT = /^[\s.,;:!?"“”()[\]{}]+|[\s.,;:!?"“”()[\]{}]+$/gu;

interface Form {
  entity: EntityType;
  score: number;
}

/** The words of a finding's text, edge punctuation trimmed. */
function nameWords(whole: string): string[] {
  return whole.split(/\s+/u).map((w) => w.replace(EDGE_PUNCT, '')).filter(Boolean);
}

/** A word of a PERSON finding that is looked up on its own: capitalised, and no title, particle or sentence word. */
function standsAlone(word: string): boolean {
  return CAPITALISED.test(word) && !NOT_ALONE.has(word.toLowerCase().replace(/\.$/u, ''));
}

function addForm(forms: Map<string, Form>, form: string, entity: EntityType, score: number): void {
  if (form.length < 2 || !HAS_LETTER.test(form)) return;
  const seen = forms.get(form);
  if (!seen || score > seen.score) forms.set(form, { entity, score });
}

/**
 * Mention propagation: a name found once in a request is looked up again in every scanned string of the same
 * request, so that "Adeyemi" in the third chat message is removed even where its own context did not make the model
 * confident — one missed repetition of a patient's name is a leak. Only findings that already passed the policy's
 * thresholds and allow list are sources (`found`, per text). Forms looked up: the whole finding, and for PERSON each
 * of its words that starts with a capital letter and is not in `NOT_ALONE`. Matching is case-sensitive and on word
 * boundaries (no letter or digit either side, not inside an e-mail address or handle); a new finding takes the entity
 * type and score of its source form (the best one if several) and `detectorId` `analysis.mention`. A spot that overlaps
 * a finding is left to it (propagation never stretches or splits what a detector found).
 * Returns the new findings per text (the caller filters them like any finding and resolves overlaps).
 */
export function propagateMentions(
  texts: readonly string[],
  found: ReadonlyArray<readonly Detection[]>,
  entities: readonly EntityType[],
  minSourceScore = MIN_SOURCE_SCORE,
): Detection[][] {
  const out: Detection[][] = texts.map(() => []);
  if (entities.length === 0) return out;
  const forms = new Map<string, Form>();
  texts.forEach((text, i) => {
    for (const d of found[i] ?? []) {
      if (!entities.includes(d.entity) || d.detectorId === MENTION_DETECTOR_ID || d.score < minSourceScore) continue;
      const whole = text.slice(d.start, d.end).replace(EDGE_PUNCT, '');
      addForm(forms, whole, d.entity, d.score);
      if (d.entity !== 'PERSON') continue;
      for (const part of nameWords(whole)) {
        if (part !== whole && standsAlone(part)) addForm(forms, part, d.entity, d.score);
      }
    }
  });
  if (forms.size === 0) return out;
  const ordered = [...forms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, MAX_FORMS);
  texts.forEach((text, i) => {
    for (const [start, form] of findMentions(text, ordered, found[i] ?? [])) {
      const { entity, score } = forms.get(form)!;
      out[i].push({ entity, start, end: start + form.length, score, detectorId: MENTION_DETECTOR_ID });
    }
  });
  return out;
}

/** Entity types of model findings that yield to a full name they spell (see `yieldingToNames`). */
const YIELDING_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['LOCATION', 'ORGANIZATION']);

/**
 * Model findings typed LOCATION or ORGANIZATION whose text is exactly a confident multi-word PERSON finding of the same
 * request, or one of its name words (as `propagateMentions` looks them up): after "the film's director Neil Jordan",
 * the model's LOCATION "Jordan" in '" Jordan said .' is the director, and after "Cardinal Joseph Bernardin" the
 * ORGANIZATION "Bernardin" is him. A name's parts are only taken from a finding of two or more words — one confident
 * "Jordan" does not outvote the others. Only model findings (`ner.*`) yield; a pattern's address or organisation does
 * not. Per text, the findings that yield.
 */
export function yieldingToNames(
  texts: readonly string[],
  found: ReadonlyArray<readonly Detection[]>,
  minSourceScore = MIN_SOURCE_SCORE,
): Detection[][] {
  const names = new Set<string>();
  texts.forEach((text, i) => {
    for (const d of found[i] ?? []) {
      if (d.entity !== 'PERSON' || d.detectorId === MENTION_DETECTOR_ID || d.score < minSourceScore) continue;
      const whole = text.slice(d.start, d.end).replace(EDGE_PUNCT, '');
      const words = nameWords(whole);
      if (words.length < 2) continue;
      names.add(whole);
      for (const w of words) if (standsAlone(w)) names.add(w);
    }
  });
  return texts.map((text, i) =>
    names.size === 0
      ? []
      : (found[i] ?? []).filter(
          (d) => YIELDING_TYPES.has(d.entity) && d.detectorId.startsWith('ner.') && names.has(text.slice(d.start, d.end)),
        ),
  );
}

/**
 * `found` (per text, overlap-free) with the propagated mentions added: those `accept` keeps (the analyzer applies
 * thresholds and the allow list), overlaps resolved again (with `protects`, as `resolveConflicts` does). When PERSON is propagated, a model finding that yields to a
 * name (`yieldingToNames`) is left out of the lookup's way, and is replaced where an accepted PERSON mention now covers
 * exactly its span (its text stays removed either way). Texts without new mentions keep their array.
 */
export function withMentions(
  texts: readonly string[],
  found: readonly Detection[][],
  entities: readonly EntityType[],
  accept: (d: Detection, text: string) => boolean = () => true,
  protects?: (d: Detection) => boolean,
): Detection[][] {
  const yielding = entities.includes('PERSON') ? yieldingToNames(texts, found) : texts.map(() => []);
  const sources = found.map((f, i) => (yielding[i].length ? f.filter((d) => !yielding[i].includes(d)) : f));
  const extra = propagateMentions(texts, sources, entities);
  return found.map((f, i) => {
    const add = extra[i].filter((d) => accept(d, texts[i]));
    if (!add.length) return f;
    const replaced = new Set(yielding[i].filter((y) => add.some((a) => a.start === y.start && a.end === y.end)));
    return resolveConflicts([...f.filter((d) => !replaced.has(d)), ...add], protects);
  });
}
