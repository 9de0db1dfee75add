import type { ModelKind } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { loadActiveStats } from '@magpie/jobs';
import type { ModelEvents } from '@magpie/queue';
import type { StatsModel } from '@magpie/recommendation';

/**
 * The models this gateway serves. A promotion (published by a job, or by another replica) loads
 * the new version in the background; requests keep using the old one until the new one is ready.
 */
export class ActiveModels {
  private statsModel: { versionId: number; model: StatsModel } | null = null;
  private longtailVersionId: number | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Pick<MagpieStore, 'versions' | 'artifacts'>,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async load(): Promise<void> {
    await Promise.all([this.reload('STATS'), this.reload('LONGTAIL')]);
  }

  follow(events: Pick<ModelEvents, 'subscribe'>): void {
    this.unsubscribe = events.subscribe((e) => {
      this.reload(e.kind).catch((error: unknown) => this.log(`reloading ${e.kind} failed: ${String(error)}`));
    });
  }

  async reload(kind: ModelKind): Promise<void> {
    if (kind === 'STATS') {
      const next = await loadActiveStats(this.store);
      if (next && next.versionId !== this.statsModel?.versionId) {
        this.statsModel = next;
        this.log(`serving STATS version ${next.versionId}`);
      }
    } else if (kind === 'LONGTAIL') {
      this.longtailVersionId = (await this.store.versions.active('LONGTAIL'))?.id ?? null;
    }
  }

  stats(): StatsModel | null {
    return this.statsModel?.model ?? null;
  }

  versions(): Record<string, number | null> {
    return { STATS: this.statsModel?.versionId ?? null, LONGTAIL: this.longtailVersionId };
  }

  longtailVersion(): number | null {
    return this.longtailVersionId;
  }

  close(): void {
    this.unsubscribe?.();
  }
}
