import type { JobStatus } from '@magpie/contracts';
import type { JobContext } from '@magpie/queue';

/** Where a shard flow stands, as the following job reports it. */
export interface FlowFigures {
  shards: number;
  shardsDone: number;
  shardsFailed: number;
  /** Shards that failed an attempt and wait for (or run) another. */
  shardsRetrying: number;
  /** Candidates written by the completed shards. */
  candidates: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const candidatesOf = (s: JobStatus | null): number => {
  const result = s?.state === 'completed' ? (s.result as { candidates?: unknown } | null) : null;
  return typeof result?.candidates === 'number' ? result.candidates : 0;
};

export function flowFigures(children: readonly (JobStatus | null)[]): FlowFigures {
  return {
    shards: children.length,
    shardsDone: children.filter((c) => c?.state === 'completed').length,
    shardsFailed: children.filter((c) => c?.state === 'failed').length,
    shardsRetrying: children.filter((c) => c && c.state !== 'completed' && c.state !== 'failed' && c.failedReason).length,
    candidates: children.reduce((sum, c) => sum + candidatesOf(c), 0),
  };
}

/**
 * Follows a flow from the job that added it until its parent finished, reporting shards done / total,
 * retries, failures (with the last reason) and candidates as this job's progress, from `fractionFrom` to 1.
 * Resolves with the parent's final status and the last figures; rejects once `signal` is aborted.
 */
export async function followFlow(
  job: Pick<JobContext<unknown>, 'jobs' | 'updateProgress'>,
  ids: { parent: string; children: readonly string[] },
  options: { pollMs: number; fractionFrom: number; signal?: AbortSignal },
): Promise<{ parent: JobStatus; figures: FlowFigures }> {
  for (;;) {
    // An ordinary error: the job is retried later and resumes following the same flow.
    if (options.signal?.aborted) throw new Error('stopped following the shard flow: the worker is shutting down');
    const [parent, ...children] = await Promise.all([ids.parent, ...ids.children].map((id) => job.jobs.get(id)));
    if (!parent) throw new Error(`flow parent ${ids.parent} is gone`);
    const figures = flowFigures(children);
    const trouble = children.find((c) => c && c.state !== 'completed' && c.failedReason);
    const message = `shards ${figures.shardsDone}/${figures.shards}${trouble ? `; ${trouble.id} ${trouble.state}: ${trouble.failedReason}` : ''}`;
    const fraction = options.fractionFrom + (1 - options.fractionFrom) * (figures.shardsDone / Math.max(1, figures.shards));
    await job.updateProgress({ fraction: Math.min(0.99, fraction), message, figures: { ...figures } });
    if (parent.state === 'completed' || parent.state === 'failed') return { parent, figures };
    await sleep(options.pollMs);
  }
}
