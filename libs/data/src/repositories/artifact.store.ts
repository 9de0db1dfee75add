import type { DataSource } from 'typeorm';
import { notFound } from '@magpie/contracts';
import type { ArtifactStore } from '../ports';
import { ModelArtifactEntity } from '../entities';

/** Model artifacts as bytea rows; bytes round-trip exactly. */
export class SqlArtifactStore implements ArtifactStore {
  constructor(private readonly db: DataSource) {}

  async save(name: string, bytes: Uint8Array, meta: Record<string, unknown> = {}): Promise<number> {
    const repo = this.db.getRepository(ModelArtifactEntity);
    const saved = await repo.save(
      repo.create({ name, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), meta }),
    );
    return saved.id;
  }

  async load(id: number): Promise<Uint8Array> {
    const row = await this.db.getRepository(ModelArtifactEntity).findOne({ where: { id }, select: { id: true, bytes: true } });
    if (!row) throw notFound(`Model artifact ${id} not found`, { artifactId: id });
    // A plain copy: callers get a Uint8Array that does not alias pg's Buffer pool.
    return new Uint8Array(row.bytes);
  }
}
