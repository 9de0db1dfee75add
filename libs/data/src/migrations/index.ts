import { InitialSchema1767225600000 } from './1767225600000-initial-schema';

export { InitialSchema1767225600000 };

/** Migrations in the order they run (TypeORM also sorts by the timestamp in the name). */
export const MIGRATIONS = [InitialSchema1767225600000];
