/** How the coordinator and workers reach Redis, and the queue's timings (Node only). */

import type { ConnectionOptions } from 'bullmq';

/** The BullMQ queue that holds SameBits runs. */
export const QUEUE_NAME = 'samebits-runs';

/** Timings of stalled-job recovery, from the environment (tests set them short). */
export interface QueueTimings {
  /** How long a worker's lock on a job lasts without renewal: a killed worker's job is retried after it (default 30 s). */
  lockMs: number;
  /** How often workers look for jobs whose lock expired (default 30 s). */
  stalledMs: number;
  /** How often the coordinator looks at its jobs (default 500 ms). */
  pollMs: number;
}

function milliseconds(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 10) throw new Error(`${name}: expected a whole number of milliseconds of at least 10, received '${text}'`);
  return ms;
}

/**
 * The timings: SAMEBITS_QUEUE_LOCK_MS, SAMEBITS_QUEUE_STALLED_MS, SAMEBITS_QUEUE_POLL_MS.
 * @example queueTimings(process.env).lockMs // 30000 unless set
 */
export function queueTimings(env: Readonly<Record<string, string | undefined>>): QueueTimings {
  return {
    lockMs: milliseconds(env, 'SAMEBITS_QUEUE_LOCK_MS', 30_000),
    stalledMs: milliseconds(env, 'SAMEBITS_QUEUE_STALLED_MS', 30_000),
    pollMs: milliseconds(env, 'SAMEBITS_QUEUE_POLL_MS', 500),
  };
}

/**
 * BullMQ connection options from a Redis URL (`redis://[:password@]host[:port][/db]`, or
 * `rediss://` for TLS). Commands wait through a Redis restart instead of failing
 * (maxRetriesPerRequest: null), which BullMQ workers require and the coordinator wants.
 * @example redisConnection('redis://queue.lan:6379') // { host: 'queue.lan', port: 6379, … }
 */
export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`expected a Redis URL such as redis://host:6379, received '${url}'`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`expected a Redis URL (redis:// or rediss://), received '${url}'`);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isSafeInteger(db) || db < 0) throw new Error(`expected a database number after the host (redis://host:6379/0), received '${parsed.pathname}'`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', // an IPv6 host comes bracketed ([::1]); the socket wants it bare
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * The URL with its password replaced by `***`, for logs and messages.
 * @example redactedUrl('redis://:secret@queue.lan:6379') // 'redis://:***@queue.lan:6379'
 */
export function redactedUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
