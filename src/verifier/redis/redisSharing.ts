import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { RateLimiter, RateRule } from '../limits';
import type { LastUsedClaim, LastUsedCoordinator } from '../lastUsed';
import type { ChangeNotice, SharedLookup, VerifierSharing } from '../sharing';
import type { CachedKey } from '../verificationCache';

export interface RedisSharingOptions {
  /** e.g. redis://127.0.0.1:6379 (rediss:// for TLS, as Azure Cache for Redis requires). */
  url: string;
  /** Prefix of every key and of the channel, one per key list. Default "akm:". */
  prefix?: string;
  /** How long the change-log lease lasts without renewal; must exceed the poll interval plus the poll timeout. Default 5000 ms. */
  leaseMs?: number;
  /** A Redis call slower than this fails (and the verifier carries on alone). Default 500 ms. */
  commandTimeoutMs?: number;
  /** Default: a random UUID. */
  instanceId?: string;
}

// Each script runs atomically in Redis. A key list's shared answers live under a generation number that the
// lease holder bumps on every change it reads: answers cached before a change are never read again (they
// expire by their TTL), and an answer looked up across a change is not written (its generation is stale).

/** KEYS: lease. ARGV: instance, ms. Takes a free lease or renews our own. */
const HOLD_LEASE = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** KEYS: lease, token, generation. ARGV: instance, token, channel, message, bump ("1" when anything changed). */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[5] == '1' then
  redis.call('INCR', KEYS[3])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`;

/** KEYS: generation. ARGV: prefix, hash. Returns {generation, value or ""}. */
const READ = `
local generation = redis.call('GET', KEYS[1]) or '0'
local value = redis.call('GET', ARGV[1] .. 'k:' .. generation .. ':' .. ARGV[2])
return {generation, value or ''}`;

/** KEYS: generation. ARGV: prefix, hash, generation, value, ttl. */
const WRITE = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[3] then
  return 0
end
redis.call('SET', ARGV[1] .. 'k:' .. ARGV[3] .. ':' .. ARGV[2], ARGV[4], 'PX', ARGV[5])
return 1`;

/** KEYS: bucket. ARGV: limit, perMs, consume ("1"/"0"). A token bucket on Redis's clock; returns the wait in ms (0 = allowed). */
const TAKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local perToken = tonumber(ARGV[2]) / limit
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or limit
local at = tonumber(state[2]) or now
tokens = math.min(limit, tokens + math.max(0, now - at) / perToken)
local wait = 0
if tokens >= 1 then
  if ARGV[3] == '1' then
    tokens = tokens - 1
  end
else
  wait = math.ceil((1 - tokens) * perToken)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 2))
return wait`;

/**
 * KEYS: seen (sorted set: latest use reported per key), written (sorted set: latest use in the usage list), the
 * key's lease. ARGV: key id, use time (ms), instance, window (ms). ZADD GT keeps the maximum whoever reports it
 * (Redis 6.2+); the lease, SET NX PX for one window, lets one instance write per key per window. A use covered by
 * what was written is done; otherwise the holder writes the latest use any instance reported. A wait also answers that
 * latest use, which an instance that is stopping writes itself.
 */
const CLAIM_LAST_USED = `
redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
local written = redis.call('ZSCORE', KEYS[2], ARGV[1])
if written and tonumber(written) >= tonumber(ARGV[2]) then
  return {'done', '0'}
end
if redis.call('SET', KEYS[3], ARGV[3], 'NX', 'PX', ARGV[4]) then
  return {'write', redis.call('ZSCORE', KEYS[1], ARGV[1])}
end
return {'wait', tostring(redis.call('PTTL', KEYS[3])), redis.call('ZSCORE', KEYS[1], ARGV[1])}`;

const ABSENT = 'absent';

/** The part of node-redis's client used here (its generic client type differs between compiler settings). */
interface Client {
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  get(key: string): Promise<string | null | unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms.`)), ms);
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}

/**
 * The shared backend on Redis: a lease (SET PX, renewed by the holder at each poll) so that one instance
 * at a time reads the change log; pub/sub to tell the others what changed; shared positive and negative
 * answers; token buckets for the global and per-client limits. Commands fail fast while Redis is
 * unreachable (no offline queue), and the verifier then reads SharePoint itself.
 */
