import { useRef, useState } from 'preact/hooks';
import { ApiError, describeError, request, type Session } from '../api';

/** Props of {@link SignIn}. */
export interface SignInProps {
  /** Called with the new session once the token is accepted. */
  onSignedIn: (session: Session) => void;
  /** A problem to show before anyone has typed, such as the server being unreachable. */
  notice?: string | null;
}

/** Sign-in with an access token; the server answers with an HttpOnly session cookie. */
export default function SignIn({ onSignedIn, notice }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Enter your access token');
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const session = await request<Session>('/session', {
        method: 'POST',
        body: { token: token.trim() },
      });
      onSignedIn(session);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That access token was not recognised'
          : describeError(e),
      );
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {error && (
          <div
            class="govuk-error-summary"
            ref={summary}
            tabIndex={-1}
            role="alert"
          >
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body">
              <ul class="govuk-list govuk-error-summary__list">
                <li>
                  <a href="#access-token">{error}</a>
                </li>
              </ul>
            </div>
          </div>
        )}
        {notice && !error && (
          <div class="govuk-inset-text" role="status">
            {notice}
          </div>
        )}
        <h1 class="govuk-heading-l">Sign in</h1>
        <p class="govuk-body">
          Use the access token your administrator gave you. The dashboard is for
          IT and digital reviewers.
        </p>
        <form onSubmit={submit} noValidate>
          <div
            class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}
          >
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
          <button type="submit" class="govuk-button" disabled={busy}>
            Sign in
          </button>
        </form>
      </div>
    </div>
  );
}
