/**
 * Seals the identity provider's refresh tokens before they are stored: AES-256-GCM with a key
 * derived from the client secret. A copy of the database alone then holds nothing the
 * provider would honour, and rotating the client secret simply makes devices sign in again.
 */
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/** Seals and opens short secrets with one key. */
export interface Sealer {
  seal(plain: string): string;
  /** The plain text, or null if it was sealed with another key or tampered with. */
  open(sealed: string): string | null;
}

/** A sealer whose key is derived from `secret`. */
export function sealerFor(secret: string): Sealer {
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'snag', 'provider refresh tokens', 32),
  );
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([
        cipher.update(plain, 'utf8'),
        cipher.final(),
      ]);
      return [iv, cipher.getAuthTag(), body]
        .map((b) => b.toString('base64url'))
        .join('.');
    },
    open(sealed) {
      const [iv, tag, body] = sealed
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !body) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([
          decipher.update(body),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
