/**
 * Shape check shared by the labelled-identifier detectors (license, health plan, device serial): at least one digit,
 * and digits-with-dashes only when there is also a letter, so that dates (2024-03-14) and phone numbers next to a
 * label are not taken for ids.
 */
export function looksLikeId(match: string): boolean {
  if (!/\d/.test(match)) return false;
  return !match.includes('-') || /[A-Za-z]/.test(match);
}
