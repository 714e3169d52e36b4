import { patternDetector } from '../pattern-detector';
import { looksLikeId } from './id-shape';

/** Upper-case letters and digits, in up to four groups joined by single dashes: "E-10023", "2024-88213-A". */
const ID = /(?<![\w.\/-])[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){0,3}(?![\w\/-]|[.,]\d)/;
/** Letters and digits a space apart, as on a licence plate: "KJM 4471", "4471 KJM". */
const PLATE = /(?<![\w.\/-])(?:[A-Z]{1,4} \d{2,5}|\d{1,4} [A-Z]{2,4})(?![\w\/-]|[.,]\d)/;

/**
 * ID_NUMBER: HIPAA's "any other unique identifying number, characteristic, or code" that has no type of its own —
 * claim, prescription, employee, badge, student, national id, biometric and licence-plate numbers — reported only
 * after its label. An id here is 5–20 upper-case letters and digits with at least three digits ("2024" alone is a
 * year), and dashes only when there is also a letter (a dashed date is a date); a plate may have a space ("KJM 4471").
 */
export const idNumberDetector = patternDetector({
  id: 'pattern.id-number',
  entity: 'ID_NUMBER',
  description: 'Other labelled identifying numbers: claim, prescription, employee, badge, student, biometric, plate',
  context: [
    'claim', 'claim #', 'claim no', 'claim number', 'rx #', 'rx no', 'rx number', 'prescription #',
    'prescription no', 'prescription number', 'employee id', 'employee #', 'employee no', 'employee number', 'emp id',
    'staff id', 'badge', 'badge #', 'student id', 'student #', 'student no', 'student number', 'national id',
    'id number', 'id no', 'id #', 'id card', 'identification number', 'fingerprint', 'retinal', 'iris scan',
    'voiceprint', 'biometric', 'plate', 'plate #', 'plate no', 'tag number', 'tag #', 'registration no',
    'registration number',
  ],
  contextScore: 0.85,
  prefilter: (text) => /\d/.test(text),
  patterns: [
    {
      name: 'labelled-id',
      regex: ID,
      score: 0.3,
      requireContext: true,
      validate: (match) => {
        const compact = match.replace(/-/g, '');
        return compact.length >= 5 && compact.length <= 20 && compact.replace(/\D/g, '').length >= 3 && looksLikeId(match);
      },
    },
    {
      name: 'labelled-plate',
      regex: PLATE,
      score: 0.3,
      requireContext: true,
      validate: (match) => match.replace(/\D/g, '').length >= 3,
    },
  ],
});
