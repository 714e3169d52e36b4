import { patternDetector } from '../pattern-detector';
import { looksLikeId } from './id-shape';

/** An id with at least two digits and at most three dashes: "XYZ123456789", "W1234-5678". */
const validate = (match: string): boolean => looksLikeId(match) && /\d\D*\d/.test(match) && match.split('-').length <= 4;

/**
 * HEALTH_PLAN_ID: member, subscriber, policy and group numbers, Medicare/Medicaid ids. Alphanumeric, 6–20 characters;
 * reported only next to a label ("member id", "policy number", "subscriber", …) since the shape alone is generic.
 */
export const healthPlanIdDetector = patternDetector({
  id: 'pattern.health-plan-id',
  entity: 'HEALTH_PLAN_ID',
  description: 'Health plan beneficiary / member / policy numbers (label required)',
  context: [
    'member id', 'member #', 'member no', 'member number', 'policy number', 'policy #', 'policy no', 'policy id',
    'health plan', 'insurance id', 'insurance #', 'insurance no', 'insurance number', 'subscriber', 'subscriber id',
    'group number', 'group #', 'group no', 'medicaid', 'medicare', 'mbi', 'hicn', 'plan id', 'beneficiary',
  ],
  contextScore: 0.85,
  prefilter: (text) => /\d/.test(text),
  patterns: [
    {
      name: 'plan-id',
      regex: /(?<![\w.-])[A-Z0-9][A-Z0-9-]{4,18}[A-Z0-9](?![\w-]|\.\d)/i,
      score: 0.3,
      requireContext: true,
      validate,
    },
  ],
});
