/**
 * Where dates are found (issue 4: "whether dates are learned or left to patterns is your call; measure it").
 * phi-ner-small is trained to tag dates `O` and `pattern.date-time` finds them. This part measures both on dates
 * written the ways clinical notes, letters and chat messages write them, in sentence templates from those genres,
 * and on number-and-month-word distractors that are not dates:
 *
 * - per written form: how often `pattern.date-time` covers the whole date at the shipped policies' threshold
 *   (recall), covers part of it, and how often the model tags any part of it as an entity of any type (what the
 *   model would add if it were trusted with dates, and a check that its `O` training holds);
 * - relative dates ("three days ago") and holidays are reported apart: Safe Harbor removes the elements of dates
 *   (day, month) tied to a person, which a relative phrase does not state.
 *
 * The forms and templates are written here, not drawn from any evaluation set; a seeded generator fills them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistry, DEFAULT_MODEL_DIR } from '../src/detectors/build-registry';
import type { Detection, Detector } from '../src/detectors/types';
import { Rng } from './corpus';
import { SkipPart, log, round } from './util';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
  'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  'twenty-first', 'twenty-second', 'twenty-third', 'twenty-fourth', 'twenty-fifth', 'twenty-sixth', 'twenty-seventh',
  'twenty-eighth',
];

const pad = (n: number) => String(n).padStart(2, '0');
const sfx = (d: number) => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

interface DateParts {
  m: number;
  d: number;
  y: number;
  w: number;
}

/**
 * Written forms. `element`: states a day or month (a Safe Harbor date element), as opposed to relative phrases.
 * Brackets mark the part that must be found when words around it are not part of the date ("the [14th of
 * March]", "Tuesday, [March 14]": a weekday alone identifies no one); without brackets, all of it.
 */
const FORMS: { name: string; element: boolean; render: (p: DateParts, r: Rng) => string }[] = [
  { name: 'numeric m/d/yyyy', element: true, render: (p, r) => (r.next() < 0.5 ? `${p.m}/${p.d}/${p.y}` : `${pad(p.m)}/${pad(p.d)}/${p.y}`) },
  { name: 'numeric m/d/yy', element: true, render: (p) => `${p.m}/${p.d}/${String(p.y).slice(2)}` },
  { name: 'numeric m-d-yyyy', element: true, render: (p) => `${pad(p.m)}-${pad(p.d)}-${p.y}` },
  { name: 'ISO yyyy-mm-dd', element: true, render: (p) => `${p.y}-${pad(p.m)}-${pad(p.d)}` },
  { name: 'Month d, yyyy', element: true, render: (p, r) => `${r.next() < 0.5 ? MONTHS[p.m - 1] : MONTHS[p.m - 1].slice(0, 3)} ${p.d}, ${p.y}` },
  { name: 'd Month yyyy', element: true, render: (p, r) => (r.next() < 0.5 ? `${p.d} ${MONTHS[p.m - 1]} ${p.y}` : `${pad(p.d)}-${MONTHS[p.m - 1].slice(0, 3)}-${p.y}`) },
  { name: 'Month d (no year)', element: true, render: (p, r) => (r.next() < 0.5 ? `${MONTHS[p.m - 1]} ${p.d}` : `${MONTHS[p.m - 1].slice(0, 3)} ${p.d}${sfx(p.d)}`) },
  { name: 'm/d (no year)', element: true, render: (p) => `${p.m}/${p.d}` },
  { name: 'the dth of Month', element: true, render: (p) => `the [${p.d}${sfx(p.d)} of ${MONTHS[p.m - 1]}]` },
  { name: 'spelled ordinal', element: true, render: (p, r) => (r.next() < 0.5 ? `${MONTHS[p.m - 1]} ${ORDINAL_WORDS[p.d - 1]}` : `the [${ORDINAL_WORDS[p.d - 1]} of ${MONTHS[p.m - 1]}]`) },
  { name: 'weekday + date', element: true, render: (p, r) => (r.next() < 0.5 ? `${WEEKDAYS[p.w]}, [${MONTHS[p.m - 1]} ${p.d}]` : `${WEEKDAYS[p.w].slice(0, 3)} [${p.m}/${p.d}]`) },
  { name: 'Month yyyy', element: true, render: (p, r) => (r.next() < 0.5 ? `${MONTHS[p.m - 1]} ${p.y}` : `${pad(p.m)}/${p.y}`) },
  { name: 'ALL CAPS', element: true, render: (p, r) => (r.next() < 0.5 ? `${MONTHS[p.m - 1].toUpperCase()} ${p.d}, ${p.y}` : `${pad(p.d)}-${MONTHS[p.m - 1].slice(0, 3).toUpperCase()}-${p.y}`) },
  { name: 'lower case', element: true, render: (p, r) => (r.next() < 0.5 ? `${MONTHS[p.m - 1].toLowerCase()} ${p.d}, ${p.y}` : `${MONTHS[p.m - 1].toLowerCase()} ${p.d}${sfx(p.d)}`) },
  { name: 'relative', element: false, render: (p, r) => r.pick(['yesterday', `last ${WEEKDAYS[p.w]}`, `${r.pick(['two', 'three', 'five'])} days ago`, 'two weeks ago', `this ${WEEKDAYS[p.w]}`]) },
  { name: 'holiday', element: false, render: (_p, r) => r.pick(['Christmas Eve', 'Thanksgiving', 'New Year\'s Day', 'Easter Sunday', 'the [Fourth of July]']) },
];

