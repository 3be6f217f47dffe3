import type { VerifierMetrics } from './KeyVerifier.types';
import { REFUSAL_CAUSES } from './refusalCauses';

/** Prometheus text exposition format (version 0.0.4): what `/metrics` answers with `Content-Type: text/plain; version=0.0.4`. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Kind = 'counter' | 'gauge';

/**
 * The verifier's metrics in Prometheus text format. Only counts, ratios and times: no key, tail, client
 * address or path ever appears in a label (they would also explode cardinality).
 */
export function prometheusText(metrics: VerifierMetrics, prefix: string = 'akm_verifier'): string {
  const lines: string[] = [];
  const metric = (name: string, kind: Kind, help: string, samples: [string, number][]): void => {
    lines.push(`# HELP ${prefix}_${name} ${help}`, `# TYPE ${prefix}_${name} ${kind}`);
    for (const [labels, value] of samples) {
      lines.push(`${prefix}_${name}${labels} ${Number.isFinite(value) ? value : 0}`);
    }
  };
  metric('verifications_total', 'counter', 'Keys verified (allowed or refused).', [['', metrics.verifications]]);
  metric('allowed_total', 'counter', 'Requests allowed.', [['', metrics.allowed]]);
  metric(
    'refused_total',
    'counter',
    'Requests refused, by cause (reason for the caller is coarser).',
    REFUSAL_CAUSES.map(({ cause }): [string, number] => [`{cause="${cause}"}`, metrics.refusedByCause[cause] ?? 0])
  );
  metric('rate_limited_total', 'counter', 'Requests answered 429 (too many refusals or uncached keys from one client).', [['', metrics.rateLimited]]);
  metric('cache_hits_total', 'counter', 'Verifications answered from the cache.', [['', metrics.cacheHits]]);
  metric('cache_hit_ratio', 'gauge', 'Cache hits per verification of a well-formed key since start.', [['', metrics.cacheHitRatio]]);
  metric('store_lookups_total', 'counter', 'Lookups sent to SharePoint.', [['', metrics.storeLookups]]);
  metric('store_failures_total', 'counter', 'Lookups that failed, timed out (aborted) or were throttled.', [['', metrics.storeFailures]]);
  metric('lookups_shed_total', 'counter', 'Lookups not sent because of the global rate, the queue bound or throttling (answered 503).', [['', metrics.lookupsShed]]);
  metric('lookups_queued', 'gauge', 'Lookups waiting for the global rate.', [['', metrics.lookupsQueued]]);
  metric('served_during_outage_total', 'counter', 'Cached keys honoured while SharePoint could not be read.', [['', metrics.servedDuringOutage]]);
  metric('polls_total', 'counter', 'Change-log reads by this instance.', [['', metrics.polls]]);
  metric('poll_failures_total', 'counter', 'Change-log reads that failed or were aborted.', [['', metrics.pollFailures]]);
  metric('resyncs_total', 'counter', 'Change log restarted from its current token (cache dropped).', [['', metrics.resyncs]]);
  metric('evicted_by_changes_total', 'counter', 'Cached answers dropped because the change log named their item.', [['', metrics.evictedByChanges]]);
  metric('poll_lag_seconds', 'gauge', 'Seconds since the start of the last good change-log read (-1 before any).', [['', metrics.pollLagMs === null ? -1 : metrics.pollLagMs / 1000]]);
  metric('last_good_poll_timestamp_seconds', 'gauge', 'Unix time of the start of the last good change-log read (0 before any).', [
    ['', metrics.lastGoodPollAt === null ? 0 : Date.parse(metrics.lastGoodPollAt) / 1000]
  ]);
  metric('change_log_reader', 'gauge', '1 when this instance reads the change log (the lease holder, with Redis).', [['', metrics.changeLogReader ? 1 : 0]]);
  metric('cached_keys', 'gauge', 'Cached records (valid or revoked keys).', [['', metrics.cachedKeys]]);
  metric('last_used_writes_total', 'counter', 'Usage items written with a key\'s last use (at most one per key per window).', [['', metrics.lastUsedWrites ?? 0]]);
  metric('last_used_write_failures_total', 'counter', 'Last-used writes that failed (retried next window; never seen by callers).', [['', metrics.lastUsedWriteFailures ?? 0]]);
  metric('last_used_pending', 'gauge', 'Keys whose latest use is noted and not yet written.', [['', metrics.lastUsedPending ?? 0]]);
  metric('cached_unknown', 'gauge', 'Cached "no such key" answers.', [['', metrics.cachedUnknown]]);
  return `${lines.join('\n')}\n`;
}
