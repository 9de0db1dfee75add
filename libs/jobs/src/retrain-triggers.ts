import type { RetrainConfig } from '@magpie/config';
import { RETRAIN_ROUTES, type JobStatus, type ModelKind } from '@magpie/contracts';
import type { EventRepository, ModelVersionRepository } from '@magpie/data';
import type { JobQueue, JobSchedules } from '@magpie/queue';

export interface RetrainTriggerDeps {
  events: Pick<EventRepository, 'countSince'>;
  versions: Pick<ModelVersionRepository, 'list'>;
  queue: Pick<JobQueue, 'enqueue'>;
}

/** What one check found for one kind. */
export interface RetrainCheck {
  kind: ModelKind;
  /** The newest version of the kind (any status), null before the first training. */
  lastVersionId: number | null;
  /** Product events (impressions excluded) since that version was created. */
  newEvents: number;
  /** The retrain job enqueued (or found enqueued already), null when below the threshold. */
  job: JobStatus | null;
}

/** The job id of an automatic retrain after version `lastVersionId`: one such job per version, however often checked. */
export const autoRetrainJobId = (kind: ModelKind, lastVersionId: number | null) => `auto-retrain-${kind}-after-${lastVersionId ?? 0}`;

/** The id of the schedule of `kind`. */
export const retrainScheduleId = (kind: ModelKind) => `retrain-schedule-${kind}`;

/**
 * The data-volume trigger: for each configured kind, counts the events since its newest version was
 * created and, from `newEventsThreshold` on, enqueues its retrain job under an id derived from that
 * version, so any number of checks (or gateways checking) add it once; the next version starts a new count.
 */
export class RetrainTriggers {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetrainCheck[]> | null = null;

  constructor(
    private readonly deps: RetrainTriggerDeps,
    private readonly config: Pick<RetrainConfig, 'kinds' | 'newEventsThreshold' | 'checkEveryMs'>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async check(): Promise<RetrainCheck[]> {
    const out: RetrainCheck[] = [];
    for (const kind of this.config.kinds) {
      const route = RETRAIN_ROUTES[kind];
      if (!route) continue;
      const [last] = await this.deps.versions.list({ kind, first: 1 });
      const newEvents = await this.deps.events.countSince(last?.createdAt ?? new Date(0));
      const due = this.config.newEventsThreshold > 0 && newEvents >= this.config.newEventsThreshold;
      const job = due ? await this.deps.queue.enqueue(route.queue, route.job, {}, { jobId: autoRetrainJobId(kind, last?.id ?? null) }) : null;
      out.push({ kind, lastVersionId: last?.id ?? null, newEvents, job });
    }
    return out;
  }

  /** Checks every `checkEveryMs` (no-op when the threshold is 0); a check still running is not started twice. */
  start(): void {
    if (this.timer || this.config.newEventsThreshold <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check().finally(() => (this.running = null));
      this.running.catch(this.onError);
    }, this.config.checkEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}

/**
 * Installs (or, when none is configured, removes) the retrain schedule of every configured kind:
 * the kind's training job on its queue, every `scheduleEveryMs` or on `scheduleCron`.
 */
export async function applyRetrainSchedules(schedules: JobSchedules, config: Pick<RetrainConfig, 'kinds' | 'scheduleCron' | 'scheduleEveryMs'>): Promise<void> {
  const wanted = config.scheduleCron || config.scheduleEveryMs > 0;
  for (const [kind, route] of Object.entries(RETRAIN_ROUTES) as [ModelKind, (typeof RETRAIN_ROUTES)[ModelKind]][]) {
    if (!route) continue;
    const id = retrainScheduleId(kind);
    if (wanted && config.kinds.includes(kind)) {
      await schedules.upsert({
        id, queue: route.queue, name: route.job, payload: {},
        ...(config.scheduleCron ? { cron: config.scheduleCron } : { everyMs: config.scheduleEveryMs }),
      });
    } else {
      await schedules.remove(route.queue, id);
    }
  }
}
