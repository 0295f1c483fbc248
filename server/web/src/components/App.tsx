import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'preact/hooks';
import {
  ApiError,
  describeError,
  request,
  setCsrfToken,
  type CouncilConfig,
  type Session,
} from '../api';
import { applyBrandColour } from '../branding';
import { startLive, stopLive, useLiveEvents } from '../live';
import { clearPrefetched, takePrefetched } from '../prefetch';
import { matchReportPath, navigate, useLocation } from '../router';
import { canTriage, SessionContext, type AppContext } from '../session';
import Header from './Header';
import SignIn from './SignIn';
import Inbox from './Inbox';
import AllReports from './AllReports';
import ReportView from './ReportView';
import Matrix from './Matrix';
import Trends from './Trends';
import Admin from './Admin';
import NotFound from './NotFound';

/** Props of {@link App}. */
export type AppProps = Record<string, never>;

const DEFAULT_COUNCIL: CouncilConfig = {
  councilName: 'Snag',
  colour: '#1d70b8',
};

/** The dashboard shell: loads branding and the session, then shows the routed view. */
export default function App(_props: AppProps) {
  const location = useLocation();
  const [council, setCouncil] = useState<CouncilConfig>(DEFAULT_COUNCIL);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    (
      takePrefetched<CouncilConfig>('/config') ??
      request<CouncilConfig>('/config')
    )
      .then((config) => {
        setCouncil(config);
        applyBrandColour(config.colour);
      })
      .catch(() => {
        // The defaults still give a working dashboard if branding cannot be read.
      });
    (takePrefetched<Session>('/session') ?? request<Session>('/session'))
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setSession(null);
        else {
          setLoadError(describeError(error));
          setSession(null);
        }
      });
  }, []);

  // After in-app navigation, focus moves to the new view so screen readers announce it, as a
  // full page load would; a changed query on the same view (filters) keeps focus where it is.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    document.getElementById('main-content')?.focus({ preventScroll: false });
  }, [location.path]);

  useEffect(() => {
    document.title = `${titleFor(location.path)} – ${council.councilName} Snag`;
  }, [location.path, council.councilName]);

  // Only reviewers and admins receive events; a reporter never opens the stream.
  const signedInReviewer = session ? canTriage(session.user) : false;
  useEffect(() => {
    if (!signedInReviewer) return;
    startLive();
    return stopLive;
  }, [signedInReviewer]);

  const announce = useCallback((message: string) => {
    // Clearing first makes screen readers repeat an identical message.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);

  useLiveEvents((event) => {
    if (event.type === 'report-created') announce('A new report has arrived.');
    if (event.type === 'paused')
      announce('Live updates have stopped. Snag will try again shortly.');
  });

  const onSignedIn = (s: Session) => {
    clearPrefetched();
    setCsrfToken(s.csrfToken);
    setSession(s);
    const next = new URLSearchParams(location.search).get('next');
    navigate(
      next && next.startsWith('/') && !next.startsWith('//') ? next : '/',
      {
        replace: true,
      },
    );
  };

  const onSignOut = async () => {
    try {
      await request('/session', { method: 'DELETE' });
    } catch {
      // Signing out locally still matters if the server cannot be reached.
    }
    setCsrfToken(null);
    clearPrefetched();
    stopLive();
    setSession(null);
    navigate('/sign-in', { replace: true });
  };

  useEffect(() => {
    if (session === null && location.path !== '/sign-in') {
      const next = location.path + location.search;
      navigate(
        `/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`,
        {
          replace: true,
        },
      );
    }
  }, [session, location.path, location.search]);

  const context = useMemo<AppContext | null>(
    () => (session ? { user: session.user, council, announce } : null),
    [session, council, announce],
  );

  let content;
  if (session === undefined) {
    content = <p class="govuk-body">Loading…</p>;
  } else if (!session || !context) {
    content = <SignIn onSignedIn={onSignedIn} notice={loadError} />;
  } else if (!canTriage(session.user)) {
    content = <ReviewersOnly />;
  } else {
    content = <Routed path={location.path} search={location.search} />;
  }

  return (
    <SessionContext.Provider value={context}>
      <a
        href="#main-content"
        class="govuk-skip-link"
        data-module="govuk-skip-link"
      >
        Skip to main content
      </a>
      <Header
        council={council}
        user={session?.user ?? null}
        path={location.path}
        onSignOut={onSignOut}
      />
      <div class="govuk-width-container">
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {content}
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
    </SessionContext.Provider>
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
  if (path === '/sign-in') return <p class="govuk-body">Signing in…</p>;
  return <NotFound />;
}

function ReviewersOnly() {
  return (
    <>
      <h1 class="govuk-heading-l">You cannot use the review dashboard</h1>
      <p class="govuk-body">
        The review dashboard is for IT and digital reviewers. Your token lets
        you send reports from the browser extension, where you can also follow
        what happened to them.
      </p>
    </>
  );
}

function titleFor(path: string): string {
  if (path === '/' || path === '/inbox') return 'Inbox';
  if (path === '/reports') return 'All reports';
  if (path.startsWith('/reports/')) return 'Report';
  if (path === '/matrix') return 'Matrix';
  if (path === '/trends') return 'Trends';
  if (path === '/admin') return 'Admin';
  if (path === '/sign-in') return 'Sign in';
  return 'Page not found';
}
