import { dateShift } from './date-shift';
import { encrypt } from './encrypt';
import { generalize } from './generalize';
import { hash } from './hash';
import { keep } from './keep';
import { mask } from './mask';
import { pseudonymize } from './pseudonymize';
import { redact } from './redact';
import { replace } from './replace';
import { tokenize } from './tokenize';
import type { Operator, OperatorName } from './types';

/** Every operator by its policy name. */
export const OPERATORS: Record<OperatorName, Operator<any>> = {
  redact,
  replace,
  mask,
  hash,
  pseudonymize,
  tokenize,
  encrypt,
  generalize,
  date_shift: dateShift,
  keep,
};
