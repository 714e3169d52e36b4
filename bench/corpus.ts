/**
 * A fixed, seeded benchmark corpus: clinical notes, chat messages, e-mails and support tickets (~1 KB each, ~1 MB
 * in all) with known inserted PII values and their gold spans, plus distractors that look like PII but are not
 * (version strings, prices, times, order ids). Same seed → byte-identical corpus, on every machine.
 */

export type GoldType =
  | 'US_SSN'
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'CREDIT_CARD'
  | 'IBAN_CODE'
  | 'IP_ADDRESS'
  | 'DATE_TIME'
  | 'US_ZIP_CODE'
  | 'STREET_ADDRESS'
  | 'MEDICAL_RECORD_NUMBER'
  | 'PERSON';

export type DistractorType = 'VERSION' | 'PRICE' | 'TIME' | 'ORDER_ID';

export type Genre = 'clinical' | 'chat' | 'email' | 'ticket';

/** A value inserted into a text: `text.slice(start, end) === value`. `variant` refines the type (e.g. `intl`). */
export interface Span<T extends string> {
  type: T;
  variant?: string;
  start: number;
  end: number;
  value: string;
}

export interface CorpusText {
  id: string;
  genre: Genre;
  text: string;
  gold: Span<GoldType>[];
  distractors: Span<DistractorType>[];
}

export const CORPUS_SEED = 0x5eed2026;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32) and helpers.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------------------------------------------
// Value generators (all values valid for their type: Luhn, IBAN mod 97, SSN area rules, real phone plans).

const FIRST = [
  'Maria', 'James', 'Aisha', 'Wei', 'Olga', 'Santiago', 'Priya', 'Kwame', 'Hannah', 'Mohammed', 'Yuki', 'Liam',
  'Fatima', 'Dmitri', 'Chloe', 'Rahul', 'Ngozi', 'Lucas', 'Mei', 'Jorge', 'Sofia', 'Tomasz', 'Amara', 'Connor',
  'Leila', 'Hiroshi', 'Grace', 'Mateo', 'Ingrid', 'Tariq', 'Emily', 'Kofi', 'Ana', 'Sean', 'Zainab', 'Pierre',
];
const LAST = [
  'Gonzalez', 'Whitfield', 'Okafor', 'Zhang', 'Petrova', 'Ramirez', 'Patel', 'Mensah', 'Schneider', 'Haddad',
  'Tanaka', "O'Brien", 'Rahman', 'Ivanov', 'Dubois', 'Sharma', 'Adeyemi', 'Silva', 'Nguyen', 'Hernandez', 'Rossi',
  'Kowalski', 'Diallo', 'Murphy', 'Karimi', 'Yamamoto', 'Thompson', 'Fernandez', 'Larsen', 'Aziz', 'Walker',
  'Boateng', 'Costa', 'Kelly', 'Bello', 'Lefebvre',
];
const STREETS = ['Elm', 'Maple', 'Oak', 'Washington', 'Lincoln', 'Harbor', 'Cedar', 'Sunset', 'Park', 'Lakeview', 'Highland', 'Mill'];
const SUFFIXES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Drive', 'Dr.', 'Court'];
const CITIES: ReadonlyArray<[string, string, string]> = [
  ['Boston', 'MA', '021'], ['Springfield', 'IL', '627'], ['Austin', 'TX', '787'], ['Seattle', 'WA', '981'],
  ['Denver', 'CO', '802'], ['Atlanta', 'GA', '303'], ['Portland', 'OR', '972'], ['Madison', 'WI', '537'],
  ['Phoenix', 'AZ', '850'], ['Columbus', 'OH', '432'],
];
const DOMAINS = ['example.com', 'mail.example.org', 'clinic-example.net', 'shopwise.example', 'outlook.example.co.uk'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const US_AREA = ['617', '212', '415', '312', '206', '303', '512', '404', '713', '602', '858', '919'];

function ordinal(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return `${d}th`;
  return `${d}${['th', 'st', 'nd', 'rd'][d % 10] ?? 'th'}`;
}

function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) r = (r * 10 + Number(c)) % 97;
  }
  return r;
}

