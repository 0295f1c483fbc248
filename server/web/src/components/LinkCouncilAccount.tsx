import {
  councilSignInHref,
  pressWithSpace,
  useSignInMethods,
} from '../sign-in';

/** Props of {@link LinkCouncilAccount}. */
export type LinkCouncilAccountProps = Record<string, never>;

/**
 * Offers someone signed in with an access token to link their council account, so that
 * both ways of signing in reach the same person. Shown only when single sign-on is set up.
 */
export default function LinkCouncilAccount(_props: LinkCouncilAccountProps) {
  const methods = useSignInMethods();
  if (!methods?.sso) return null;
  return (
    <section aria-labelledby="link-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="link-heading">
        Your council account
      </h2>
      <p class="govuk-body">
        You signed in with an access token. Link your council account once, and
        you can sign in with either; both are switched off together if your
        access is removed.
      </p>
      <a
        href={councilSignInHref(window.location.pathname, true)}
        role="button"
        draggable={false}
        class="govuk-button govuk-button--secondary"
        onKeyDown={pressWithSpace}
      >
        Link your council account
      </a>
    </section>
  );
}
