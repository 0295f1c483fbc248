/**
 * An in-process server over either store, with one user of each role, for `inject` tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../protocol/api';
import type { Team } from '../../../protocol/report';
import { buildApp } from '../../../server/app';
import { configFromEnv, type ServerConfig } from '../../../server/config';
import { openStore } from '../../../server/store/open';
import type { SqlStore } from '../../../server/store/sql-store';
import type { UserRecord } from '../../../server/store/store';
import { mintUser } from '../../../server/tokens';
import { createTestSchema, DATABASE_URL } from './postgres';

/**
 * The instant tests stamp their changes with, so no test depends on the day it runs. The
 * in-process app's clock stands still at it too.
 */
export const TEST_NOW = new Date('2025-06-02T09:00:00.000Z');

/** The stores every suite runs against: SQLite always, PostgreSQL when configured. */
export const STORE_KINDS: Array<'sqlite' | 'postgres'> = DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/** An open store in a throwaway location. */
export interface TestStore {
  store: SqlStore;
  /** Where a child server would find the same data. */
  location: { dataDir: string; databaseUrl?: string };
  close(): Promise<void>;
}

/** Opens a fresh, migrated store of the given kind. */
export async function openTestStore(
  kind: 'sqlite' | 'postgres',
): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'snag-test-'));
  if (kind === 'sqlite') {
    const store = await openStore({ dataDir });
    return {
      store,
      location: { dataDir },
      async close() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const store = await openStore({ dataDir, databaseUrl: schema.url });
  return {
    store,
    location: { dataDir, databaseUrl: schema.url },
    async close() {
      await store.close();
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A user made for a test, with their token. */
export interface TestUser {
  user: UserRecord;
  token: string;
  /** `{ authorization: 'Bearer …' }`. */
  auth: { authorization: string };
}

/** Creates a user straight in the store. */
export async function addUser(
  store: SqlStore,
  name: string,
  role: Role,
  team: Team | null = null,
): Promise<TestUser> {
  const { user, token } = mintUser(name, role, team, TEST_NOW);
  await store.createUser(user);
  return {
    user: {
      id: user.id,
      name,
      role,
      team,
      createdAt: user.createdAt,
      revokedAt: null,
    },
    token,
    auth: { authorization: `Bearer ${token}` },
  };
}

/** An app with a store and one user per role (two reporters). */
export interface TestApp extends TestStore {
  app: FastifyInstance;
  admin: TestUser;
  reviewer: TestUser;
  reporter: TestUser;
  otherReporter: TestUser;
}

/** Test settings: generous rate limits, no dashboard build needed. */
export function testConfig(
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  return {
    ...configFromEnv({}),
    rateLimit: 100_000,
    rateLimitPerIp: 100_000,
    webRoot: join(tmpdir(), 'snag-no-dashboard'),
    ...overrides,
  };
}

/** Builds an in-process app over a fresh store; its clock reads {@link TEST_NOW} unless told. */
export async function openTestApp(
  kind: 'sqlite' | 'postgres',
  config: Partial<ServerConfig> = {},
  now: () => Date = () => new Date(TEST_NOW),
): Promise<TestApp> {
  const testStore = await openTestStore(kind);
  const { store } = testStore;
  const app = await buildApp({ store, config: testConfig(config), now });
  await app.ready();
  return {
    ...testStore,
    app,
    admin: await addUser(store, 'Ada Admin', 'admin'),
    reviewer: await addUser(store, 'Rita Reviewer', 'reviewer', 'digital'),
    reporter: await addUser(store, 'Ray Reporter', 'reporter'),
    otherReporter: await addUser(store, 'Olu Reporter', 'reporter'),
    async close() {
      await app.close();
      await testStore.close();
    },
  };
}
