import * as React from 'react';
import { clockLagBehindServer, pageNow } from '../../core';
import type { KeyRecord } from '../../core';

/** How often the page's now moves on: "3 minutes ago", the 14-day flag and Expired follow within a minute. */
export const PAGE_NOW_TICK_MS = 60 * 1000;

/**
 * The page's one notion of now, given to everything that derives from time (Expired, the 14-day flag, "Not used for
 * 90 days", "3 days ago", the export). The browser's clock, moved forward when the records show SharePoint's clock
 * ahead of it (see clockLagBehindServer), re-read every minute: nothing has to run at midnight, the rows simply
 * follow the clock.
 */
export function usePageNow(records: readonly KeyRecord[]): Date {
  const lag = React.useMemo(() => clockLagBehindServer(records, Date.now()), [records]);
  const [local, setLocal] = React.useState(() => Date.now());
  React.useEffect(() => {
    const timer = setInterval(() => setLocal(Date.now()), PAGE_NOW_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // One Date per minute, so what depends on it (the query, the rows) is recomputed only when the minute moves on.
  return React.useMemo(() => pageNow(local, lag), [local, lag]);
}
