import type { DataSource, FindOptionsWhere } from 'typeorm';
import { badInput, type ModelKind, type ModelStatus, type ModelVersion, notFound } from '@magpie/contracts';
import type { ModelVersionRepository } from '../ports';
import { ModelVersionEntity } from '../entities';

const toModelVersion = (e: ModelVersionEntity): ModelVersion => ({
  id: e.id,
  kind: e.kind,
  status: e.status,
  config: e.config ?? {},
  metrics: e.metrics ?? {},
  artifactId: e.artifactId,
  jobId: e.jobId,
  createdAt: e.createdAt,
  promotedAt: e.promotedAt,
});

/** Statuses a version may be activated from (retired = rollback). */
const ACTIVATABLE: ReadonlySet<ModelStatus> = new Set(['ready', 'retired', 'active']);

/** What a finished (or recorded) training step leaves on its version. */
type VersionResult = { metrics: Record<string, number>; artifactId: number | null; config?: Record<string, unknown> };

export class SqlModelVersionRepository implements ModelVersionRepository {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(ModelVersionEntity);
  }

  private async require(id: number): Promise<ModelVersionEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw notFound(`Model version ${id} not found`, { modelVersionId: id });
    return row;
  }

  async create(input: { kind: ModelKind; config: Record<string, unknown>; jobId?: string | null }): Promise<ModelVersion> {
    const saved = await this.repo.save(
      this.repo.create({ kind: input.kind, status: 'training', config: input.config, metrics: {}, jobId: input.jobId ?? null }),
    );
    return toModelVersion(await this.require(saved.id));
  }

  complete(id: number, result: VersionResult): Promise<ModelVersion> {
    return this.write(id, result, 'ready');
  }

  record(id: number, result: VersionResult): Promise<ModelVersion> {
    return this.write(id, result, 'training');
  }

  private async write(id: number, result: VersionResult, status: 'ready' | 'training'): Promise<ModelVersion> {
    const row = await this.require(id);
    if (result.config) row.config = { ...(row.config ?? {}), ...result.config };
    Object.assign(row, { status, metrics: result.metrics, artifactId: result.artifactId, failure: null });
    await this.repo.save(row);
    return toModelVersion(await this.require(id));
  }

  async fail(id: number, reason: string): Promise<void> {
    await this.require(id);
    await this.repo.update({ id }, { status: 'failed', failure: reason });
  }

  /**
   * One transaction, serialised per kind by an advisory lock: retires the current active version of
   * the kind, activates `id` and stamps `promoted_at`. Retired versions can be re-activated (rollback).
   */
  async activate(id: number): Promise<ModelVersion> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(ModelVersionEntity);
      const target = await repo.findOneBy({ id });
      if (!target) throw notFound(`Model version ${id} not found`, { modelVersionId: id });
      if (!ACTIVATABLE.has(target.status)) {
        throw badInput(`Model version ${id} is ${target.status} and cannot be activated`, { modelVersionId: id });
      }
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`magpie.model_versions.${m.connection.driver.schema ?? ''}.${target.kind}`]);
      await repo
        .createQueryBuilder()
        .update()
        .set({ status: 'retired' })
        .where('kind = :kind AND status = :active AND id <> :id', { kind: target.kind, active: 'active', id })
        .execute();
      await repo
        .createQueryBuilder()
        .update()
        .set({ status: 'active', promotedAt: () => 'now()' })
        .where('id = :id', { id })
        .execute();
      const row = await repo.findOneByOrFail({ id });
      return toModelVersion(row);
    });
  }

  async active(kind: ModelKind): Promise<ModelVersion | null> {
    const row = await this.repo.findOneBy({ kind, status: 'active' });
    return row ? toModelVersion(row) : null;
  }

  async previous(kind: ModelKind): Promise<ModelVersion | null> {
    const row = await this.repo
      .createQueryBuilder('v')
      .where('v.kind = :kind AND v.status = :retired AND v.promoted_at IS NOT NULL', { kind, retired: 'retired' })
      .orderBy('v.promoted_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .getOne();
    return row ? toModelVersion(row) : null;
  }

  async byId(id: number): Promise<ModelVersion | null> {
    const row = await this.repo.findOneBy({ id });
    return row ? toModelVersion(row) : null;
  }

  /** Newest first. */
  async list(options: { kind?: ModelKind; status?: ModelStatus; first: number }): Promise<ModelVersion[]> {
    const where: FindOptionsWhere<ModelVersionEntity> = {};
    if (options.kind) where.kind = options.kind;
    if (options.status) where.status = options.status;
    const rows = await this.repo.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: options.first });
    return rows.map(toModelVersion);
  }
}