/** Sentence frames from the genres the gateway sees; {D} is the date. */
const TEMPLATES = [
  'Patient was admitted on {D} with chest pain and shortness of breath.',
  'DOB: {D}',
  'Seen in clinic {D}; follow-up in 2 weeks.',
  'Her father died {D} of a stroke.',
  'i have an appointment on {D} can u move it to the afternoon',
  'Surgery is scheduled for {D} at 8:30.',
  'Labs drawn {D} were within normal limits.',
  'Last colonoscopy {D}, normal.',
  '{D} - patient called about a refill of lisinopril.',
  'Can you summarize the note from {D} for me?',
];

/** Not dates, with the letters and numbers dates are made of. */
const DISTRACTORS = [
  'Pain 3/10 at rest.',
  'BP 122/78, HR 64.',
  'Strength 4/5 in the left arm.',
  'Take 1/2 tablet at night.',
  'Updated to version 2.10.3 yesterday morning.',
  'May I have a refill?',
  'They will march in the parade.',
  'Room 12-14 is on the 3rd floor.',
  'INR 2.4, platelets 210.',
  'Scored 24/30 on the MoCA.',
  'Hydrocodone 5/325 mg every 6 hours as needed.',
  'Grew in 2 of 3 blood cultures.',
  'Invoice total 3/14 units shipped.',
  'She is 34 and works 40 hours a week.',
];

interface FormRow {
  form: string;
  element: boolean;
  n: number;
  patternFull: number;
  patternPartial: number;
  modelAny: number;
  modelTypes: Record<string, number>;
  examplesMissed: string[];
}

/** The threshold of the shipped policies (hipaa-safe-harbor, gdpr): findings below it change nothing. */
const THRESHOLD = 0.5;
const kept = (ds: Detection[]) => ds.filter((d) => d.score >= THRESHOLD);

function covers(d: Detection, s: number, e: number): boolean {
  return d.start <= s && d.end >= e;
}
function overlaps(d: Detection, s: number, e: number): boolean {
  return d.start < e && d.end > s;
}

