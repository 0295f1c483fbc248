/**
 * Sign-ins in progress: the provider round trips waiting for their callback, and the link
 * tickets that let a token holder link their council account. Each is taken once.
 */
import type { SqlDriver } from '../driver';
import type { FlowPurpose, SignInFlow } from '../store';
import { lockWrites } from './sequence';

interface FlowRow {
  state_hash: string;
  purpose: FlowPurpose;
  binding_hash: string | null;
  code_verifier: string;
  nonce: string;
  return_to: string | null;
  client_redirect: string | null;
  client_state: string | null;
  client_challenge: string | null;
  device_name: string | null;
  link_user_id: string | null;
  created_at: string;
  expires_at: string;
}

const toFlow = (row: FlowRow): SignInFlow => ({
  stateHash: row.state_hash,
  purpose: row.purpose,
  bindingHash: row.binding_hash,
  codeVerifier: row.code_verifier,
  nonce: row.nonce,
  returnTo: row.return_to,
  clientRedirect: row.client_redirect,
  clientState: row.client_state,
  clientChallenge: row.client_challenge,
  deviceName: row.device_name,
  linkUserId: row.link_user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** Sign-ins in progress and link tickets. */
export class SqlSignInFlows {
  constructor(private readonly driver: SqlDriver) {}

  /** Keeps a flow, forgetting those that expired (abandoned sign-ins leave rows behind). */
  save(flow: SignInFlow): Promise<void> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      await tx.run('DELETE FROM sign_in_flows WHERE expires_at <= ?', [
        flow.createdAt,
      ]);
      await tx.run(
        `INSERT INTO sign_in_flows (state_hash, purpose, binding_hash, code_verifier, nonce, return_to,
           client_redirect, client_state, client_challenge, device_name, link_user_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          flow.stateHash,
          flow.purpose,
          flow.bindingHash,
          flow.codeVerifier,
          flow.nonce,
          flow.returnTo,
          flow.clientRedirect,
          flow.clientState,
          flow.clientChallenge,
          flow.deviceName,
          flow.linkUserId,
          flow.createdAt,
          flow.expiresAt,
        ],
      );
    });
  }

  /** Takes a flow once; the caller checks its expiry, so it can say "too late". */
  take(stateHash: string): Promise<SignInFlow | null> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get<FlowRow>(
        'SELECT * FROM sign_in_flows WHERE state_hash = ?',
        [stateHash],
      );
      if (!row) return null;
      await tx.run('DELETE FROM sign_in_flows WHERE state_hash = ?', [
        stateHash,
      ]);
      return toFlow(row);
    });
  }

  /** Keeps a link ticket. */
  async saveTicket(
    hash: string,
    userId: string,
    expiresAt: string,
  ): Promise<void> {
    await this.driver.run(
      'INSERT INTO link_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)',
      [hash, userId, expiresAt],
    );
  }

  /** Takes a link ticket once, if unexpired at `now`; answers whose it was. */
  takeTicket(hash: string, now: string): Promise<string | null> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get<{ user_id: string; expires_at: string }>(
        'SELECT user_id, expires_at FROM link_tickets WHERE ticket_hash = ?',
        [hash],
      );
      await tx.run(
        'DELETE FROM link_tickets WHERE ticket_hash = ? OR expires_at <= ?',
        [hash, now],
      );
      return row && row.expires_at > now ? row.user_id : null;
    });
  }
}
