/**
 * What a sign-in means, without a database or a network: the role and name a provider's
 * claims give, who a provider identity is in Snag, whether a redirect belongs to our
 * extension, and whether a PKCE verifier answers its challenge.
 *
 * The identity rule: a provider account is known by its issuer and one stable claim (`sub`
 * unless configured otherwise), never by name or email, which change and get reused. A person
 * who already holds a pasted token becomes one person with their council account by linking
 * them once, proving both at the same time: signed in with the token (a dashboard session,
 * or the extension's link ticket), they complete a council sign-in. After that, either way of
 * signing in reaches the same user, and revoking that user ends both.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../protocol/api';
import type { SignInProblem, TokenSignIn } from '../../protocol/auth';

/** How the provider's claims map onto Snag's roles. */
export interface RoleMapping {
  /** The claim that lists the person's app roles (`roles` for Entra ID). */
  claim: string;
  /** Values of that claim that make someone a reviewer. */
  reviewerRoles: readonly string[];
  /** Values that make someone an admin. */
  adminRoles: readonly string[];
}

/** An ID token's claims, as the provider sent them. */
export type Claims = Record<string, unknown>;

/** The values of a claim that may be a list or one string. */
function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The role the claims give: admin if any admin role is present, else reviewer if any reviewer
 * role is, else reporter. A missing or unreadable claim gives a reporter.
 */
export function roleFromClaims(claims: Claims, mapping: RoleMapping): Role {
  const values = new Set(claimValues(claims[mapping.claim]));
  if (mapping.adminRoles.some((r) => values.has(r))) return 'admin';
  if (mapping.reviewerRoles.some((r) => values.has(r))) return 'reviewer';
  return 'reporter';
}

/** The longest name Snag keeps, as for users made by hand. */
const MAX_NAME = 200;

/** The person's name: `name`, else `preferred_username`, else `email`, else a placeholder. */
export function nameFromClaims(claims: Claims): string {
  for (const key of ['name', 'preferred_username', 'email']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim())
      return value.trim().slice(0, MAX_NAME);
  }
  return 'Council user';
}

/** The stable identifier of the provider account, or null if the claim is missing. */
export function subjectFromClaims(
  claims: Claims,
  subjectClaim: string,
): string | null {
  const value = claims[subjectClaim];
  return typeof value === 'string' && value.length > 0 && value.length <= 255
    ? value
    : null;
}

/** A user as the sign-in rule needs them. */
export interface KnownUser {
  id: string;
  revoked: boolean;
}

/** What the store found before a provider sign-in is applied. */
export interface SignInFacts {
  /** The user this provider identity already belongs to, if any. */
  owner: KnownUser | null;
  /** The user asking to link this identity (signed in with a token), if any. */
  linkTo: KnownUser | null;
}

/** What a provider sign-in does. */
export type SignInDecision =
  | { kind: 'existing'; userId: string }
  | { kind: 'link'; userId: string }
  | { kind: 'create' }
  | { kind: 'refused'; problem: SignInProblem };

/**
 * Who a provider sign-in is: the identity's owner, the token holder who links it, or a new
 * reporter. A revoked owner stays revoked, so switching a person off cannot be undone by
 * signing in again; an identity cannot move from one person to another.
 */
export function decideSignIn(facts: SignInFacts): SignInDecision {
  const { owner, linkTo } = facts;
  if (owner) {
    if (owner.revoked) return { kind: 'refused', problem: 'account-revoked' };
    if (linkTo && linkTo.id !== owner.id)
      return { kind: 'refused', problem: 'already-linked' };
    return { kind: 'existing', userId: owner.id };
  }
  if (linkTo) {
    if (linkTo.revoked) return { kind: 'refused', problem: 'account-revoked' };
    return { kind: 'link', userId: linkTo.id };
  }
  return { kind: 'create' };
}

/** Whether someone with `role` may sign in to the dashboard with an access token. */
export function tokenSignInAllowed(policy: TokenSignIn, role: Role): boolean {
  if (policy === 'all') return true;
  if (policy === 'admins') return role === 'admin';
  return false;
}

/** BASE64URL(SHA-256(verifier)), the S256 challenge of RFC 7636. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Whether `verifier` answers `challenge` by S256. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  return pkceChallenge(verifier) === challenge;
}

/**
 * Whether `uri` is one of our extension's sign-in redirects: `https:`, on one of the allowed
 * hosts (`<id>.chromiumapp.org`, `<hash>.extensions.allizom.org`), with no port, user, query
 * or fragment, since the answer's own query is added to it.
 */
export function extensionRedirectAllowed(
  uri: string,
  allowedHosts: readonly string[],
): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !uri.includes('#') &&
    allowedHosts.includes(url.hostname)
  );
}

/**
 * Where the dashboard goes after signing in: an in-app path only, never another site, so a
 * crafted `next` cannot send someone away from Snag.
 */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== 'string') return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return '/';
  if (next.length > 500 || next.startsWith('/auth/') || next === '/sign-in')
    return '/';
  return next;
}

/** Whether an `http:` issuer is acceptable: only on a loopback address. */
export function issuerAllowed(issuer: URL): boolean {
  if (issuer.protocol === 'https:') return true;
  if (issuer.protocol !== 'http:') return false;
  const host = issuer.hostname;
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
