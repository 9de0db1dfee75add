import { badInput, notFound, type ModelKind, type ModelVersion } from '@magpie/contracts';
import type { ModelVersionRepository } from '@magpie/data';
import type { ModelEvents } from '@magpie/queue';

/**
 * Model lifecycle for admins: list versions, promote one by hand (past the quality gate), roll a
 * kind back to the version active before. Every activation is published on `ModelEvents`, so all
 * gateways (this one included) load the version without restarting.
 */
export class ModelsService {
  constructor(
    private readonly versionsRepository: Pick<ModelVersionRepository, 'list' | 'byId' | 'activate' | 'previous'>,
    private readonly events: Pick<ModelEvents, 'publish'>,
  ) {}

  versions(args: { kind?: ModelKind; first: number }): Promise<ModelVersion[]> {
    return this.versionsRepository.list(args);
  }

  /** Activates a ready or retired version (an active one is returned as it is). */
  async promote(id: number): Promise<ModelVersion> {
    const version = await this.versionsRepository.byId(id);
    if (!version) throw notFound(`Model version ${id} not found`, { modelVersionId: id });
    if (version.status === 'active') return version;
    if (version.status !== 'ready' && version.status !== 'retired') {
      throw badInput(`Model version ${id} is ${version.status}; only ready or retired versions can be promoted`, { modelVersionId: id });
    }
    return this.activate(id);
  }

  /** Re-activates the version of `kind` that was active before the current one. */
  async rollback(kind: ModelKind): Promise<ModelVersion> {
    const previous = await this.versionsRepository.previous(kind);
    if (!previous) throw notFound(`No earlier ${kind} version to roll back to`, { kind });
    return this.activate(previous.id);
  }

  private async activate(id: number): Promise<ModelVersion> {
    const active = await this.versionsRepository.activate(id);
    await this.events.publish({ kind: active.kind, versionId: active.id });
    return active;
  }
}
