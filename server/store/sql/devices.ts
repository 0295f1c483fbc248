/**
 * The extension's devices: the one-time codes that start them, each device with its sealed
 * provider refresh token, and its access and refresh tokens (stored as SHA-256 only). What a
 * code or a refresh token may do is decided by `domain/devices.ts`.
 */
import type { DeviceSummary, SignInProblem } from '../../../protocol/auth';
import { decideCodeExchange } from '../../domain/devices';
import type { SqlDriver, SqlExecutor } from '../driver';
import type {
  CodeExchangeOutcome,
  DeviceAccess,
  DeviceTokens,
  NewSignInCode,
  StoredRefresh,
  UserRecord,
} from '../store';
import { toUser, type UserRow } from './rows';
import { lockWrites } from './sequence';

/** Stores a device's access and refresh tokens. */
async function insertTokens(
  db: SqlExecutor,
  deviceId: string,
  tokens: DeviceTokens,
  at: string,
): Promise<void> {
  await db.run(
    'INSERT INTO device_tokens (token_hash, device_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
    [
      tokens.access.hash,
      deviceId,
      'access',
      at,
      tokens.access.expiresAt,
      tokens.refresh.hash,
      deviceId,
      'refresh',
      at,
      tokens.refresh.expiresAt,
    ],
  );
}

/** Signs a device out inside a transaction; answers whether it was signed in. */
async function signOut(
  db: SqlExecutor,
  deviceId: string,
  reason: SignInProblem,
  at: string,
): Promise<boolean> {
  const changed = await db.run(
    'UPDATE devices SET signed_out_at = ?, signed_out_reason = ? WHERE id = ? AND signed_out_at IS NULL',
    [at, reason, deviceId],
  );
  // The tokens stay, so that whoever presents one is told why it no longer works.
  return changed > 0;
}

interface CodeRow {
  user_id: string;
  client_redirect: string;
  client_challenge: string;
  device_name: string;
  provider_refresh: string | null;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

/** Devices and their tokens. */
export class SqlDevices {
  constructor(private readonly driver: SqlDriver) {}

