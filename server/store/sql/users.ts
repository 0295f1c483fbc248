/**
 * Users, the hashes of their tokens, and dashboard sessions.
 */
import { FORMER_REPORTER_ID } from '../migrations';
import type { SqlDriver, SqlExecutor } from '../driver';
import type { NewUser, SessionRecord, UserRecord } from '../store';
import { toUser, type UserRow } from './rows';
import { lockWrites } from './sequence';

const USER_COLUMNS = 'id, name, role, team, created_at, revoked_at';
const INSERT_USER =
  'INSERT INTO users (id, name, role, team, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)';

/** Writes a new user row. */
export async function insertUser(
  db: SqlExecutor,
  user: NewUser,
): Promise<void> {
  await db.run(INSERT_USER, [
    user.id,
    user.name,
    user.role,
    user.team,
    user.tokenHash,
    user.createdAt,
  ]);
}

/** Users and their sessions. */
export class SqlUsers {
  constructor(private readonly driver: SqlDriver) {}

  /** Adds a user. */
  create(user: NewUser): Promise<void> {
    return insertUser(this.driver, user);
  }

  /** Adds `user` only if there are no users at all; answers whether it did. */
  createFirstAdmin(user: NewUser): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      // Under the write lock, so two instances starting together make one admin, not two.
      await lockWrites(tx, this.driver);
      const row = await tx.get<{ n: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users WHERE id <> ?',
        [FORMER_REPORTER_ID],
      );
      if (Number(row?.n ?? 0) > 0) return false;
      await insertUser(tx, user);
      return true;
    });
  }

  /** Every user, revoked ones included, oldest first, with whether a council account is linked. */
  async list(): Promise<UserRecord[]> {
    const rows = await this.driver.all<UserRow & { council_account: unknown }>(
      `SELECT ${USER_COLUMNS},
         CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.user_id = users.id) THEN 1 ELSE 0 END AS council_account
       FROM users WHERE id <> ? ORDER BY created_at, id`,
      // The account retention hands anonymised reports to is nobody an admin manages.
      [FORMER_REPORTER_ID],
    );
    return rows.map((row) => ({
      ...toUser(row),
      councilAccount: Number(row.council_account) === 1,
    }));
  }

  /** The live (not revoked) user holding a token with this hash. */
  async byTokenHash(tokenHash: string): Promise<UserRecord | null> {
    const row = await this.driver.get<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE token_hash = ? AND revoked_at IS NULL`,
      [tokenHash],
    );
    return row ? toUser(row) : null;
  }

  /** Whether this token hash belongs to a user who has been revoked. */
  async tokenHashRevoked(tokenHash: string): Promise<boolean> {
    const row = await this.driver.get<{ id: string }>(
      'SELECT id FROM users WHERE token_hash = ? AND revoked_at IS NOT NULL',
      [tokenHash],
    );
    return row !== undefined;
  }

  /**
   * Revokes a user and ends everything they are signed in with: their sessions and, with the
   * reason they will be shown, their devices. Answers false if no such live user.
   */
  revoke(id: string, at: string): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const changed = await tx.run(
        'UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
        [at, id],
      );
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
      await tx.run(
        "UPDATE devices SET signed_out_at = ?, signed_out_reason = 'account-revoked' WHERE user_id = ? AND signed_out_at IS NULL",
        [at, id],
      );
      tx.notify({ type: 'access-changed', userId: id });
      return changed > 0;
    });
  }

  /** Starts a dashboard session, clearing out expired ones on the way. */
  async createSession(
    idHash: string,
    userId: string,
    csrfToken: string,
    at: string,
    expiresAt: string,
  ): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM sessions WHERE expires_at <= ?', [at]);
      await tx.run(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [idHash, userId, csrfToken, at, expiresAt],
      );
    });
  }

  /** The live session with this id hash at `now`, and whose it is. */
  async session(idHash: string, now: string): Promise<SessionRecord | null> {
    const row = await this.driver.get<
      UserRow & { csrf_token: string; expires_at: string }
    >(
      `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND u.revoked_at IS NULL`,
      [idHash, now],
    );
    return row
      ? {
          user: toUser(row),
          csrfToken: row.csrf_token,
          expiresAt: row.expires_at,
        }
      : null;
  }

  /** Ends a session. */
  async deleteSession(idHash: string): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const row = await tx.get<{ user_id: string }>(
        'SELECT user_id FROM sessions WHERE id_hash = ?',
        [idHash],
      );
      await tx.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
      if (row) tx.notify({ type: 'access-changed', userId: row.user_id });
    });
  }
}
