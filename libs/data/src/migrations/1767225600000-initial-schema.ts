import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EVENT_TYPES, MODEL_STATUSES } from '@magpie/contracts';
import { quoteIdent } from '../db/sql';

const schemaOf = (queryRunner: QueryRunner): string =>
  quoteIdent((queryRunner.connection.options as { schema?: string }).schema ?? 'public');

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The first Magpie schema: catalogue, shoppers, events, model versions and artifacts, long-tail candidates. */
export class InitialSchema1767225600000 implements MigrationInterface {
  name = 'InitialSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `CREATE TABLE ${s}.products (
        id serial PRIMARY KEY,
        external_id text NOT NULL CONSTRAINT products_external_id_key UNIQUE,
        title text NOT NULL,
        description text NULL,
        brand text NULL,
        categories text[] NOT NULL DEFAULT '{}',
        price double precision NULL,
        stock integer NULL,
        image_url text NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX products_updated_at_idx ON ${s}.products (updated_at, id)`,
      `CREATE TABLE ${s}.users (
        id serial PRIMARY KEY,
        external_id text NOT NULL CONSTRAINT users_external_id_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE ${s}.events (
        id bigserial PRIMARY KEY,
        user_id integer NOT NULL REFERENCES ${s}.users (id) ON DELETE CASCADE,
        product_id integer NULL REFERENCES ${s}.products (id),
        type varchar(16) NOT NULL CONSTRAINT events_type_check CHECK (type IN (${sqlList(EVENT_TYPES)})),
        query text NULL,
        source varchar(64) NULL,
        model_version varchar(64) NULL,
        client_event_id text NULL,
        ts timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX events_client_event_id_key ON ${s}.events (client_event_id) WHERE client_event_id IS NOT NULL`,
      `CREATE INDEX events_user_ts_idx ON ${s}.events (user_id, ts, id)`,
      `CREATE INDEX events_ts_idx ON ${s}.events (ts)`,
      `CREATE TABLE ${s}.model_artifacts (
        id serial PRIMARY KEY,
        name text NOT NULL,
        bytes bytea NOT NULL,
        meta jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE ${s}.model_versions (
        id serial PRIMARY KEY,
        kind varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'training'
          CONSTRAINT model_versions_status_check CHECK (status IN (${sqlList(MODEL_STATUSES)})),
        config jsonb NOT NULL DEFAULT '{}',
        metrics jsonb NOT NULL DEFAULT '{}',
        artifact_id integer NULL REFERENCES ${s}.model_artifacts (id) ON DELETE SET NULL,
        job_id text NULL,
        failure text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        promoted_at timestamptz NULL
      )`,
      // At most one active version per kind: activation retires the old one in the same transaction.
      `CREATE UNIQUE INDEX model_versions_one_active_per_kind ON ${s}.model_versions (kind) WHERE status = 'active'`,
      `CREATE INDEX model_versions_kind_created_idx ON ${s}.model_versions (kind, created_at DESC, id DESC)`,
      `CREATE TABLE ${s}.longtail_candidates (
        generator_version integer NOT NULL,
        user_id integer NOT NULL REFERENCES ${s}.users (id) ON DELETE CASCADE,
        product_id integer NOT NULL REFERENCES ${s}.products (id) ON DELETE CASCADE,
        score real NOT NULL,
        PRIMARY KEY (generator_version, user_id, product_id)
      )`,
      // Deleting a user (forgetUser, cascade) finds its candidates without scanning every version.
      `CREATE INDEX longtail_candidates_user_idx ON ${s}.longtail_candidates (user_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['longtail_candidates', 'model_versions', 'model_artifacts', 'events', 'users', 'products']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