export async function runDatesBench(opts: { quick?: boolean; modelDir?: string } = {}): Promise<Record<string, unknown>> {
  const modelDir = opts.modelDir ?? DEFAULT_MODEL_DIR;
  if (!existsSync(join(modelDir, 'config.json'))) throw new SkipPart(`${modelDir} is not there: no model to compare with`);
  const built = await buildRegistry({ modelDir, threads: 2 });
  const detectors = built.registry.list();
  const pattern = detectors.find((d) => d.id === 'pattern.date-time') as Detector;
  const model = detectors.find((d) => d.id.startsWith('ner.')) as Detector;
  const perForm = opts.quick ? 20 : 100;
  const r = new Rng(2024);

  const rows: FormRow[] = [];
  for (const form of FORMS) {
    const row: FormRow = { form: form.name, element: form.element, n: 0, patternFull: 0, patternPartial: 0, modelAny: 0, modelTypes: {}, examplesMissed: [] };
    for (let i = 0; i < perForm; i++) {
      const p = { m: r.int(1, 12), d: r.int(1, 28), y: r.int(1940, 2025), w: r.int(0, 6) };
      const marked = form.render(p, r);
      const date = marked.replace(/[[\]]/g, '');
      const tpl = TEMPLATES[i % TEMPLATES.length];
      const at = tpl.indexOf('{D}');
      const text = tpl.replace('{D}', date);
      const open = marked.indexOf('[');
      const start = at + Math.max(0, open);
      const end = open < 0 ? at + date.length : at + marked.indexOf(']') - 1;
      const [pf, mf] = (await Promise.all([pattern.detect(text, {}), model.detect(text, {})])).map(kept);
      row.n++;
      if (pf.some((d) => covers(d, start, end))) row.patternFull++;
      else {
        if (pf.some((d) => overlaps(d, start, end))) row.patternPartial++;
        if (row.examplesMissed.length < 3 && !row.examplesMissed.includes(date)) row.examplesMissed.push(date);
      }
      const hit = mf.filter((d) => overlaps(d, start, end));
      if (hit.length) {
        row.modelAny++;
        for (const h of hit) row.modelTypes[h.entity] = (row.modelTypes[h.entity] ?? 0) + 1;
      }
    }
    rows.push(row);
    log(`dates: ${form.name}: pattern ${row.patternFull}/${row.n}, model ${row.modelAny}/${row.n}`);
  }

  let patternFp = 0;
  let modelFp = 0;
  const fpExamples: string[] = [];
  for (const text of DISTRACTORS) {
    const pf = kept(await pattern.detect(text, {}));
    const mf = kept(await model.detect(text, {}));
    if (pf.length) {
      patternFp++;
      fpExamples.push(pf.map((d) => text.slice(d.start, d.end)).join(', '));
    }
    if (mf.length) modelFp++;
  }

  const sum = (xs: FormRow[], k: 'n' | 'patternFull' | 'modelAny') => xs.reduce((a, x) => a + x[k], 0);
  const elements = rows.filter((x) => x.element);
  return {
    method:
      `${perForm} dates per written form (seeded), each in one of ${TEMPLATES.length} sentence frames from clinical notes, letters and chat; ` +
      `pattern recall = a pattern.date-time finding scoring at least ${THRESHOLD} (the shipped policies' threshold) covers the whole date; ` +
      `model = ${model.id} tags any part of the date as any entity (score at least ${THRESHOLD}); ` +
      `${DISTRACTORS.length} distractor sentences (scores, doses, versions, month words as verbs)`,
    model: model.id,
    rows: rows.map((x) => ({ ...x, patternRecall: round(x.patternFull / x.n), modelRate: round(x.modelAny / x.n) })),
    dateElements: {
      n: sum(elements, 'n'),
      patternRecall: round(sum(elements, 'patternFull') / sum(elements, 'n')),
      modelRate: round(sum(elements, 'modelAny') / sum(elements, 'n')),
    },
    distractors: { n: DISTRACTORS.length, patternFalsePositives: patternFp, modelFalsePositives: modelFp, patternFalsePositiveText: fpExamples },
  };
}
