import { EventEntity } from './event.entity';
import { LongtailCandidateEntity } from './longtail-candidate.entity';
import { ModelArtifactEntity } from './model-artifact.entity';
import { ModelVersionEntity } from './model-version.entity';
import { ProductEntity } from './product.entity';
import { UserEntity } from './user.entity';

export { EventEntity, LongtailCandidateEntity, ModelArtifactEntity, ModelVersionEntity, ProductEntity, UserEntity };

/** Every entity of the Magpie schema (the DataSource registers these). */
export const ENTITIES = [
  ProductEntity, UserEntity, EventEntity, ModelArtifactEntity, ModelVersionEntity, LongtailCandidateEntity,
];
