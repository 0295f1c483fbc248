/**
 * The app shell's state as hooks: the council's branding, the signed-in session, the live
 * region's announcements, and the focus and title that follow navigation.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { paths, type CouncilConfig, type Session } from '../../../protocol/api';
import { ApiError, describeError, request, setCsrfToken } from './api';
import { applyBrandColour } from './branding';
import { stopLive } from './live';
import { clearPrefetched, takePrefetched } from './prefetch';
import { navigate, type Location } from './router';

/** The branding shown until the server's arrives, and if it cannot be read. */
const DEFAULT_COUNCIL: CouncilConfig = {
  councilName: 'Snag',
  colour: '#1d70b8',
};

/** The council's name and colour, read once from `/config`. */
export function useCouncil(): CouncilConfig {
  const [council, setCouncil] = useState<CouncilConfig>(DEFAULT_COUNCIL);
  useEffect(() => {
    (
      takePrefetched<CouncilConfig>(paths.config) ??
      request<CouncilConfig>(paths.config)
    )
      .then((config) => {
        setCouncil(config);
        applyBrandColour(config.colour);
      })
      .catch(() => {
        // The defaults still give a working dashboard if branding cannot be read.
      });
  }, []);
  return council;
}

/** The session and what changes it. */
export interface SessionState {
  /** The session; null when signed out, undefined while it is being checked. */
  session: Session | null | undefined;
  /** Why the session could not be checked, other than being signed out. */
  loadError: string | null;
  /** Takes a new session after sign-in and goes where the person was heading. */
  onSignedIn: (session: Session) => void;
  /** Ends the session, on the server if it can be reached, and here in any case. */
  onSignOut: () => Promise<void>;
}

/** The signed-in session, checked once at start, with sign-in and sign-out. */
export function useSessionState(location: Location): SessionState {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    (takePrefetched<Session>(paths.session) ?? request<Session>(paths.session))
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
      await request(paths.session, { method: 'DELETE' });
    } catch {
      // Signing out locally still matters if the server cannot be reached.
    }
    setCsrfToken(null);
    clearPrefetched();
    stopLive();
    setSession(null);
    navigate('/sign-in', { replace: true });
  };

  return { session, loadError, onSignedIn, onSignOut };
}

/** Sends a signed-out person to sign in, remembering where they were going. */
export function useSignInRedirect(
  session: Session | null | undefined,
  location: Location,
): void {
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
}

/** The polite live region's text, and a way to read a message out through it. */
export function useAnnouncer(): [string, (message: string) => void] {
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => {
    // Clearing first makes screen readers repeat an identical message.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);
  return [announcement, announce];
}

/**
 * After in-app navigation, focus moves to the new view so screen readers announce it, as a
 * full page load would; a changed query on the same view (filters) keeps focus where it is.
 */
export function useFocusOnNavigation(path: string): void {
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    document.getElementById('main-content')?.focus({ preventScroll: false });
  }, [path]);
}

/** The document title for a path. */
export function titleFor(path: string): string {
  if (path === '/' || path === '/inbox') return 'Inbox';
  if (path === '/reports') return 'All reports';
  if (path.startsWith('/reports/')) return 'Report';
  if (path === '/matrix') return 'Matrix';
  if (path === '/trends') return 'Trends';
  if (path === '/admin') return 'Admin';
  if (path === '/sign-in') return 'Sign in';
  return 'Page not found';
}

/** Keeps the document title naming the view and the council. */
export function useDocumentTitle(path: string, councilName: string): void {
  useEffect(() => {
    document.title = `${titleFor(path)} – ${councilName} Snag`;
  }, [path, councilName]);
}
