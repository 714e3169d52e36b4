/**
 * Model entity types (`PER`, `person`, `GPE`, …) → our Presidio entity types. Configurable: a detector's
 * `labelMap` is merged over the default; `null` drops a type. Keys are matched case-insensitively, with `-` and
 * spaces read as `_` (`creative-work` ≡ `CREATIVE_WORK`). Unknown types are dropped.
 */
import { isEntityType, type EntityType } from '../entities';

export type LabelMap = Readonly<Record<string, EntityType | null>>;

export const DEFAULT_LABEL_MAP: LabelMap = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  NAME: 'PERSON',
  PATIENT: 'PERSON',
  DOCTOR: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  ORGANISATION: 'ORGANIZATION',
  CORPORATION: 'ORGANIZATION',
  GROUP: 'ORGANIZATION',
  DATE: 'DATE_TIME',
  TIME: 'DATE_TIME',
  DATE_TIME: 'DATE_TIME',
  MISC: null,
  PRODUCT: null,
  CREATIVE_WORK: null,
};

export function normalizeLabelType(type: string): string {
  return type.trim().toUpperCase().replace(/[-\s]+/g, '_');
}

/** Build a lookup from the default map plus overrides. A type already named as one of ours maps to itself. */
export function createLabelMapper(overrides: LabelMap = {}): (type: string) => EntityType | undefined {
  const table = new Map<string, EntityType | null>();
  for (const [k, v] of Object.entries(DEFAULT_LABEL_MAP)) table.set(normalizeLabelType(k), v);
  for (const [k, v] of Object.entries(overrides)) table.set(normalizeLabelType(k), v);
  return (type: string) => {
    const key = normalizeLabelType(type);
    if (table.has(key)) return table.get(key) ?? undefined;
    return isEntityType(key) ? key : undefined;
  };
}
