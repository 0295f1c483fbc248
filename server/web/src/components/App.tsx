import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { CouncilConfig, Me } from '../../../../protocol/api';
import { startLive, stopLive, useLiveEvents } from '../live';
import { matchReportPath, useLocation } from '../router';
import { canTriage, SessionContext, type AppContext } from '../session';
import {
  useAnnouncer,
  useCouncil,
  useDocumentTitle,
  useFocusOnNavigation,
  useSessionState,
  useSignInRedirect,
} from '../shell';
import Header from './Header';
import SignIn from './SignIn';
import LinkCouncilAccount from './LinkCouncilAccount';
import Inbox from './Inbox';
import AllReports from './AllReports';
import ReportView from './ReportView';
import Matrix from './Matrix';
import Trends from './Trends';
import Admin from './Admin';
import Audit from './Audit';
import EmailSettings from './EmailSettings';
import NotFound from './NotFound';

/** Props of {@link App}. */
export type AppProps = Record<string, never>;

/** The dashboard shell: loads branding and the session, then shows the routed view. */
export default function App(_props: AppProps) {
  const location = useLocation();
  const council = useCouncil();
  const { session, loadError, onSignedIn, onSignOut } =
    useSessionState(location);
  const [announcement, announce] = useAnnouncer();
  useFocusOnNavigation(location.path);
  useDocumentTitle(location.path, council.councilName);

  // Only reviewers and admins receive events; a reporter never opens the stream.
  const signedInReviewer = session ? canTriage(session.user) : false;
  useEffect(() => {
    if (!signedInReviewer) return;
    startLive();
    return stopLive;
  }, [signedInReviewer]);

  useLiveEvents((event) => {
    if (event.type === 'report-created') announce('A new report has arrived.');
    if (event.type === 'paused')
      announce('Live updates have stopped. Snag will try again shortly.');
  });
  useSignInRedirect(session, location);

  const context = useMemo<AppContext | null>(
    () => (session ? { user: session.user, council, announce } : null),
    [session, council, announce],
  );

  let content;
  if (session === undefined) {
    content = <p class="govuk-body">Loading…</p>;
  } else if (!session || !context) {
    const query = new URLSearchParams(location.search);
    content = (
      <SignIn
        onSignedIn={onSignedIn}
        notice={loadError}
        reason={query.get('reason')}
        next={query.get('next')}
      />
    );
  } else if (!canTriage(session.user)) {
    content = <ReviewersOnly councilAccount={session.user.councilAccount} />;
  } else {
    content = <Routed path={location.path} search={location.search} />;
  }

  return (
    <SessionContext.Provider value={context}>
      <Page
        council={council}
        user={session?.user ?? null}
        path={location.path}
        onSignOut={onSignOut}
        announcement={announcement}
      >
        {content}
      </Page>
    </SessionContext.Provider>
  );
}

/** What the page around every view shows. */
interface PageProps {
  council: CouncilConfig;
  user: Me | null;
  path: string;
  onSignOut: () => void;
  /** The text of the polite live region. */
  announcement: string;
  /** The view. */
  children: ComponentChildren;
}

/** The page around every view: skip link, header, main area, live region and footer. */
function Page({
  council,
  user,
  path,
  onSignOut,
  announcement,
  children,
}: PageProps) {
  return (
    <>
      <a
        href="#main-content"
        class="govuk-skip-link"
        data-module="govuk-skip-link"
      >
        Skip to main content
      </a>
      <Header council={council} user={user} path={path} onSignOut={onSignOut} />
      <div class="govuk-width-container">
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <div
        class="govuk-visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        {announcement}
      </div>
      <footer class="govuk-footer snag-footer">
        <div class="govuk-width-container">
          <p class="govuk-body-s">
            {council.councilName} · Snag review dashboard
          </p>
        </div>
      </footer>
    </>
  );
}

function Routed({ path, search }: { path: string; search: string }) {
  const reportId = matchReportPath(path);
  if (path === '/' || path === '/inbox') return <Inbox search={search} />;
  if (path === '/reports') return <AllReports search={search} />;
  if (reportId) return <ReportView id={reportId} />;
  if (path === '/matrix') return <Matrix />;
  if (path === '/trends') return <Trends />;
  if (path === '/admin') return <Admin />;
  if (path === '/audit') return <Audit />;
  if (path === '/email') return <EmailPage />;
  if (path === '/sign-in') return <p class="govuk-body">Signing in…</p>;
  return <NotFound />;
}

function ReviewersOnly({ councilAccount }: { councilAccount?: boolean }) {
  return (
    <>
      <h1 class="govuk-heading-l">You cannot use the review dashboard</h1>
      <p class="govuk-body">
        The review dashboard is for IT and digital reviewers. You can send
        reports from the browser extension, where you can also follow what
        happened to them.
      </p>
      {councilAccount === false && <LinkCouncilAccount />}
      <EmailSettings digest={false} />
    </>
  );
}

function EmailPage() {
  return (
    <>
      <h1 class="govuk-heading-l">Your email</h1>
      <EmailSettings digest />
    </>
  );
}
