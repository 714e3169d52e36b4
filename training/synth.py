"""Synthetic PHI corpus: clinical notes, discharge summaries, referral letters, patient e-mails and chat messages
to an assistant, with character-offset gold spans (PER / LOC / ORG).

Held-out split: built from TEMPLATES the training split never sees (every 5th template of each domain) and from
names held out of the training name lists (every name token in any spelling, 1 in 5 by a stable hash: name_split),
so it measures generalisation, not recall of memorised strings. Each person span records its name origin, which the
bias check uses.

    python3 synth.py OUT_DIR [--seed 13] [--train-docs 4000] [--heldout-docs 600] [--generated-names SHARE]
                     [--lists names|0.4.2]

--lists 0.4.2 (build.sh's default, PHI_CORPUS): the corpus 0.4.2 was trained on, the shipped 0.4.3's weights, drawn
again byte for byte: each hand list's first 50 names (40 European; names.LISTS_042), names held out by string
(is_heldout_name) instead of by key, and persons a space apart across a template boundary merged into one span as
they were then. --lists names (the default here): the longer lists, held out by key (name_split).

--generated-names SHARE (0-1, default 0): in the training split only, that share of the first names and surnames of the
hand-listed origins is replaced by new names generated from the list's character bigrams (names.NameMarkov), never one
that the held-out rule would hold out. Measured at 0.4 for 0.4.1 (not shipped; see the model card). The held-out and
bias sets do not change with it.
writes OUT_DIR/synth_train.jsonl, synth_heldout.jsonl, bias.jsonl   ({"text", "spans": [[start, end, type, origin]],
"domain", "templates": [[start, end, "domain:index"]]}: the text each rendered template covers, index into
TEMPLATES[domain], so held-out scores can be resampled by template, the unit a held-out split generalises over)
"""
import csv
import hashlib
import json
import os
import random
import re
import sys
import unicodedata

from names import LISTS_042, NameMarkov, origin_lists

