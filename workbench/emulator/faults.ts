// Faults the tests switch on: throttling (429/503/504 with Retry-After, as SharePoint Online sends:
// https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online),
// latency, and responses lost after the write committed (the socket closes: the client cannot tell whether it landed).

export interface FaultMatch {
  method?: string;
  /** Case-insensitive substring of the request path. */
  pathIncludes?: string;
}

export interface FaultRule {
  status: 429 | 503 | 504;
  retryAfterSeconds?: number;
  /** How many matching requests get the fault; omitted = until cleared. */
  times?: number;
  match?: FaultMatch;
}

export interface DropRule {
  times: number;
  /** The write is applied, then the connection is closed before any response byte. */
  afterCommit: true;
  match?: FaultMatch;
}

export interface FaultControl {
  set(rule: FaultRule): void;
  latency(ms: number): void;
  dropResponses(rule: DropRule): void;
  clear(): void;
}

export interface FaultDecision {
  throttle?: { status: number; retryAfterSeconds?: number };
  latencyMs: number;
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.pathIncludes && path.toLowerCase().indexOf(match.pathIncludes.toLowerCase()) < 0) return false;
  return true;
}

export class Faults implements FaultControl {
  private _rules: { rule: FaultRule; left: number }[] = [];
  private _drops: { rule: DropRule; left: number }[] = [];
  private _latencyMs = 0;

  public set(rule: FaultRule): void {
    this._rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  public latency(ms: number): void {
    this._latencyMs = Math.max(0, ms);
  }

  public dropResponses(rule: DropRule): void {
    this._drops.push({ rule, left: rule.times });
  }

  public clear(): void {
    this._rules = [];
    this._drops = [];
    this._latencyMs = 0;
  }

  /** Decides (and consumes) the throttling and latency for one request, before it is handled. */
  public decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: this._latencyMs };
    const rule = this._rules.find((r) => r.left > 0 && matches(r.rule.match, method, path));
    if (rule) {
      rule.left -= 1;
      decision.throttle = { status: rule.rule.status, retryAfterSeconds: rule.rule.retryAfterSeconds };
    }
    return decision;
  }

  /** After a write succeeded: whether to lose its response (consumes one drop). Reads and failed writes are never dropped. */
  public takeDrop(method: string, path: string): boolean {
    if (method === 'GET') return false;
    const drop = this._drops.find((d) => d.left > 0 && matches(d.rule.match, method, path));
    if (!drop) return false;
    drop.left -= 1;
    return true;
  }
}
