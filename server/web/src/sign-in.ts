/**
 * Single sign-on as the dashboard sees it: which ways of signing in the server offers, the
 * addresses that start a council sign-in, and the sentence for a sign-in that failed.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  authPaths,
  isSignInProblem,
  SIGN_IN_PROBLEMS,
  signInPages,
  type SignInMethods,
} from '../../../protocol/auth';
import { request } from './api';
import { takePrefetched } from './prefetch';

/** The methods until the server says: token sign-in only, as before single sign-on. */
const TOKEN_ONLY: SignInMethods = { sso: false, tokenSignIn: 'all' };

/** The ways of signing in; null while they are being read. */
export function useSignInMethods(): SignInMethods | null {
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  useEffect(() => {
    (
      takePrefetched<SignInMethods>(authPaths.methods) ??
      request<SignInMethods>(authPaths.methods)
    )
      .then(setMethods)
      // An older server has no single sign-on; tokens still work there.
      .catch(() => setMethods(TOKEN_ONLY));
  }, []);
  return methods;
}

/** Where "Sign in with your council account" goes, coming back to `next`. */
export function councilSignInHref(next: string | null, link = false): string {
  const query = new URLSearchParams();
  if (next) query.set('next', next);
  if (link) query.set('link', '1');
  const text = query.toString();
  return `${signInPages.oidcStart}${text ? `?${text}` : ''}`;
}

/** The sentence for `?reason=` after a failed sign-in, or null for none or an unknown one. */
export function signInProblemText(reason: string | null): string | null {
  return isSignInProblem(reason) ? SIGN_IN_PROBLEMS[reason] : null;
}

/**
 * Lets a link styled as a button be pressed with the space bar too, as a button would be
 * (GOV.UK's start buttons do the same).
 */
export function pressWithSpace(event: KeyboardEvent): void {
  if (event.key !== ' ') return;
  event.preventDefault();
  (event.currentTarget as HTMLAnchorElement).click();
}