export function createRedisSharing(options: RedisSharingOptions): VerifierSharing {
  const prefix = options.prefix ?? 'akm:';
  const leaseMs = options.leaseMs ?? 5_000;
  const timeoutMs = options.commandTimeoutMs ?? 500;
  const instanceId = options.instanceId ?? randomUUID();
  const keys = { lease: `${prefix}lease`, token: `${prefix}token`, generation: `${prefix}generation`, channel: `${prefix}changes` };
  let client: Client | undefined;
  let subscriber: Client | undefined;
  let listener: ((notice: ChangeNotice) => void) | undefined;
  let subscribed = false;
  let stopped = false;

  /** Subscribes once the subscriber connection is up: at start, or later if Redis was down then (the client reconnects by itself). */
  const ensureSubscribed = async (): Promise<void> => {
    if (subscribed || subscriber === undefined || !subscriber.isReady || listener === undefined) {
      return;
    }
    const onNotice = listener;
    await withTimeout(
      subscriber.subscribe(keys.channel, (message: string) => {
        try {
          onNotice(JSON.parse(message) as ChangeNotice);
        } catch {
          // Not ours: ignored.
        }
      }),
      timeoutMs
    );
    subscribed = true;
  };

  const newClient = (): Client => {
    const created = createClient({
      url: options.url,
      disableOfflineQueue: true,
      // After stop(), a client still trying to reach Redis gives up instead of keeping the process alive.
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => (stopped ? false : Math.min(100 * 2 ** retries, 2_000)) }
    }) as unknown as Client;
    // Without a listener a connection error would be thrown as an uncaught 'error' event.
    created.on('error', () => undefined);
    return created;
  };
  const run = async (script: string, scriptKeys: string[], args: string[]): Promise<unknown> => {
    if (client === undefined) {
      throw new Error('Redis sharing is not started.');
    }
    return withTimeout(client.eval(script, { keys: scriptKeys, arguments: args }), timeoutMs);
  };

  const limiter: RateLimiter = {
    async take(key: string, rule: RateRule): Promise<number> {
      return Number(await run(TAKE, [`${prefix}rl:${key}`], [String(rule.limit), String(rule.perMs), '1']));
    },
    async peek(key: string, rule: RateRule): Promise<number> {
      return Number(await run(TAKE, [`${prefix}rl:${key}`], [String(rule.limit), String(rule.perMs), '0']));
    }
  };

  const lastUsed: LastUsedCoordinator = {
    async claim(keyId: number, _tail: string, at: number, windowMs: number): Promise<LastUsedClaim> {
      const [action, value, latest] = (await run(CLAIM_LAST_USED, [`${prefix}lu:seen`, `${prefix}lu:written`, `${prefix}lu:lease:${keyId}`], [String(keyId), String(at), instanceId, String(Math.max(1, Math.round(windowMs)))])) as [string, string, string?];
      if (action === 'write') {
        return { action, lastUsed: Number(value) };
      }
      return action === 'wait' ? { action, retryInMs: Math.max(1, Number(value)), latest: Number(latest) || at } : { action: 'done' };
    },
    async written(keyId: number, at: number): Promise<void> {
      await run(`redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[2]) return 1`, [`${prefix}lu:written`], [String(at), String(keyId)]);
    }
  };

  return {
    instanceId,
    limiter,
    lastUsed,
    async start(onNotice: (notice: ChangeNotice) => void): Promise<void> {
      listener = onNotice;
      subscribed = false;
      stopped = false;
      client = newClient();
      subscriber = newClient();
      const connecting = Promise.all([client.connect(), subscriber.connect()]);
      // If Redis is down now, the clients keep reconnecting in the background; holdLease subscribes once it is back.
      connecting.catch(() => undefined);
      await withTimeout(connecting, 3_000);
      await ensureSubscribed();
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const connection of [subscriber, client]) {
        try {
          connection?.destroy();
        } catch {
          // Never connected: nothing to close.
        }
      }
      client = undefined;
      subscriber = undefined;
      subscribed = false;
    },
    async holdLease(): Promise<boolean> {
      await ensureSubscribed();
      return Number(await run(HOLD_LEASE, [keys.lease], [instanceId, String(leaseMs)])) === 1;
    },
    async loadToken(): Promise<string | undefined> {
      if (client === undefined) {
        return undefined;
      }
      const token = await withTimeout(client.get(keys.token), timeoutMs);
      return typeof token === 'string' && token !== '' ? token : undefined;
    },
    async publish(token: string, notice: Omit<ChangeNotice, 'from'>): Promise<void> {
      const message: ChangeNotice = { from: instanceId, ...notice };
      const changed = notice.resync || notice.itemIds.length > 0;
      await run(PUBLISH, [keys.lease, keys.token, keys.generation], [instanceId, token, keys.channel, JSON.stringify(message), changed ? '1' : '0']);
    },
    async read(hash: string): Promise<SharedLookup> {
      const [generation, value] = (await run(READ, [keys.generation], [prefix, hash])) as [string, string];
      if (value === '') {
        return { state: 'miss', generation };
      }
      return value === ABSENT ? { state: 'absent', generation } : { state: 'found', key: JSON.parse(value) as CachedKey, generation };
    },
    async write(hash: string, key: CachedKey | undefined, ttlMs: number, generation: string): Promise<void> {
      await run(WRITE, [keys.generation], [prefix, hash, generation, key === undefined ? ABSENT : JSON.stringify(key), String(Math.max(1, Math.round(ttlMs)))]);
    }
  };
}
