/**
 * Connecting the extension to a Snag server from the options page: host permission for that
 * origin only, then `/health` (is it Snag?) and `/me` (whose token?), each failure in words.
 */
import type { Me } from '@/protocol/api';
import type { ManagedSettings } from '@/protocol/auth';
import { plainHttpRefused } from '../managed-settings';
import { ServerClient, normaliseServerUrl } from './client';

/** Why a connection attempt failed. */
export type ConnectFailure =
  | 'bad-address'
  | 'insecure-http'
  | 'permission-refused'
  | 'unreachable'
  | 'not-snag'
  | 'bad-token'
  | 'revoked-token'
  | 'server-error';

/** What came of a connection attempt. */
export type ConnectResult =
  | { ok: true; serverUrl: string; me: Me }
  | { ok: false; reason: ConnectFailure; detail?: string };

/** The browser's permission calls, injected for tests. */
export interface PermissionsApi {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
}

/**
 * Checks a server address and token. Asks for host permission only when it is not already
 * granted, so the browser prompt appears once per server. An `http:` address for another
 * machine is refused before anything is sent, unless policy allows it (`managed.allowHttp`).
 */
export async function connectToServer(
  address: string,
  token: string,
  permissions: PermissionsApi,
  // Injected: tests talk to a real server through node's fetch.
  fetchImpl?: typeof fetch,
  managed: ManagedSettings = {},
): Promise<ConnectResult> {
  const serverUrl = normaliseServerUrl(address);
  if (!serverUrl) return { ok: false, reason: 'bad-address' };
  if (plainHttpRefused(serverUrl, managed))
    return { ok: false, reason: 'insecure-http' };
  const origins = [`${serverUrl}/*`];
  let granted: boolean;
  try {
    granted =
      (await permissions.contains({ origins })) ||
      (await permissions.request({ origins }));
  } catch (error) {
    return { ok: false, reason: 'permission-refused', detail: String(error) };
  }
  if (!granted) return { ok: false, reason: 'permission-refused' };

  const client = new ServerClient(
    { serverUrl, token: token.trim() },
    fetchImpl,
  );
  const health = await client.health();
  if (health.kind === 'network') {
    return {
      ok: false,
      reason: health.cause === 'bad-answer' ? 'not-snag' : 'unreachable',
    };
  }
  if (health.kind === 'http') return { ok: false, reason: 'not-snag' };
  const me = await client.me();
  if (me.kind === 'ok') return { ok: true, serverUrl, me: me.value };
  if (me.kind === 'network') return { ok: false, reason: 'unreachable' };
  if (me.status === 401) {
    return {
      ok: false,
      reason: me.code === 'token_revoked' ? 'revoked-token' : 'bad-token',
    };
  }
  return { ok: false, reason: 'server-error', detail: me.message };
}
