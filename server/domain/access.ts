/**
 * Who may change what, beyond the role each route admits (which `auth.ts` enforces before a
 * route runs). Only a report's author may change its content (see `planPut`).
 */
import type { Role } from '../../protocol/api';

/** The caller, as far as these rules need to know them. */
export interface Caller {
  id: string;
  role: Role;
}

/** The author adds the screenshot; an admin may too, to repair a report. */
export function mayAddScreenshot(caller: Caller, authorId: string): boolean {
  return caller.id === authorId || caller.role === 'admin';
}

/**
 * Why `caller` may not revoke user `targetId`, or null if they may. An admin who revoked their
 * own token could lock everyone out of user management.
 */
export function revokeProblem(caller: Caller, targetId: string): string | null {
  return caller.id === targetId ? 'Admins cannot revoke themselves' : null;
}
