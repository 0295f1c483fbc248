/**
 * Access tokens and session ids: 32 random bytes, shown once, and stored only as SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../protocol/api';
import type { Team } from '../protocol/report';
import { sha256 } from './canonical-json';
import type { NewUser } from './store/store';

/** A fresh random secret, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store in place of a token. */
export function hashToken(token: string): string {
  return sha256(token);
}

/** A new user and their token; the caller shows the token once and keeps only `user`. */
export function mintUser(
  name: string,
  role: Role,
  team: Team | null = null,
  now: Date = new Date(),
): { user: NewUser; token: string } {
  const token = newSecret();
  return {
    token,
    user: {
      id: uuidv7(),
      name,
      role,
      team,
      tokenHash: hashToken(token),
      createdAt: now.toISOString(),
    },
  };
}
