/**
 * MQTT topic filters (MQTT 3.1.1, section 4.7): `+` stands for exactly one level, `#` (last
 * level only) for any number of levels including none. Used to check configured filters and to
 * match a network server's publishes against the topics it was granted.
 */

/** Why a filter is malformed, or null when it is a valid MQTT filter. */
export function filterProblem(filter: string): string | null {
  if (filter.length === 0) return 'a topic filter cannot be empty';
  if (filter.startsWith('$')) return `${filter}: filters starting with $ are reserved`;

  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level === '#' && i !== levels.length - 1) return `${filter}: # must be the last level`;
    if (level.length > 1 && (level.includes('#') || level.includes('+'))) {
      return `${filter}: + and # must fill a whole level`;
    }
  }

  return null;
}

/** Whether a concrete topic (no wildcards) matches a valid filter. */
export function filterMatches(filter: string, topic: string): boolean {
  // Wildcards at the top level never match $-topics (MQTT-4.7.2-1).
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;

  const wanted = filter.split('/');
  const actual = topic.split('/');
  for (const [i, level] of wanted.entries()) {
    if (level === '#') return true;
    if (i >= actual.length) return false;
    if (level !== '+' && level !== actual[i]) return false;
  }

  return wanted.length === actual.length;
}

/**
 * Whether every topic a subscription filter can match is also matched by `allowed`, so a
 * client granted `allowed` may subscribe to `filter` (narrower or equal). Both must be valid
 * filters. `pesanibu/v1/alerts/+/fire` is within `pesanibu/v1/alerts/#`; `#` is not.
 */
export function filterWithin(filter: string, allowed: string): boolean {
  const asked = filter.split('/');
  const granted = allowed.split('/');
  for (const [i, level] of granted.entries()) {
    if (level === '#') return true;
    const wanted = asked[i];
    // The asked filter is shorter, or reaches further than this grant can.
    if (wanted === undefined || wanted === '#') return false;
    if (level === '+') continue;
    if (wanted !== level) return false;
  }

  return asked.length === granted.length;
}
