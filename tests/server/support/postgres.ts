/**
 * A throwaway PostgreSQL schema per test file, so runs never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL variants run against, if configured. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** A fresh schema and a URL whose connections use it. */
export interface TestSchema {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates `snag_test_<random>` and answers a URL with it on the search path. */
export async function createTestSchema(
  base = DATABASE_URL,
): Promise<TestSchema> {
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `snag_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await client.end();
    },
  };
}