DATA = os.environ.get("PHI_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))




# name particles: shared by many names, so they say nothing about which name it is ("Al-Rashid", "van den Berg")
PARTICLES = {"al", "el", "abu", "bin", "ibn", "de", "del", "la", "da", "di", "dos", "das", "du", "le", "van", "von",
             "den", "der"}


def name_keys(s):
    """The tokens that identify a name in any spelling: its letter runs in lower case without accents, particles and
    single letters (initials, the O of O'Brien) dropped unless nothing else is left ("Raúl" and "RAUL" -> raul;
    "Al-Rashid" -> rashid; "Le" -> le)."""
    toks = re.findall(r"[^\W\d_]+", strip_accents(s).lower())
    return [t for t in toks if len(t) > 1 and t not in PARTICLES] or toks


def held_out_key(key):
    return int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 5 == 0


def name_split(s):
    """Which split may use name s: "heldout" when every key is held out (1 in 5 keys, by a stable hash), "train" when
    none is, None (neither) when it mixes both. Deciding by key rather than by string keeps every spelling of a held-out
    name token out of the training split: accents stripped ("Raúl" -> "Raul"), a first name inside a surname
    ("Rashid", "Al-Rashid"), the same name in two origins' lists ("Lee", "Fernando")."""
    held = {held_out_key(k) for k in name_keys(s)}
    return None if len(held) != 1 else ("heldout" if held == {True} else "train")


def is_heldout_name(s):
    """0.4.2's held-out rule (--lists 0.4.2): the key hash on the whole string, so other spellings of a held-out name
    can reach training."""
    return held_out_key(s)


LISTS = ("names", "0.4.2")


def load_census(path, top):
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts and len(out) < top:
                out.append(parts[0].capitalize())
    return out


def fix_census_surname(s):
    # MCDONALD -> McDonald, OBRIEN stays Obrien (Census drops apostrophes)
    if s.startswith("Mc") and len(s) > 3:
        return "Mc" + s[2:].capitalize()
    return s


class Pools:
    def __init__(self, heldout, generated_share=0.0, lists="names"):
        assert lists in LISTS, lists
        g = os.path.join(DATA, "gazetteers")
        first = load_census(os.path.join(g, "us-census-1990-names", "dist.male.first"), 600) + \
            load_census(os.path.join(g, "us-census-1990-names", "dist.female.first"), 1200)
        last = [fix_census_surname(s) for s in load_census(os.path.join(g, "us-census-1990-names", "dist.all.last"), 8000)]
        groups = {"us_census": (first, last)}
        hand = origin_lists()
        # which names each split may use, and which generated names training refuses (self.refuse)
        if lists == "0.4.2":
            hand = {k: (f[:LISTS_042.get(k, 50)], la[:LISTS_042.get(k, 50)]) for k, (f, la) in hand.items()}
            keep = lambda s: is_heldout_name(s) == heldout  # noqa: E731
            self.refuse = is_heldout_name
        else:
            side = "heldout" if heldout else "train"
            keep = lambda s: name_split(s) == side  # noqa: E731
            self.refuse = not_training
        groups.update(hand)
        self.names = {k: ([x for x in f if keep(x)], [x for x in s if keep(x)]) for k, (f, s) in groups.items()}
        # training split only: new names generated from each hand list (character bigrams); any the held-out rule
        # could hold out is refused (self.refuse). The held-out and bias sets keep list names.
        self.generated_share = generated_share
        self.generated = None if heldout or generated_share <= 0 else {
            k: (NameMarkov(f), NameMarkov(s)) for k, (f, s) in self.names.items() if k != "us_census"}
        cities, regions, countries = [], set(), set()
        us_cities = []
        with open(os.path.join(g, "world-cities", "world-cities.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                cities.append(row["name"])
                if row["country"] == "United States":
                    us_cities.append((row["name"], row["subcountry"]))
                regions.add(row["subcountry"])
                countries.add(row["country"])
        self.cities = cities
        self.us_cities = us_cities
        self.countries = sorted(countries)
        self.regions = sorted(r for r in regions if r)

    def person(self, rng, origin=None):
        if origin is None:
            origin = "us_census" if rng.random() < 0.35 else rng.choice([k for k in self.names if k != "us_census"])
        f, s = self.names[origin]
        first, last = rng.choice(f), rng.choice(s)
        if self.generated and origin in self.generated:
            gen_first, gen_last = self.generated[origin]
            if rng.random() < self.generated_share:
                first = gen_first.sample(rng, self.refuse) or first
            if rng.random() < self.generated_share:
                last = gen_last.sample(rng, self.refuse) or last
        if origin in ("hispanic", "european", "slavic") and rng.random() < 0.3:
            first, last = strip_accents(first), strip_accents(last)
        if origin == "hispanic" and rng.random() < 0.2:
            last = last + " " + rng.choice(s)
        return first, last, origin


def not_training(s):
    return name_split(s) != "train"


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


US_STATES = ("Alabama AL|Alaska AK|Arizona AZ|Arkansas AR|California CA|Colorado CO|Connecticut CT|Delaware DE|"
             "Florida FL|Georgia GA|Hawaii HI|Idaho ID|Illinois IL|Indiana IN|Iowa IA|Kansas KS|Kentucky KY|"
             "Louisiana LA|Maine ME|Maryland MD|Massachusetts MA|Michigan MI|Minnesota MN|Mississippi MS|Missouri MO|"
             "Montana MT|Nebraska NE|Nevada NV|New Hampshire NH|New Jersey NJ|New Mexico NM|New York NY|"
             "North Carolina NC|North Dakota ND|Ohio OH|Oklahoma OK|Oregon OR|Pennsylvania PA|Rhode Island RI|"
             "South Carolina SC|South Dakota SD|Tennessee TN|Texas TX|Utah UT|Vermont VT|Virginia VA|Washington WA|"
             "West Virginia WV|Wisconsin WI|Wyoming WY").split("|")
STATE_ABBR = {" ".join(s.split()[:-1]): s.split()[-1] for s in US_STATES}
STREET_NAMES = ("Oak Maple Pine Cedar Elm Washington Lincoln Jefferson Madison Park Lake Hill Sunset Highland Main "
                "Church Mill River Spring Valley Forest Meadow Ridge Franklin Jackson Adams Grant Chestnut Walnut "
                "Willow Birch Magnolia Cherry Harbor Bay Union Market Broad Center School College Academy Prospect "
                "Liberty Pleasant Fairview Woodland Orchard Greenwood Kingston Wilshire Beacon Marlborough").split()
ORDINAL = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "12th", "21st", "42nd", "53rd"]
STREET_SUF = ["Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive",
              "Dr.", "Court", "Ct", "Place", "Way", "Terrace", "Parkway", "Circle", "Highway"]
SAINTS = "Mary Joseph Luke John Francis Vincent Jude Anne Elizabeth Catherine Michael Patrick Peter Paul Clare".split()
HOSP_PAT = ["{city} General Hospital", "{city} Medical Center", "St. {saint}'s Hospital", "Saint {saint} Medical Center",
            "{surname} Memorial Hospital", "{city} Children's Hospital", "University of {city} Medical Center",
            "{city} Regional Medical Center", "Mercy Hospital {city}", "{surname} Community Hospital",
            "{city} Veterans Affairs Medical Center", "{surname}-{surname2} Hospital", "Good Samaritan Hospital",
            "{city} Cancer Institute", "{city} Heart Institute", "{state} University Hospital",
            "{city} Rehabilitation Hospital", "{surname} Health System", "{city} Behavioral Health Center"]
CLINIC_PAT = ["{surname} Family Clinic", "{city} Cardiology Associates", "{city} Women's Health",
              "{surname} Pediatrics", "{city} Urgent Care", "{surname} & {surname2} Orthopedics",
              "{city} Dermatology Group", "{surname} Eye Center", "{city} Dialysis Center", "{city} Primary Care",
              "{surname} Internal Medicine", "{city} Sleep Clinic", "{city} Physical Therapy"]
EMP_PAT = ["{surname} & {surname2} LLP", "{word} Logistics Inc.", "{word} Technologies", "{surname} Construction",
           "{city} Public Schools", "{word}{word2} Systems", "{surname} Manufacturing Co.", "{word} Foods Corp.",
           "{city} Police Department", "{city} Fire Department", "{surname} Law Group", "{word} Bank",
           "{word} Insurance Company", "{surname} Brothers Trucking", "{word} Capital LLC", "{city} Transit Authority",
           "{word} Airlines", "{surname} Dental Partners", "{word} Retail Group", "{word} Software Ltd",
           "Amazon", "Walmart", "Target", "Google", "Microsoft", "Kaiser Permanente", "FedEx", "UPS", "Home Depot",
           "Starbucks", "IBM", "Wells Fargo", "Delta Air Lines", "the {city} Unified School District"]
INS_PAT = ["Blue Cross Blue Shield of {state}", "{word} Health Plan", "Aetna", "Cigna", "UnitedHealthcare",
           "Humana", "{state} Medicaid", "Medicare", "{word} Mutual Insurance"]
PHARM_PAT = ["CVS Pharmacy", "Walgreens", "Rite Aid", "{city} Pharmacy", "{surname}'s Drug Store", "Costco Pharmacy"]
SCHOOL_PAT = ["{surname} Elementary School", "{city} High School", "{surname} Middle School",
              "University of {state}", "{city} Community College", "{state} State University"]
WORDS = ("Summit Apex Blue Green Pioneer Liberty Eagle Horizon Atlas Northstar Evergreen Keystone Granite Silver "
         "Harbor Pacific Atlantic Midwest Sterling Vertex Cascade Redwood Sunrise Frontier Beacon Crescent Orion").split()
DRUGS = ("metformin lisinopril atorvastatin amlodipine metoprolol omeprazole albuterol gabapentin sertraline "
         "levothyroxine warfarin apixaban insulin glargine prednisone amoxicillin furosemide hydrochlorothiazide "
         "losartan tramadol acetaminophen ibuprofen").split()
CONDS = ["type 2 diabetes", "hypertension", "COPD", "asthma", "atrial fibrillation", "congestive heart failure",
         "chronic kidney disease", "major depressive disorder", "pneumonia", "a urinary tract infection", "migraine",
         "hypothyroidism", "osteoarthritis", "cellulitis", "a left hip fracture", "acute pancreatitis", "sepsis",
         "an NSTEMI", "anemia", "GERD", "a COVID-19 infection", "Parkinson's disease", "Crohn's disease"]
PROCS = ["a colonoscopy", "an MRI of the lumbar spine", "a CT scan of the chest", "an echocardiogram",
         "knee replacement surgery", "a cardiac catheterization", "physical therapy", "a sleep study",
         "an upper endoscopy", "a mammogram", "cataract surgery", "a stress test"]
RELATIONS = ["wife", "husband", "daughter", "son", "mother", "father", "sister", "brother", "partner", "niece",
             "nephew", "grandson", "granddaughter", "neighbor", "caregiver", "aunt", "uncle", "fiancé", "roommate"]
MONTHS = "January February March April May June July August September October November December".split()
CREDS = ["MD", "M.D.", "DO", "NP", "PA-C", "RN", "MD, PhD", "FACC"]

# Templates by domain. Slots: {PAT} patient (any format), {PATF} patient first name, {PATL} "Mr./Ms. Last",
# {PATU} "LAST, FIRST", {DOC} "Dr. Last"/"Dr. First Last", {DOCN} "First Last, MD", {REL} relative name,
# {RELF} relative first name, {RELATION}, {HOSP}, {CLINIC}, {EMP}, {INS}, {PHARM}, {SCHOOL}, {CITY}, {STATE},
# {COUNTRY}, {STREET}, {ADDR}, {AGE}, {DATE}, {PHONE}, {MRN}, {EMAIL}, {DRUG}, {COND}, {PROC}, {SEX}, {TIME}, {NUM}
TEMPLATES = {
    "note": [
        "{PAT} is a {AGE}-year-old {SEX} with a history of {COND} who presents to the {HOSP} emergency department.",
        "Patient seen today by {DOC} for follow-up of {COND}.",
        "{PATL} reports that her {RELATION} {REL} has been helping with medications at home in {CITY}.",
        "She works as a cashier at {EMP} and lives with her {RELATION}.",
        "He was transferred from {HOSP} to {HOSP2} on {DATE} for further management.",
        "Pt {PAT} c/o chest pain x 2 days, denies SOB.",
        "Spoke with {RELF}, patient's {RELATION}, by phone at {PHONE}; she agrees with the plan.",
        "Plan discussed with attending {DOCN}.",
        "{PATF} was started on {DRUG} and will follow up with {DOC} at {CLINIC} in two weeks.",
        "Social history: lives alone in an apartment on {STREET} in {CITY}, {STATE}. Retired from {EMP}.",
        "Patient {PATF} {PATLAST} presented with {COND}; case discussed with {DOC} of cardiology.",
        "Previously followed by {DOC} in {CITY} before moving to {CITY2} last year.",
        "Seen in clinic with her {RELATION}, {REL}, who provides most of the history.",
        "Outside records from {HOSP} reviewed; {PROC} on {DATE} was unremarkable.",
        "{PATL} is an employee of {EMP} and was injured at work on {DATE}.",
        "Recently returned from a trip to {COUNTRY}; denies fever.",
        "Emergency contact: {REL} ({RELATION}) {PHONE}.",
        "Case reviewed with {DOC} and {DOC2}; recommend {PROC}.",
        "{PAT} tolerated {PROC} well, no complications. Discharged to home with {RELATION}.",
        "Pharmacy: {PHARM} on {STREET}, {CITY}.",
        "Mr. {PATLAST} was seen at bedside this morning; wife {RELF} present.",
        "Insurance: {INS}. PCP: {DOC} at {CLINIC}.",
        "Nursing note: {PATF} ambulated in the hallway with assistance from {NURSE}, RN.",
        "Daughter {RELF} {PATLAST} called asking about discharge time.",
        "Patient is a student at {SCHOOL} and lives with parents in {CITY}.",
    ],
    "discharge": [
        "DISCHARGE SUMMARY\nPatient: {PATU}\nMRN: {MRN}\nAdmission date: {DATE}\nAttending: {DOCN}",
        "Name: {PAT}    DOB: {DATE}    Hospital: {HOSP}",
        "Discharging physician: {DOCN}\nPrimary care provider: {DOC}, {CLINIC}, {CITY}, {STATE}",
        "Hospital course: {PATL} was admitted to {HOSP} with {COND} and treated with {DRUG}.",
        "Disposition: discharged home to {ADDR} with her {RELATION} {REL}.",
        "Follow-up: {DOC} at {CLINIC} within 1 week. Call {PHONE} with questions.",
        "Discharge medications were sent to {PHARM} in {CITY}.",
        "Patient {PATU} was transferred to {HOSP} rehabilitation unit on {DATE}.",
        "cc: {DOCN}; {DOCN2}",
        "Admitted: {DATE} Discharged: {DATE2} Service: Medicine Attending: {DOC}",
        "Consults: cardiology ({DOC}), nephrology ({DOC2}).",
        "Condition at discharge: stable. {PATF} will stay with {RELATION} {REL} in {CITY} for two weeks.",
        "PATIENT NAME: {PATU}\nACCOUNT #: {MRN}\nFACILITY: {HOSP}",
        "Dictated by: {DOCN} Transcribed by: {NURSE} Date: {DATE}",
        "Home address: {ADDR}. Employer: {EMP}.",
    ],
    "referral": [
        "Dear {DOC},\nI am referring {PAT}, a {AGE}-year-old {SEX}, for evaluation of {COND}.",
        "Thank you for seeing {PATL} at {CLINIC}.",
        "Sincerely,\n{DOCN}\n{CLINIC}\n{ADDR}",
        "{PATF} has been my patient at {CLINIC} since {YEAR}.",
        "I would appreciate your assessment regarding {PROC}. {PATF}'s {RELATION}, {REL}, can be reached at {PHONE}.",
        "Re: {PAT}, DOB {DATE}, MRN {MRN}",
        "Please send your report to {DOC} at {HOSP}, {CITY}, {STATE}.",
        "To: {DOC}, {HOSP}\nFrom: {DOCN}, {CLINIC}\nRe: {PATU}",
        "The patient recently moved from {CITY} to {CITY2} and needs a new {SPECIALTY}.",
        "{PAT} works for {EMP} and is requesting an appointment after 5 pm.",
        "Kind regards,\n{DOCN}\nDepartment of Medicine, {HOSP}",
        "I saw {PATL} today together with {DOC2}, who agrees that {PROC} is indicated.",
        "Insurance information: {INS}, member ID {MRN}.",
        "Dear Colleague,\n{PATF} {PATLAST} was seen at our clinic in {CITY} on {DATE}.",
        "Yours faithfully,\n{DOC}\nconsultant, {HOSP}",
    ],
    "email": [
        "Hi {DOC},\nThis is {PAT}. I wanted to ask about my {DRUG} dose.",
        "Thanks,\n{PATF}",
        "Hello, my {RELATION} {REL} was seen at {HOSP} yesterday and we haven't heard back about the results.",
        "Dear Dr. {DOCLAST}, I am writing on behalf of my {RELATION}, {REL}.",
        "Could you please fax the records to {CLINIC} in {CITY}? Their number is {PHONE}.",
        "Best regards,\n{PAT}\n{STREET}\n{CITY}, {STATE_ABBR} {ZIP}",
        "I will be travelling to {COUNTRY} next month, is it ok to stop {DRUG} for a week?",
        "My employer, {EMP}, needs a note saying I was out sick from {DATE} to {DATE2}.",
        "{DOC}'s office told me to email you. My name is {PAT} and my date of birth is {DATE}.",
        "From: {PAT} <{EMAIL}>\nTo: {CLINIC} Front Desk\nSubject: appointment",
        "Sorry for the late reply - {RELF} and I were in {CITY} for the week.",
        "Please let {NURSE} know that I picked up the prescription at {PHARM}.",
        "Hi there, I'm {PATF}'s {RELATION}. He has an appointment with {DOC} on {DATE} but can't make it.",
        "Sent from my iPhone\n\n-- \n{PAT}\n{EMP}",
        "Warmly, {PATF} {PATLAST} ({PHONE})",
    ],
    "chat": [
        "can you help me write a letter to {DOC} about my {RELATION} {REL}?",
        "my name is {PAT} and i live in {CITY}, what clinics are near me",
        "Summarize this note: {PAT} was seen at {HOSP} for {COND}.",
        "hey, my boss at {EMP} wants a doctor's note, can you draft one for {PATF}?",
        "I'm {PATF}, 34, just moved to {CITY} from {COUNTRY}. How do I find a GP?",
        "write an email to {REL} telling her I'll be discharged from {HOSP} on friday",
        "is it normal that {DOC} prescribed {DRUG} for {COND}?",
        "translate to spanish: my {RELATION} {REL} has an appointment at {CLINIC} tomorrow",
        "My son {RELF} goes to {SCHOOL}. Can you write to his teacher {TEACHER} that he was sick?",
        "draft a complaint to {HOSP} about how they treated my mother {REL}",
        "what should I ask {DOC} at my appointment at {CLINIC}?",
        "remind me to call {REL} at {PHONE} about mom's meds",
        "i work at {EMP} in {CITY}, does {INS} cover {PROC}?",
        "Please rewrite: 'Patient {PATU}, seen by {DOC}, lives at {ADDR}.'",
        "My friend {REL} recommended {DOC} at {HOSP}, is she good?",
        "ok so {RELF} said the {CITY} office of {EMP} is closing",
        "who is {PAT}? she keeps messaging me from {CITY}",
        "Fill in this form: name {PAT}, address {ADDR}, employer {EMP}",
        "help me reply to {DOC}: thanks for seeing {RELF} last week",
        "{PATF} here again. the pharmacy ({PHARM}) says the prescription from {DOC} expired",
    ],
    # support tickets, CRM and claims notes: customers, agents and employers outside a clinic
    "ticket": [
        "Customer {PAT} wrote in because the online portal logs her out after every payment.",
        "Ticket #{NUM} opened by {PAT} ({EMAIL}): card declined at checkout.",
        "Caller {PATF} {PATLAST} from {CITY} asked to update the mailing address to {ADDR}.",
        "Agent {NURSE} escalated the claim for {PATL} to the billing team.",
        "Member {PATU} called about a denied claim from {HOSP}; {INS} needs the itemized bill.",
        "Account holder: {PAT}\nPhone: {PHONE}\nEmployer: {EMP}",
        "{PAT} says the refund for order {MRN} never arrived; spoke with her {RELATION} {REL} as well.",
        "Per {PATF}, the package was left at the wrong door on {STREET} in {CITY}.",
        "Resolved by {NURSE}: reset password for {PATL} and confirmed the new email {EMAIL}.",
        "Complaint from {PAT}, a client since {YEAR}, about the branch in {CITY}.",
        "User {PATF} {PATLAST} cannot access benefits through {EMP}'s HR portal.",
        "Callback requested: {PAT} at {PHONE} after 3 pm. Notes by {NURSE}.",
        "{PATL} wants to add her {RELATION} {REL} as an authorized user on the account.",
        "Claimant {PAT} was treated at {HOSP} after a fall at the {EMP} warehouse in {CITY}.",
        "Chat transcript - visitor {PATF}: hi, my insurance card from {INS} has the wrong name on it",
        "Escalation: {PATU} disputes a charge from {PHARM}; previous agent {NURSE} promised a credit.",
        "Customer {PATF} {PATLAST} moved from {CITY} to {CITY2} and needs a new provider near {STREET}.",
        "Hi {NURSE}, please follow up with {PAT} about the duplicate invoice.",
        "Fraud alert on the card of {PAT}; transaction in {COUNTRY} blocked on {DATE}.",
        "Support note: {PATF}'s account was merged with {REL}'s at their request.",
    ],
}
SPECIALTIES = ["cardiologist", "primary care physician", "endocrinologist", "neurologist", "therapist", "dentist"]


def heldout_templates(domain_templates, heldout):
    return [t for i, t in enumerate(domain_templates) if (i % 5 == 4) == heldout]


class Doc:
    def __init__(self):
        self.parts = []
        self.spans = []
        self.templates = []  # [start, end, "domain:index"] per rendered template, in text order
        self.pos = 0

    def add(self, text, label=None, origin=None):
        if label:
            self.spans.append([self.pos, self.pos + len(text), label, origin])
        self.parts.append(text)
        self.pos += len(text)

    def text(self):
        return "".join(self.parts)


class Generator:
    def __init__(self, seed, heldout, generated_share=0.0, lists="names"):
        self.rng = random.Random(seed)
        self.p = Pools(heldout, generated_share, lists)
        self.heldout = heldout
        self.merge_across_templates = lists == "0.4.2"  # 0.4.2's labels, slips included (see document)
        self.templates = {d: heldout_templates(t, heldout) for d, t in TEMPLATES.items()}
        # each template's index in TEMPLATES[domain]: documents record "domain:index" per rendered template
        self.template_ids = {d: heldout_templates(list(range(len(t))), heldout) for d, t in TEMPLATES.items()}

    # ---- slot fillers: each appends to doc ----
    def name_tokens(self, doc, first, last, origin, fmt):
        r = self.rng
        if fmt == "full":
            if r.random() < 0.15:
                mid = r.choice("ABCDEFGHJKLMNPRSTW")
                doc.add(f"{first} {mid}. {last}", "PER", origin)
            else:
                doc.add(f"{first} {last}", "PER", origin)
        elif fmt == "lastfirst":
            doc.add(f"{last.upper() if r.random() < 0.5 else last}, {first.upper() if r.random() < 0.5 else first}",
                    "PER", origin)
        elif fmt == "first":
            doc.add(first, "PER", origin)
        elif fmt == "last":
            doc.add(last, "PER", origin)

    def person_slot(self, doc, kind, ctx):
        r = self.rng
        if kind in ("PAT", "PATF", "PATL", "PATU", "PATLAST"):
            first, last, origin = ctx.setdefault("pat", self.p.person(r))
            if kind == "PAT":
                fmt = r.choices(["full", "lastfirst", "first"], [0.75, 0.15, 0.10])[0]
                self.name_tokens(doc, first, last, origin, fmt)
            elif kind == "PATF":
                self.name_tokens(doc, first, last, origin, "first")
            elif kind == "PATLAST":
                self.name_tokens(doc, first, last, origin, "last")
            elif kind == "PATU":
                self.name_tokens(doc, first, last, origin, "lastfirst")
            else:
                doc.add(r.choice(["Mr. ", "Ms. ", "Mrs. ", "Mr ", "Ms "]))
                self.name_tokens(doc, first, last, origin, "last")
        elif kind in ("DOC", "DOC2", "DOCN", "DOCN2", "DOCLAST"):
            first, last, origin = ctx.setdefault(kind.rstrip("2").replace("DOCN", "DOC").replace("DOCLAST", "DOC") + ("2" if kind.endswith("2") else ""), self.p.person(r))
            if kind == "DOCLAST":
                self.name_tokens(doc, first, last, origin, "last")
            elif kind.startswith("DOCN"):
                self.name_tokens(doc, first, last, origin, "full")
                doc.add(", " + r.choice(CREDS))
            else:
                doc.add(r.choice(["Dr. ", "Dr. ", "Dr ", "Doctor ", "dr. "]))
                self.name_tokens(doc, first, last, origin, r.choice(["last", "last", "full"]))
        elif kind in ("REL", "RELF", "NURSE", "TEACHER"):
            key = kind if kind != "RELF" else "REL"
            first, last, origin = ctx.setdefault(key, self.p.person(r))
            if kind == "RELF":
                self.name_tokens(doc, first, last, origin, "first")
            elif kind == "NURSE":
                self.name_tokens(doc, first, last, origin, r.choice(["first", "full"]))
            elif kind == "TEACHER":
                doc.add(r.choice(["Mr. ", "Ms. ", "Mrs. "]))
                self.name_tokens(doc, first, last, origin, "last")
            else:
                self.name_tokens(doc, first, last, origin, r.choice(["full", "full", "first"]))

    def fill_pattern(self, pat):
        r = self.rng
        city = r.choice(self.p.us_cities)[0] if r.random() < 0.8 else r.choice(self.p.cities)
        fam = self.p.names[r.choice(list(self.p.names))][1]
        return pat.format(city=city, saint=r.choice(SAINTS), surname=r.choice(fam), surname2=r.choice(fam),
                          state=r.choice(list(STATE_ABBR)), word=r.choice(WORDS), word2=r.choice(WORDS).lower())

    def street(self):
        r = self.rng
        name = r.choice(STREET_NAMES) if r.random() < 0.8 else r.choice(ORDINAL)
        s = f"{r.randint(1, 9999)} {name} {r.choice(STREET_SUF)}"
        if r.random() < 0.15:
            s = f"{r.randint(1, 9999)} {r.choice(['N', 'S', 'E', 'W', 'North', 'West'])} {name} {r.choice(STREET_SUF)}"
        return s

    def slot(self, doc, name, ctx):
        r = self.rng
        if name in ("PAT", "PATF", "PATL", "PATU", "PATLAST", "DOC", "DOC2", "DOCN", "DOCN2", "DOCLAST", "REL",
                    "RELF", "NURSE", "TEACHER"):
            return self.person_slot(doc, name, ctx)
        if name in ("HOSP", "HOSP2"):
            return doc.add(self.fill_pattern(r.choice(HOSP_PAT)), "ORG")
        if name == "CLINIC":
            return doc.add(ctx.setdefault("clinic", self.fill_pattern(r.choice(CLINIC_PAT))), "ORG")
        if name == "EMP":
            return doc.add(self.fill_pattern(r.choice(EMP_PAT)), "ORG")
        if name == "INS":
            return doc.add(self.fill_pattern(r.choice(INS_PAT)), "ORG")
        if name == "PHARM":
            return doc.add(self.fill_pattern(r.choice(PHARM_PAT)), "ORG")
        if name == "SCHOOL":
            return doc.add(self.fill_pattern(r.choice(SCHOOL_PAT)), "ORG")
        if name in ("CITY", "CITY2"):
            c, st = r.choice(self.p.us_cities) if r.random() < 0.75 else (r.choice(self.p.cities), None)
            return doc.add(c, "LOC")
        if name == "STATE":
            s = r.choice(list(STATE_ABBR))
            return doc.add(s if r.random() < 0.6 else STATE_ABBR[s], "LOC")
        if name == "STATE_ABBR":
            return doc.add(STATE_ABBR[r.choice(list(STATE_ABBR))], "LOC")
        if name == "COUNTRY":
            return doc.add(r.choice(self.p.countries), "LOC")
        if name == "STREET":
            return doc.add(self.street(), "LOC")
        if name == "ADDR":
            doc.add(self.street(), "LOC")
            if r.random() < 0.3:
                doc.add(f", {r.choice(['Apt', 'Apt.', 'Unit', 'Suite', '#'])} {r.randint(1, 40)}{r.choice(['', 'B', 'C'])}")
            c, st = r.choice(self.p.us_cities)
            doc.add(", ")
            doc.add(c, "LOC")
            doc.add(", ")
            doc.add(STATE_ABBR.get(st, st) if r.random() < 0.7 else st, "LOC")
            doc.add(f" {r.randint(1000, 99999):05d}")
            return
        if name == "AGE":
            return doc.add(str(r.randint(1, 97)))
        if name in ("DATE", "DATE2"):
            f = r.randint(0, 3)
            m, d, y = r.randint(1, 12), r.randint(1, 28), r.randint(1935, 2025)
            return doc.add([f"{m:02d}/{d:02d}/{y}", f"{MONTHS[m - 1]} {d}, {y}", f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1][:3]} {y}"][f])
        if name == "YEAR":
            return doc.add(str(r.randint(1995, 2024)))
        if name == "PHONE":
            return doc.add(f"({r.randint(200, 999)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}" if r.random() < 0.5 else f"{r.randint(200, 999)}-{r.randint(200, 999)}-{r.randint(0, 9999):04d}")
        if name in ("MRN", "NUM"):
            return doc.add(str(r.randint(100000, 99999999)))
        if name == "ZIP":
            return doc.add(f"{r.randint(1000, 99999):05d}")
        if name == "EMAIL":
            first, last, _ = ctx.get("pat", self.p.person(r))
            return doc.add(f"{strip_accents(first).lower()}.{strip_accents(last).lower().replace(' ', '')}{r.randint(1, 99)}@{r.choice(['gmail.com', 'yahoo.com', 'outlook.com', 'comcast.net'])}")
        if name == "DRUG":
            return doc.add(r.choice(DRUGS))
        if name == "COND":
            return doc.add(r.choice(CONDS))
        if name == "PROC":
            return doc.add(r.choice(PROCS))
        if name == "SEX":
            return doc.add(r.choice(["male", "female", "man", "woman", "M", "F"]))
        if name == "RELATION":
            return doc.add(r.choice(RELATIONS))
        if name == "SPECIALTY":
            return doc.add(r.choice(SPECIALTIES))
        raise KeyError(name)

    def render(self, doc, template, ctx):
        for piece in re.split(r"(\{[A-Z_0-9]+\})", template):
            if piece.startswith("{") and piece.endswith("}"):
                self.slot(doc, piece[1:-1], ctx)
            elif piece:
                doc.add(piece)

    def document(self, domain=None, origin=None):
        r = self.rng
        domain = domain or r.choice(list(self.templates))
        ctx = {}
        if origin:
            ctx["pat"] = self.p.person(r, origin)
            ctx["REL"] = self.p.person(r, origin)
            ctx["DOC"] = self.p.person(r, origin)
        doc = Doc()
        n = r.randint(1, 5) if domain != "chat" else r.randint(1, 2)
        for i in range(n):
            if i:
                doc.add(r.choice([" ", " ", "\n", "\n\n"]))
            # choice over the indices draws exactly what choice over the templates drew (seq[randbelow(len(seq))])
            k = r.choice(range(len(self.templates[domain])))
            start = doc.pos
            self.render(doc, self.templates[domain][k], ctx)
            doc.templates.append([start, doc.pos, f"{domain}:{self.template_ids[domain][k]}"])
        text = doc.text()
        # "{PATF} {PATLAST}" renders first and last name as two slots: one person, one span. Only within one template:
        # a person that ends one template and one that starts the next, a space apart, are two ("my mother Mingyu" +
        # "Khanh here again"; merged into one span before template ranges were recorded).
        def one_template(start, end):
            return any(t[0] <= start and end <= t[1] for t in doc.templates)

        spans = []
        for sp in doc.spans:
            if spans and sp[2] == "PER" and spans[-1][2] == "PER" and text[spans[-1][1]:sp[0]] == " " \
                    and (self.merge_across_templates or one_template(spans[-1][0], sp[1])):
                spans[-1] = [spans[-1][0], sp[1], "PER", spans[-1][3]]
            else:
                spans.append(sp)
        doc.spans = spans
        casing = r.random()
        if casing < 0.12:
            text = same_len_case(text, str.upper)
        elif casing < 0.24 or (domain == "chat" and casing < 0.45):
            text = same_len_case(text, str.lower)
        return {"text": text, "spans": doc.spans, "domain": domain, "templates": doc.templates}


def same_len_case(text, fn):
    return "".join(fn(c) if len(fn(c)) == 1 else c for c in text)


def main():
    args = sys.argv[1:]
    out = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 13
    n_train = int(args[args.index("--train-docs") + 1]) if "--train-docs" in args else 4000
    n_held = int(args[args.index("--heldout-docs") + 1]) if "--heldout-docs" in args else 600
    generated_share = float(args[args.index("--generated-names") + 1]) if "--generated-names" in args else 0.0
    lists = args[args.index("--lists") + 1] if "--lists" in args else "names"
    if lists not in LISTS:
        sys.exit(f"synth.py: --lists is one of {', '.join(LISTS)}")
    os.makedirs(out, exist_ok=True)
    g = Generator(seed, heldout=False, generated_share=generated_share, lists=lists)
    with open(os.path.join(out, "synth_train.jsonl"), "w", encoding="utf-8") as f:
        for _ in range(n_train):
            f.write(json.dumps(g.document(), ensure_ascii=False) + "\n")
    h = Generator(seed + 1, heldout=True, lists=lists)
    with open(os.path.join(out, "synth_heldout.jsonl"), "w", encoding="utf-8") as f:
        for _ in range(n_held):
            f.write(json.dumps(h.document(), ensure_ascii=False) + "\n")
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:  # read by write_card.py
        json.dump({"seed": seed, "train_docs": n_train, "heldout_docs": n_held, "generated_name_share": generated_share,
                   "lists": lists}, f)
    # bias check: same held-out templates, every person of the document drawn from one origin
    b = Generator(seed + 2, heldout=True, lists=lists)
    with open(os.path.join(out, "bias.jsonl"), "w", encoding="utf-8") as f:
        for origin in b.p.names:
            for _ in range(150):
                d = b.document(origin=origin)
                d["origin"] = origin
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
