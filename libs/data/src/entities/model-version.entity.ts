import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ModelKind, ModelStatus } from '@magpie/contracts';
import { ModelArtifactEntity } from './model-artifact.entity';

/** A trained (or training) model; at most one `active` row per kind. Mirrors migration InitialSchema. */
@Entity({ name: 'model_versions' })
@Index('model_versions_one_active_per_kind', ['kind'], { unique: true, where: `status = 'active'` })
export class ModelVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: ModelKind;

  @Column({ type: 'varchar', length: 16, default: 'training' })
  status!: ModelStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  config!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metrics!: Record<string, number>;

  @Column({ name: 'artifact_id', type: 'integer', nullable: true })
  artifactId!: number | null;

  @ManyToOne(() => ModelArtifactEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'artifact_id' })
  artifact?: ModelArtifactEntity | null;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;
}
