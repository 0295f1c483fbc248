import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { paths, type Session } from '../../../../protocol/api';
import type { SignInMethods } from '../../../../protocol/auth';
import { ApiError, describeError, request } from '../api';
import {
  councilSignInHref,
  pressWithSpace,
  signInProblemText,
  useSignInMethods,
} from '../sign-in';

/** Props of {@link SignIn}. */
export interface SignInProps {
  /** Called with the new session once the token is accepted. */
  onSignedIn: (session: Session) => void;
  /** A problem to show before anyone has typed, such as the server being unreachable. */
  notice?: string | null;
  /** Why the last council sign-in failed (`?reason=` from the server), if it did. */
  reason?: string | null;
  /** Where to go after signing in (`?next=`). */
  next?: string | null;
}

/** The sign-in form's state, and its submit handler. */
function useSignIn(onSignedIn: (session: Session) => void) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const fail = (message: string) => {
    setError(message);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim()) return fail('Enter your access token');
    setBusy(true);
    try {
      const session = await request<Session>(paths.session, {
        method: 'POST',
        body: { token: token.trim() },
      });
      onSignedIn(session);
    } catch (e) {
      fail(
        e instanceof ApiError && e.status === 401
          ? 'That access token was not recognised'
          : e instanceof ApiError && e.status === 403
            ? e.message
            : describeError(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return { token, setToken, error, busy, summary, submit };
}

/**
 * Sign-in: with the council account when single sign-on is set up, and with an access token
 * unless the server switched that off. Either way the server answers with an HttpOnly session
 * cookie.
 */
export default function SignIn({
  onSignedIn,
  notice,
  reason,
  next,
}: SignInProps) {
  const form = useSignIn(onSignedIn);
  const methods = useSignInMethods();
  const problem = signInProblemText(reason ?? null);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {form.error && (
          <ErrorSummary error={form.error} summary={form.summary} />
        )}
        {problem && !form.error && (
          <div class="govuk-error-summary" role="alert" tabIndex={-1}>
            <h2 class="govuk-error-summary__title">You are not signed in</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{problem}</p>
            </div>
          </div>
        )}
        {notice && !form.error && (
          <div class="govuk-inset-text" role="status">
            {notice}
          </div>
        )}
        <h1 class="govuk-heading-l">Sign in</h1>
        {methods === null ? (
          <p class="govuk-body">Loading…</p>
        ) : (
          <Methods methods={methods} form={form} next={next ?? null} />
        )}
      </div>
    </div>
  );
}

/** The council sign-in button and the token form, as the server allows. */
function Methods({
  methods,
  form,
  next,
}: {
  methods: SignInMethods;
  form: ReturnType<typeof useSignIn>;
  next: string | null;
}) {
  return (
    <>
      {methods.sso && (
        <>
          <p class="govuk-body">
            Use the account you sign in to your council computer with.
          </p>
          <a
            href={councilSignInHref(next)}
            role="button"
            draggable={false}
            class="govuk-button govuk-button--start"
            onKeyDown={pressWithSpace}
          >
            Sign in with your council account
          </a>
        </>
      )}
      {methods.tokenSignIn !== 'off' && (
        <>
          {methods.sso ? (
            <h2 class="govuk-heading-m">Sign in with an access token</h2>
          ) : null}
          <p class="govuk-body">
            {methods.tokenSignIn === 'admins'
              ? 'Access tokens are for administrators, when the council sign-in is not working.'
              : 'Use the access token your administrator gave you. The dashboard is for IT and digital reviewers.'}
          </p>
          <form onSubmit={form.submit} noValidate>
            <TokenField
              token={form.token}
              setToken={form.setToken}
              error={form.error}
            />
            <button
              type="submit"
              class={`govuk-button${methods.sso ? ' govuk-button--secondary' : ''}`}
              disabled={form.busy}
            >
              Sign in
            </button>
          </form>
        </>
      )}
    </>
  );
}

/** The error summary above the form, focused when it appears. */
function ErrorSummary({
  error,
  summary,
}: {
  error: string;
  summary: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div class="govuk-error-summary" ref={summary} tabIndex={-1} role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          <li>
            <a href="#access-token">{error}</a>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** The access token field, with its error message. */
function TokenField({
  token,
  setToken,
  error,
}: {
  token: string;
  setToken: (token: string) => void;
  error: string | null;
}) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for="access-token">
        Access token
      </label>
      {error && (
        <p id="access-token-error" class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        class={`govuk-input${error ? ' govuk-input--error' : ''}`}
        id="access-token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        aria-describedby={error ? 'access-token-error' : undefined}
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
    </div>
  );
}
