import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EventType } from '@magpie/contracts';
import { ProductEntity } from './product.entity';
import { UserEntity } from './user.entity';

/** One shopper event (append-only). Mirrors migration InitialSchema. */
@Entity({ name: 'events' })
@Check('events_type_check', `type IN ('view', 'click', 'cart', 'purchase', 'dislike', 'impression')`)
@Index('events_user_ts_idx', ['userId', 'ts', 'id'])
@Index('events_ts_idx', ['ts'])
@Index('events_client_event_id_key', ['clientEventId'], { unique: true, where: 'client_event_id IS NOT NULL' })
export class EventEntity {
  /** bigserial: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'product_id', type: 'integer', nullable: true })
  productId!: number | null;

  @ManyToOne(() => ProductEntity, { nullable: true })
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity | null;

  @Column({ type: 'varchar', length: 16 })
  type!: EventType;

  @Column({ type: 'text', nullable: true })
  query!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  source!: string | null;

  @Column({ name: 'model_version', type: 'varchar', length: 64, nullable: true })
  modelVersion!: string | null;

  /** The shop's idempotency key (`EventInput.eventId`). */
  @Column({ name: 'client_event_id', type: 'text', nullable: true })
  clientEventId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  ts!: Date;
}