  /** Keeps a code for the extension, forgetting expired ones. */
  saveCode(code: NewSignInCode): Promise<void> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      // A used code is kept until it expires, so its replay is still recognised.
      await tx.run('DELETE FROM sign_in_codes WHERE expires_at <= ?', [
        code.createdAt,
      ]);
      await tx.run(
        `INSERT INTO sign_in_codes (code_hash, user_id, client_redirect, client_challenge, device_name,
           provider_refresh, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          code.codeHash,
          code.userId,
          code.clientRedirect,
          code.clientChallenge,
          code.deviceName,
          code.providerRefresh,
          code.createdAt,
          code.expiresAt,
        ],
      );
    });
  }

  /** Trades a code for a device and its first tokens. */
  exchangeCode(
    codeHash: string,
    input: { verifier: string; redirectUri: string },
    device: { id: string; tokens: DeviceTokens },
    at: string,
  ): Promise<CodeExchangeOutcome> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get<CodeRow>(
        `SELECT user_id, client_redirect, client_challenge, device_name, provider_refresh, expires_at,
           used_at, device_id FROM sign_in_codes WHERE code_hash = ?`,
        [codeHash],
      );
      const decision = decideCodeExchange(
        row
          ? {
              clientRedirect: row.client_redirect,
              clientChallenge: row.client_challenge,
              expiresAt: row.expires_at,
              usedAt: row.used_at,
              deviceId: row.device_id,
            }
          : null,
        input,
        at,
      );
      if (decision.kind === 'refused') {
        if (decision.signOutDevice)
          await signOut(tx, decision.signOutDevice, 'refresh-reused', at);
        return { kind: 'refused', message: decision.message };
      }
      if (!row) throw new Error('A code was accepted without a row');
      const user = await tx.get<UserRow>(
        'SELECT id, name, role, team, created_at, revoked_at FROM users WHERE id = ?',
        [row.user_id],
      );
      if (!user || user.revoked_at !== null)
        return {
          kind: 'refused',
          message: 'This Snag account has been switched off',
        };
      await tx.run(
        'UPDATE sign_in_codes SET used_at = ?, device_id = ? WHERE code_hash = ?',
        [at, device.id, codeHash],
      );
      await tx.run(
        `INSERT INTO devices (id, user_id, name, provider_refresh, created_at, refreshed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [device.id, row.user_id, row.device_name, row.provider_refresh, at, at],
      );
      await insertTokens(tx, device.id, device.tokens, at);
      return { kind: 'issued', user: toUser(user), deviceId: device.id };
    });
  }

  /** A refresh token with its device and user. */
  async refreshToken(hash: string): Promise<StoredRefresh | null> {
    const row = await this.driver.get<{
      device_id: string;
      expires_at: string;
      used_at: string | null;
      signed_out_at: string | null;
      signed_out_reason: SignInProblem | null;
      provider_refresh: string | null;
      user_id: string;
      revoked_at: string | null;
    }>(
      `SELECT t.device_id, t.expires_at, t.used_at, d.signed_out_at, d.signed_out_reason,
         d.provider_refresh, d.user_id, u.revoked_at
       FROM device_tokens t JOIN devices d ON d.id = t.device_id JOIN users u ON u.id = d.user_id
       WHERE t.token_hash = ? AND t.kind = 'refresh'`,
      [hash],
    );
    if (!row) return null;
    return {
      deviceId: row.device_id,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      signedOut: row.signed_out_at !== null,
      signedOutReason: row.signed_out_reason,
      userRevoked: row.revoked_at !== null,
      userId: row.user_id,
      providerRefresh: row.provider_refresh,
    };
  }

  /** Uses a refresh token and stores the next pair, if it is still unused; answers the user. */
  rotateRefresh(
    hash: string,
    deviceId: string,
    tokens: DeviceTokens,
    providerRefresh: string | undefined,
    at: string,
  ): Promise<UserRecord | null> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const used = await tx.run(
        "UPDATE device_tokens SET used_at = ? WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NULL",
        [at, hash],
      );
      if (used === 0) return null;
      const live = await tx.run(
        'UPDATE devices SET refreshed_at = ? WHERE id = ? AND signed_out_at IS NULL',
        [at, deviceId],
      );
      if (live === 0) return null;
      if (providerRefresh !== undefined) {
        await tx.run('UPDATE devices SET provider_refresh = ? WHERE id = ?', [
          providerRefresh,
          deviceId,
        ]);
      }
      // Expired tokens can no longer be presented, reused or not, so they need not be kept.
      await tx.run(
        'DELETE FROM device_tokens WHERE device_id = ? AND expires_at <= ?',
        [deviceId, at],
      );
      await insertTokens(tx, deviceId, tokens, at);
      const user = await tx.get<UserRow>(
        `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at
         FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = ?`,
        [deviceId],
      );
      return user ? toUser(user) : null;
    });
  }

  /** Signs a device out; false if it already was (or does not exist). */
  signOut(
    deviceId: string,
    reason: SignInProblem,
    at: string,
  ): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const done = await signOut(tx, deviceId, reason, at);
      // The device's user is one row away; every stream checks itself again instead.
      if (done) tx.notify({ type: 'access-changed' });
      return done;
    });
  }

  /** The device holding an access token, with its user. */
  async byAccessHash(hash: string): Promise<DeviceAccess | null> {
    const row = await this.driver.get<
      UserRow & {
        device_id: string;
        expires_at: string;
        signed_out_at: string | null;
        signed_out_reason: SignInProblem | null;
      }
    >(
      `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at, t.device_id, t.expires_at,
         d.signed_out_at, d.signed_out_reason
       FROM device_tokens t JOIN devices d ON d.id = t.device_id JOIN users u ON u.id = d.user_id
       WHERE t.token_hash = ? AND t.kind = 'access'`,
      [hash],
    );
    if (!row) return null;
    return {
      user: toUser(row),
      deviceId: row.device_id,
      expiresAt: row.expires_at,
      signedOut: row.signed_out_at !== null,
      signedOutReason: row.signed_out_reason,
      userRevoked: row.revoked_at !== null,
    };
  }

  /** Every signed-in device of a live user, newest first. */
  async list(): Promise<DeviceSummary[]> {
    const rows = await this.driver.all<{
      id: string;
      user_id: string;
      user_name: string;
      role: DeviceSummary['role'];
      name: string;
      created_at: string;
      refreshed_at: string;
    }>(
      `SELECT d.id, d.user_id, u.name AS user_name, u.role, d.name, d.created_at, d.refreshed_at
       FROM devices d JOIN users u ON u.id = d.user_id
       WHERE d.signed_out_at IS NULL AND u.revoked_at IS NULL
       ORDER BY d.created_at DESC, d.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      role: r.role,
      name: r.name,
      signedInAt: r.created_at,
      lastRefreshedAt: r.refreshed_at,
    }));
  }
}
