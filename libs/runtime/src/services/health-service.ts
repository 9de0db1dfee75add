import type { ReadinessReport } from '@magpie/api';
import type { MagpieStore } from '@magpie/data';
import type { ActiveModels } from '../active-models';

/** Readiness: the database answers (and Redis, when used); model versions are reported, not required. */
export class HealthService {
  constructor(
    private readonly deps: {
      store: Pick<MagpieStore, 'ping' | 'driver'>;
      redisPing?: () => Promise<unknown>;
      models: Pick<ActiveModels, 'versions'>;
      backend: () => string;
    },
  ) {}

  async ready(): Promise<ReadinessReport> {
    const checks: Record<string, string> = {};
    let ok = true;
    const probe = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        checks[name] = 'ok';
      } catch (error) {
        ok = false;
        checks[name] = `down: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    await probe(`database (${this.deps.store.driver})`, () => this.deps.store.ping());
    if (this.deps.redisPing) await probe('redis', this.deps.redisPing);
    for (const [kind, version] of Object.entries(this.deps.models.versions())) {
      checks[`model ${kind}`] = version === null ? 'none yet' : `version ${version}`;
    }
    checks['compute'] = this.deps.backend();
    return { ok, checks };
  }
}
