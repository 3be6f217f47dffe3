import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusText } from './metrics';
import { COUNTED_CAUSES, REFUSAL_CAUSES, REFUSAL_STATUS, reasonOf } from './refusalCauses';
import type { RefusalCause } from './refusalCauses';
import { expiredKey, malformedKey, missingKey, rateLimited, readOnlyKey, tamperedKey, unavailable, unknownOrRevoked } from './refusals';
import type { VerifierMetrics } from './KeyVerifier.types';

/** The Reasons table of docs/verifier.md: status, reason and the causes it lists, row by row. */
function documentedReasons(): { status: number; reason: string; causes: string[] }[] {
  const doc = readFileSync(join(__dirname, '../../docs/verifier.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Reasons'), doc.indexOf('\n## ', doc.indexOf('## Reasons') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| \d{3} \|/.test(line))
    .map((line) => {
      const [status, reason, causes] = line.split('|').slice(1, 4).map((cell) => cell.trim());
      return { status: Number(status), reason: reason.replace(/`/g, ''), causes: [...causes.matchAll(/`([^`]+)`/g)].map((m) => m[1]) };
    });
}

describe('refusal causes: one table', () => {
  it('has each cause once', () => {
    const causes = REFUSAL_CAUSES.map((entry) => entry.cause);
    expect(new Set(causes).size).toBe(causes.length);
  });

  it('is the table docs/verifier.md documents: every cause under its reason and status, nothing else', () => {
    const rows = documentedReasons();
    expect(rows.map((row) => row.reason).sort()).toEqual(Object.keys(REFUSAL_STATUS).sort());
    for (const row of rows) {
      expect(row.status).toBe(REFUSAL_STATUS[row.reason as keyof typeof REFUSAL_STATUS]);
      const expected = REFUSAL_CAUSES.filter((entry) => entry.reason === row.reason).map((entry) => entry.cause);
      expect({ reason: row.reason, causes: [...row.causes].sort() }).toEqual({ reason: row.reason, causes: [...expected].sort() });
    }
  });

  it('has a refused_total sample for every cause, in the table order', () => {
    const metrics = { refusedByCause: { tampered: 3 } } as unknown as VerifierMetrics;
    const labels = [...prometheusText(metrics).matchAll(/^akm_verifier_refused_total\{cause="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual(REFUSAL_CAUSES.map(({ cause }) => [cause, cause === 'tampered' ? '3' : '0']));
  });

  it('counts only a wrong key toward the refusal limit: not a missing key, a read-only write, our own 429 or 503', () => {
    const counted = REFUSAL_CAUSES.filter((entry) => COUNTED_CAUSES.has(entry.cause));
    expect(counted.map((entry) => entry.reason).every((reason) => reason === 'malformed' || reason === 'unknown-or-revoked')).toBe(true);
    expect(counted).toHaveLength(REFUSAL_CAUSES.filter((entry) => entry.reason === 'malformed' || entry.reason === 'unknown-or-revoked').length);
  });

  it('answers every builder with the status and reason of its cause', () => {
    const built = [
      missingKey(),
      missingKey('unsupported-scheme'),
      malformedKey('wrong-prefix'),
      malformedKey('conflicting-keys', 'detail'),
      unknownOrRevoked('unknown', 'tail'),
      unknownOrRevoked('revoked', 'tail', 7),
      expiredKey(7, 'tail'),
      tamperedKey(7, 'tail'),
      readOnlyKey(7, 'tail'),
      rateLimited('client-lookup-limit', 1500),
      unavailable('untrusted-list')
    ];
    for (const refusal of built) {
      expect({ cause: refusal.cause, reason: refusal.reason, status: refusal.status }).toEqual({
        cause: refusal.cause,
        reason: reasonOf(refusal.cause as RefusalCause),
        status: REFUSAL_STATUS[reasonOf(refusal.cause)]
      });
    }
    expect(expiredKey(7, 'tail')).toEqual({ ...unknownOrRevoked('revoked', 'tail', 7), cause: 'expired' });
    expect(rateLimited('too-many-refusals', 1500)).toMatchObject({ status: 429, reason: 'rate-limited', retryAfterSeconds: 2 });
  });
});