export class ValueGen {
  constructor(private readonly r: Rng) {}

  name(): string {
    return `${this.r.pick(FIRST)} ${this.r.pick(LAST)}`;
  }
  ssn(): string {
    let area = this.r.int(1, 899);
    if (area === 666) area = 667;
    const [g, s] = [this.r.int(1, 99), this.r.int(1, 9999)];
    const [a3, g2, s4] = [pad(area, 3), pad(g, 2), pad(s, 4)];
    return this.r.pick([`${a3}-${g2}-${s4}`, `${a3}-${g2}-${s4}`, `${a3}-${g2}-${s4}`, `${a3} ${g2} ${s4}`, `${a3}${g2}${s4}`]);
  }
  email(name?: string): string {
    const base = (name ?? this.name()).toLowerCase().replace(/[^a-z ]/g, '').split(' ');
    const local = this.r.pick([`${base[0]}.${base[1]}`, `${base[0][0]}${base[1]}${this.r.int(1, 99)}`, `${base[0]}_${this.r.int(10, 9999)}`]);
    return `${local}@${this.r.pick(DOMAINS)}`;
  }
  phoneUs(): string {
    const a = this.r.pick(US_AREA);
    const x = `${this.r.int(2, 9)}${this.r.digits(2)}`;
    const n = this.r.digits(4);
    return this.r.pick([`(${a}) ${x}-${n}`, `${a}-${x}-${n}`, `${a}.${x}.${n}`, `+1 ${a} ${x} ${n}`, `1-${a}-${x}-${n}`, `(${a}) ${x}-${n} ext. ${this.r.int(10, 999)}`, `${a}${x}${n}`]);
  }
  phoneIntl(): string {
    const d = (n: number) => this.r.digits(n);
    return this.r.pick([
      () => `+44 20 7${d(3)} ${d(4)}`,
      () => `+44 7700 900${d(3)}`,
      () => `+49 30 ${this.r.int(2, 9)}${d(7)}`,
      () => `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
      () => `+91 9${d(4)} ${d(5)}`,
      () => `+61 4${d(2)} ${d(3)} ${d(3)}`,
      () => `+55 11 9${d(4)}-${d(4)}`,
      () => `0044 20 7${d(3)} ${d(4)}`,
      () => `+353 87 ${d(3)} ${d(4)}`,
    ])();
  }
  creditCard(): string {
    const raw = luhnComplete(this.r.pick([`4${this.r.digits(14)}`, `5${this.r.int(1, 5)}${this.r.digits(13)}`, `3${this.r.pick(['4', '7'])}${this.r.digits(12)}`, `6011${this.r.digits(11)}`]));
    if (raw.length === 15) return this.r.chance(0.5) ? `${raw.slice(0, 4)} ${raw.slice(4, 10)} ${raw.slice(10)}` : raw;
    const sep = this.r.pick([' ', '-', '']);
    return raw.match(/.{4}/g)!.join(sep);
  }
  iban(): string {
    const up = () => String.fromCharCode(65 + this.r.int(0, 25));
    const [cc, bban] = this.r.pick([
      () => ['DE', this.r.digits(18)],
      () => ['GB', `${up()}${up()}${up()}${up()}${this.r.digits(14)}`],
      () => ['NL', `${up()}${up()}${up()}${up()}${this.r.digits(10)}`],
      () => ['FR', `${this.r.digits(10)}${this.r.digits(11)}${this.r.digits(2)}`],
      () => ['ES', this.r.digits(20)],
    ])();
    const check = pad(98 - mod97(`${bban}${cc}00`), 2);
    const iban = `${cc}${check}${bban}`;
    return this.r.chance(0.6) ? iban.match(/.{1,4}/g)!.join(' ') : iban;
  }
  ip(): string {
    if (this.r.chance(0.2)) {
      const h = () => this.r.int(1, 0xffff).toString(16);
      return this.r.chance(0.5) ? `2001:db8:${h()}:${h()}::${h()}` : `fe80::${h()}:${h()}:${h()}:${h()}`;
    }
    return `${this.r.pick([10, 172, 192, 84, 203, 51])}.${this.r.int(0, 255)}.${this.r.int(0, 255)}.${this.r.int(1, 254)}`;
  }
  date(): string {
    const y = this.r.int(1935, 2025);
    const m = this.r.int(1, 12);
    const d = this.r.int(1, 28);
    const mon = MONTHS[m - 1];
    return this.r.pick([
      `${pad(m, 2)}/${pad(d, 2)}/${y}`,
      `${m}/${d}/${y}`,
      `${mon} ${ordinal(d)}, ${y}`,
      `${pad(d, 2)}-${mon.slice(0, 3)}-${y}`,
      `${y}-${pad(m, 2)}-${pad(d, 2)}`,
      `${mon.slice(0, 3)} ${d}, ${y}`,
      `${d} ${mon} ${y}`,
      `${m}/${d}/${String(y).slice(2)}`,
      `${mon} ${d}`,
    ]);
  }
  street(): string {
    return `${this.r.int(1, 9899)} ${this.r.pick(STREETS)} ${this.r.pick(SUFFIXES)}`;
  }
  city(): [string, string, string] {
    const [c, st, z3] = this.r.pick(CITIES);
    return [c, st, `${z3}${this.r.digits(2)}`];
  }
  mrn(): string {
    return this.r.pick([this.r.digits(8), `MR-${this.r.digits(7)}`, this.r.digits(7), `${this.r.digits(3)}-${this.r.digits(5)}`]);
  }

  // Distractors.
  version(): string {
    const [a, b, c] = [this.r.int(0, 14), this.r.int(0, 30), this.r.int(0, 99)];
    return this.r.pick([`v${a}.${b}.${c}`, `${a}.${b}.${c}`, `${a}.${b}.${c}-beta.${this.r.int(1, 9)}`, `10.0.${this.r.int(17000, 22999)}.${this.r.int(100, 3999)}`, `${a}.${b}.${c}.${this.r.int(0, 9)}`]);
  }
  price(): string {
    const whole = this.r.int(1, 4999);
    const cents = pad(this.r.int(0, 99), 2);
    const w = whole >= 1000 ? `${Math.floor(whole / 1000)},${pad(whole % 1000, 3)}` : String(whole);
    return this.r.pick([`$${w}.${cents}`, `$${whole}`, `€${whole},${cents}`, `USD ${w}.${cents}`, `£${whole}.${cents}`]);
  }
  time(): string {
    const h = this.r.int(0, 23);
    const m = pad(this.r.int(0, 59), 2);
    const h12 = ((h + 11) % 12) + 1;
    return this.r.pick([`${pad(h, 2)}:${m}`, `${h12}:${m} ${h < 12 ? 'am' : 'pm'}`, `${pad(h, 2)}:${m}:${pad(this.r.int(0, 59), 2)}`, `${h12}:${m} ${h < 12 ? 'AM' : 'PM'}`]);
  }
  orderId(): string {
    return this.r.pick([`#A${this.r.digits(2)}-${this.r.digits(6)}`, `ORD-${this.r.int(2019, 2026)}-${this.r.digits(6)}`, `SO-${this.r.digits(8)}`, `#${this.r.digits(7)}`, `INV${this.r.digits(9)}`]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text builder: literal text, gold values and distractors appended in order, offsets tracked.

class Builder {
  private out = '';
  readonly gold: Span<GoldType>[] = [];
  readonly distractors: Span<DistractorType>[] = [];

  t(s: string): this {
    this.out += s;
    return this;
  }
  p(type: GoldType, value: string, variant?: string): this {
    this.gold.push({ type, ...(variant ? { variant } : {}), start: this.out.length, end: this.out.length + value.length, value });
    this.out += value;
    return this;
  }
  d(type: DistractorType, value: string): this {
    this.distractors.push({ type, start: this.out.length, end: this.out.length + value.length, value });
    this.out += value;
    return this;
  }
  /** Append through a helper that writes several parts (e.g. street + city + ZIP). */
  call<A extends unknown[]>(f: (b: Builder, ...args: A) => unknown, ...args: A): this {
    f(this, ...args);
    return this;
  }
  get length(): number {
    return this.out.length;
  }
  get text(): string {
    return this.out;
  }
}

type Sentence = (b: Builder, v: ValueGen, r: Rng) => void;

const phone = (b: Builder, v: ValueGen, r: Rng) => (r.chance(0.6) ? b.p('PHONE_NUMBER', v.phoneUs(), 'us') : b.p('PHONE_NUMBER', v.phoneIntl(), 'intl'));
const address = (b: Builder, v: ValueGen) => {
  const [city, st, zip] = v.city();
  b.p('STREET_ADDRESS', v.street()).t(`, ${city}, ${st} `).p('US_ZIP_CODE', zip);
};

const CLINICAL: Sentence[] = [
  (b, v) => b.t('Patient ').p('PERSON', v.name()).t(' (MRN: ').p('MEDICAL_RECORD_NUMBER', v.mrn()).t(') was seen on ').p('DATE_TIME', v.date()).t(' for follow-up of type 2 diabetes. '),
  (b, v) => b.t('DOB: ').p('DATE_TIME', v.date()).t('. Home address: ').call(address, v).t('. '),
  (b, v, r) => b.t('Preferred contact number ').call(phone, v, r).t('; patient portal e-mail ').p('EMAIL_ADDRESS', v.email()).t('. '),
  (b, v) => b.t('Billing: SSN ').p('US_SSN', v.ssn()).t(' on file, insurance verified. '),
  (b, v) => b.t('BP 132/84, HR 78, afebrile. Labs drawn at ').d('TIME', v.time()).t(', A1c 7.9%, LDL 112 mg/dL. '),
  (b, v) => b.t('Referred by Dr. ').p('PERSON', v.name()).t(' for ophthalmology screening; follow-up in 6 weeks. '),
  (b, v) => b.t('Metformin 500 mg twice daily, lisinopril 10 mg daily; pharmacy copay ').d('PRICE', v.price()).t('. '),
  (b, v) => b.t('Glucose monitor firmware updated to ').d('VERSION', v.version()).t(' during the visit. '),
  (b, v) => b.t('Pharmacy order ').d('ORDER_ID', v.orderId()).t(' is ready for pickup. '),
  (b, v, r) => b.t('Emergency contact: ').p('PERSON', v.name()).t(` (${r.pick(['daughter', 'husband', 'mother', 'son', 'wife'])}), `).call(phone, v, r).t('. '),
  (b, v) => b.t('Medical record number ').p('MEDICAL_RECORD_NUMBER', v.mrn()).t(' was merged with a duplicate chart. '),
  (b) => b.t('Assessment: diabetes mellitus with mild nonproliferative retinopathy; continue current regimen and diet counselling. '),
  (b, v) => b.t('Next appointment ').p('DATE_TIME', v.date()).t(' at ').d('TIME', v.time()).t(' with the diabetes educator. '),
];

const CHAT: Sentence[] = [
  (b, v) => b.t('hi, my name is ').p('PERSON', v.name()).t(' and my card ').p('CREDIT_CARD', v.creditCard()).t(' got charged twice\n'),
  (b, v) => b.t('can you resend the invoice to ').p('EMAIL_ADDRESS', v.email()).t('? it was order ').d('ORDER_ID', v.orderId()).t('\n'),
  (b, v) => b.t("i'm on app version ").d('VERSION', v.version()).t(' and it crashes every day around ').d('TIME', v.time()).t('\n'),
  (b, v) => b.t('they asked for my ssn, it is ').p('US_SSN', v.ssn()).t(' is that safe?\n'),
  (b, v, r) => b.t('just call me at ').call(phone, v, r).t(', easier than typing\n'),
  (b, v) => b.t('it cost ').d('PRICE', v.price()).t(' which is way more than last month\n'),
  (b, v) => b.t('the vpn shows my address as ').p('IP_ADDRESS', v.ip()).t(', is that right?\n'),
  (b, v) => b.t('assistant: I can help with that. Could you confirm the date of birth on the account?\n'),
  (b, v) => b.t('born ').p('DATE_TIME', v.date()).t(', and the account is under my husband ').p('PERSON', v.name()).t('\n'),
  (b, v) => b.t('please ship it to ').call(address, v).t(' not the old place\n'),
  (b) => b.t('assistant: Thanks. I have updated the ticket; anything else I can do today?\n'),
  (b, v) => b.t('refund it to my bank, IBAN ').p('IBAN_CODE', v.iban()).t(' thanks\n'),
];

const EMAIL_BODY: Sentence[] = [
  (b, v) => b.t('Please wire the refund to IBAN ').p('IBAN_CODE', v.iban()).t(' at your earliest convenience.\n'),
  (b, v) => b.t('My new mailing address is ').call(address, v).t(', effective immediately.\n'),
  (b, v) => b.t('The meeting moved to ').p('DATE_TIME', v.date()).t(' at ').d('TIME', v.time()).t('; the room booking costs ').d('PRICE', v.price()).t('.\n'),
  (b, v) => b.t('I paid with the card ending in the number ').p('CREDIT_CARD', v.creditCard()).t(', please check.\n'),
  (b, v) => b.t('Attached is the quote for order ').d('ORDER_ID', v.orderId()).t(' (total ').d('PRICE', v.price()).t(').\n'),
  (b, v) => b.t('Our portal still runs release ').d('VERSION', v.version()).t(", so the form may look different.\n"),
  (b, v) => b.t('You can also reach my colleague ').p('PERSON', v.name()).t(' at ').p('EMAIL_ADDRESS', v.email()).t('.\n'),
  (b) => b.t('Thank you for your patience while we sort this out; I know it has taken longer than expected.\n'),
  (b, v) => b.t('For the tax form they need my social security number: ').p('US_SSN', v.ssn()).t('.\n'),
];

const TICKET: Sentence[] = [
  (b, v) => b.t('Customer ').p('PERSON', v.name()).t(' reports login failures from ').p('IP_ADDRESS', v.ip()).t(' since ').p('DATE_TIME', v.date()).t('. '),
  (b, v) => b.t('Client version ').d('VERSION', v.version()).t(', server build ').d('VERSION', v.version()).t('. '),
  (b, v) => b.t('Refund of ').d('PRICE', v.price()).t(' for order ').d('ORDER_ID', v.orderId()).t(' approved at ').d('TIME', v.time()).t('. '),
  (b, v) => b.t('Card on file ').p('CREDIT_CARD', v.creditCard()).t(' was declined twice. '),
  (b, v, r) => b.t('Callback requested at ').call(phone, v, r).t(' after ').d('TIME', v.time()).t('. '),
  (b, v) => b.t('Requests came from ').p('IP_ADDRESS', v.ip()).t(' and ').p('IP_ADDRESS', v.ip()).t(' within a minute. '),
  (b, v) => b.t('Contact e-mail ').p('EMAIL_ADDRESS', v.email()).t(' bounced; shipping address ').call(address, v).t('. '),
  (b) => b.t('Steps to reproduce: open settings, toggle sync, restart the app. Expected: data kept. Actual: data lost. '),
  (b, v) => b.t('Escalated to ').p('PERSON', v.name()).t(' (tier 2). '),
];

function header(g: Genre, b: Builder, v: ValueGen, r: Rng): void {
  if (g === 'clinical') b.t(`PROGRESS NOTE — ${r.pick(['Endocrinology', 'Family Medicine', 'Cardiology'])}\n`);
  else if (g === 'email') {
    const from = v.name();
    b.t('From: ').p('PERSON', from).t(' <').p('EMAIL_ADDRESS', v.email(from)).t('>\nTo: support@shopwise.example\nDate: ').p('DATE_TIME', v.date()).t('\nSubject: ')
      .t(r.pick(['Refund request', 'Change of address', 'Question about my order', 'Invoice'])).t('\n\nHello,\n\n');
  } else if (g === 'ticket') b.t(`[${r.pick(['P1', 'P2', 'P3'])}] Ticket ${r.pick(['billing', 'login', 'shipping'])} issue\n`);
  else b.t('user: ');
}

function footer(g: Genre, b: Builder, v: ValueGen, r: Rng): void {
  if (g === 'email') b.t('\nBest regards,\n').p('PERSON', v.name()).t('\n').call(phone, v, r).t('\n');
}

function shuffle<T>(xs: T[], r: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const SENTENCES: Record<Genre, Sentence[]> = { clinical: CLINICAL, chat: CHAT, email: EMAIL_BODY, ticket: TICKET };
const GENRES: Genre[] = ['clinical', 'chat', 'email', 'ticket'];

/** One ~1 KB text of a genre. */
function makeText(id: string, g: Genre, r: Rng, target: number): CorpusText {
  const v = new ValueGen(r);
  const b = new Builder();
  header(g, b, v, r);
  // Draw sentences from a shuffled bag, refilled when empty, so a text rarely repeats a sentence.
  const pool = SENTENCES[g];
  let bag: Sentence[] = [];
  while (b.length < target) {
    if (bag.length === 0) bag = shuffle([...pool], r);
    bag.pop()!(b, v, r);
  }
  footer(g, b, v, r);
  return { id, genre: g, text: b.text, gold: b.gold, distractors: b.distractors };
}

/** The corpus: `count` texts of 800–1250 characters, genres in rotation. Deterministic for a given seed. */
export function buildCorpus(opts: { seed?: number; count?: number } = {}): CorpusText[] {
  const r = new Rng(opts.seed ?? CORPUS_SEED);
  const count = opts.count ?? 1000;
  const out: CorpusText[] = [];
  for (let i = 0; i < count; i++) out.push(makeText(`t${pad(i, 4)}`, GENRES[i % GENRES.length], r, r.int(800, 1150)));
  return out;
}

/** A ~1 KB chat-completions request body holding PII in several messages (for the HTTP bench). */
export function chatBody(seed = CORPUS_SEED): { body: string; values: Record<string, string> } {
  const r = new Rng(seed ^ 0x1234);
  const v = new ValueGen(r);
  const [name, ssn, email, phoneNo, card] = [v.name(), v.ssn(), v.email(), v.phoneUs(), v.creditCard()];
  const [city, st, zip] = v.city();
  const street = v.street();
  const doc = {
    model: 'gpt-4o-mini',
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'You are a helpful assistant for a clinic front desk. Answer briefly and never repeat identifiers back.' },
      { role: 'user', content: `Hi, this is ${name}. I need to move my appointment; my SSN is ${ssn} and the portal will not let me log in.` },
      { role: 'assistant', content: 'I can help with that. Could you confirm your contact details and the date you would prefer?' },
      {
        role: 'user',
        content:
          `Sure: e-mail ${email}, phone ${phoneNo}. I moved to ${street}, ${city}, ${st} ${zip}. ` +
          `The copay of $45.00 was charged to ${card} twice (app version 4.12.0). Any day after March 3rd, 2025 works, ideally after 2:30 pm.`,
      },
    ],
  };
  // Pad the system prompt with neutral sentences to ~1 KB, deterministically.
  const filler = ' Keep replies under three sentences and offer a nurse callback when symptoms are mentioned.';
  let body = JSON.stringify(doc);
  while (Buffer.byteLength(body) + filler.length <= 1024) {
    doc.messages[0].content += filler;
    body = JSON.stringify(doc);
  }
  const values: Record<string, string> = { PERSON: name, US_SSN: ssn, EMAIL_ADDRESS: email, PHONE_NUMBER: phoneNo, CREDIT_CARD: card, STREET_ADDRESS: street, US_ZIP_CODE: zip };
  return { body, values };
}
