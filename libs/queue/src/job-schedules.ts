import { Queue } from 'bullmq';
import type { RedisConfig } from '@magpie/config';
import { badInput, type QueueName } from '@magpie/contracts';
import type { JobQueue } from './job-queue';
import { bullConnection, requireRedisUrl } from './redis';

/** A job added again and again: every `everyMs` milliseconds, or on a cron pattern (Redis only). */
export interface JobSchedule {
  /** Unique per queue; upserting the same id replaces the schedule. */
  id: string;
  queue: QueueName;
  name: string;
  payload: unknown;
  everyMs?: number;
  /** A cron pattern, e.g. "0 3 * * *" (03:00 every day). */
  cron?: string;
}

/**
 * Repeating jobs: BullMQ job schedulers (stored in Redis, one producer however many processes upsert
 * them) or, embedded, timers that enqueue through the inline queue. The first run is one period after
 * the upsert, so a restart does not run everything at once.
 */
export interface JobSchedules {
  upsert(schedule: JobSchedule): Promise<void>;
  /** Removes a schedule; false when there was none. */
  remove(queue: QueueName, id: string): Promise<boolean>;
  /** Ids of the schedules of a queue. */
  ids(queue: QueueName): Promise<string[]>;
  close(): Promise<void>;
}

function checkSchedule(schedule: JobSchedule): void {
  const every = schedule.everyMs !== undefined && schedule.everyMs > 0;
  if (every === Boolean(schedule.cron)) throw badInput(`schedule ${schedule.id}: give exactly one of everyMs (> 0) and cron`);
}

/** Job schedulers of BullMQ under `redis.prefix` (the queues' own prefix). */
export class BullJobSchedules implements JobSchedules {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly url: string;

  constructor(private readonly redis: RedisConfig) {
    this.url = requireRedisUrl(redis.url, 'BullJobSchedules');
  }

  async upsert(schedule: JobSchedule): Promise<void> {
    checkSchedule(schedule);
    const repeat = schedule.cron
      ? { pattern: schedule.cron }
      : { every: schedule.everyMs, startDate: Date.now() + (schedule.everyMs ?? 0) };
    await this.queue(schedule.queue).upsertJobScheduler(schedule.id, repeat, { name: schedule.name, data: schedule.payload });
  }

  async remove(queue: QueueName, id: string): Promise<boolean> {
    return this.queue(queue).removeJobScheduler(id);
  }

  async ids(queue: QueueName): Promise<string[]> {
    return (await this.queue(queue).getJobSchedulers()).map((s) => s.key).sort();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.url, false), prefix: this.redis.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}

/** Embedded schedules: an interval timer per schedule, enqueueing through the (inline) queue. No cron without Redis. */
export class InlineJobSchedules implements JobSchedules {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly queue: Pick<JobQueue, 'enqueue'>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async upsert(schedule: JobSchedule): Promise<void> {
    checkSchedule(schedule);
    if (schedule.cron) throw badInput(`schedule ${schedule.id}: cron patterns need Redis (BullMQ); embedded mode takes everyMs`);
    await this.remove(schedule.queue, schedule.id);
    const timer = setInterval(() => {
      this.queue.enqueue(schedule.queue, schedule.name, schedule.payload).catch(this.onError);
    }, schedule.everyMs);
    timer.unref();
    this.timers.set(`${schedule.queue}:${schedule.id}`, timer);
  }

  async remove(queue: QueueName, id: string): Promise<boolean> {
    const key = `${queue}:${id}`;
    const timer = this.timers.get(key);
    if (timer) clearInterval(timer);
    return this.timers.delete(key);
  }

  async ids(queue: QueueName): Promise<string[]> {
    return [...this.timers.keys()].filter((k) => k.startsWith(`${queue}:`)).map((k) => k.slice(queue.length + 1)).sort();
  }

  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }
}

/** `BullJobSchedules` when `redis.url` is set, otherwise timers over `queue` (embedded mode). */
export function createJobSchedules(redis: RedisConfig, queue: Pick<JobQueue, 'enqueue'>, onError?: (error: unknown) => void): JobSchedules {
  return redis.url ? new BullJobSchedules(redis) : new InlineJobSchedules(queue, onError);
}
