/**
 * Provider identities: which Snag user each council account (issuer and subject) belongs to,
 * and applying a provider sign-in to them under the rule in `domain/sign-in.ts`.
 */
import { decideSignIn, type KnownUser } from '../../domain/sign-in';
import type { SqlDriver, SqlExecutor } from '../driver';
import type { ProviderSignIn, ProviderSignInOutcome } from '../store';
import { toUser, type UserRow } from './rows';
import { lockWrites } from './sequence';
import { insertUser } from './users';

async function knownUser(
  db: SqlExecutor,
  sql: string,
  params: unknown[],
): Promise<KnownUser | null> {
  const row = await db.get<{ id: string; revoked_at: string | null }>(
    sql,
    params,
  );
  return row ? { id: row.id, revoked: row.revoked_at !== null } : null;
}

/** Provider identities. */
export class SqlIdentities {
  constructor(private readonly driver: SqlDriver) {}

  /**
   * Applies a provider sign-in: finds who the identity and the linking token holder are,
   * asks the rule what that means, and writes it, all under the write lock so two first
   * sign-ins of one person make one user.
   */
  signIn(input: ProviderSignIn): Promise<ProviderSignInOutcome> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const owner = await knownUser(
        tx,
        'SELECT u.id, u.revoked_at FROM identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = ? AND i.subject = ?',
        [input.issuer, input.subject],
      );
      const linkTo = input.linkUserId
        ? await knownUser(tx, 'SELECT id, revoked_at FROM users WHERE id = ?', [
            input.linkUserId,
          ])
        : null;
      const decision = decideSignIn({ owner, linkTo });
      if (decision.kind === 'refused') return decision;

      let userId: string;
      if (decision.kind === 'create') {
        userId = input.newUser.id;
        await insertUser(tx, {
          ...input.newUser,
          name: input.name,
          role: input.role,
        });
      } else {
        userId = decision.userId;
        // Roles (and the name) follow the provider at every sign-in.
        await tx.run('UPDATE users SET role = ?, name = ? WHERE id = ?', [
          input.role,
          input.name,
          userId,
        ]);
        tx.notify({ type: 'access-changed', userId });
      }
      if (decision.kind === 'existing') {
        await tx.run(
          'UPDATE identities SET last_sign_in_at = ? WHERE issuer = ? AND subject = ?',
          [input.at, input.issuer, input.subject],
        );
      } else {
        await tx.run(
          'INSERT INTO identities (issuer, subject, user_id, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?)',
          [input.issuer, input.subject, userId, input.at, input.at],
        );
      }
      const row = await tx.get<UserRow>(
        'SELECT id, name, role, team, created_at, revoked_at FROM users WHERE id = ?',
        [userId],
      );
      if (!row) throw new Error(`User ${userId} vanished while signing in`);
      return {
        kind: 'signed-in',
        user: toUser(row),
        created: decision.kind === 'create',
        linked: decision.kind === 'link',
      };
    });
  }

  /** Whether a council account is linked to this user. */
  async linked(userId: string): Promise<boolean> {
    const row = await this.driver.get<{ user_id: string }>(
      'SELECT user_id FROM identities WHERE user_id = ? LIMIT 1',
      [userId],
    );
    return row !== undefined;
  }
}
