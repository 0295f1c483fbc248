/** Props of {@link NotFound}. */
export type NotFoundProps = Record<string, never>;

/** Shown for any path the dashboard does not know. */
export default function NotFound(_props: NotFoundProps) {
  return (
    <>
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">
        Check the address, or go to the{' '}
        <a href="/" class="govuk-link">
          inbox
        </a>
        .
      </p>
    </>
  );
}
