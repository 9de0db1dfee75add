import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProductEntity } from './product.entity';
import { UserEntity } from './user.entity';

/** A long-tail candidate the GAN generator proposed for a shopper. Mirrors migration InitialSchema. */
@Entity({ name: 'longtail_candidates' })
@Index('longtail_candidates_user_idx', ['userId'])
export class LongtailCandidateEntity {
  @PrimaryColumn({ name: 'generator_version', type: 'integer' })
  generatorVersion!: number;

  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @ManyToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity;

  @Column({ type: 'real' })
  score!: number;
}
