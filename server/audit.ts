/**
 * Recording to the audit log from a request: who (the signed-in user), when (the injected
 * clock) and from where (the client's address as the server sees it). Callers pass ids, field
 * names, filters and counts; report text never goes in.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditAction } from '../protocol/audit';
import type { NewAuditEntry, Store, UserRecord } from './store/store';

declare module 'fastify' {
  interface FastifyRequest {
    /** Appends an entry for this request to the audit log. */
    audit(
      action: AuditAction,
      target: string | null,
      detail: Record<string, unknown>,
      actor?: UserRecord,
    ): Promise<void>;
  }
}

/** Gives every request of the API scope its `audit` function. */
export function installAudit(
  api: FastifyInstance,
  store: Store,
  now: () => Date,
): void {
  api.decorateRequest('audit', async function (action, target, detail, actor) {
    const who = actor ?? this.user;
    await store.appendAudit({
      at: now().toISOString(),
      actor: who ? { id: who.id, name: who.name } : null,
      action,
      target,
      detail,
      address: this.ip,
    });
  });
}

/** An audit entry for something done on the server's command line, where nobody signs in. */
export function commandLineEntry(
  action: AuditAction,
  target: string | null,
  detail: Record<string, unknown>,
  at: Date,
): NewAuditEntry {
  return {
    at: at.toISOString(),
    actor: null,
    action,
    target,
    detail: { ...detail, via: 'command line' },
    address: null,
  };
}
