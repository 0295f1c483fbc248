/**
 * The signed-in session as the views see it: who is reviewing, the council's branding and a
 * way to announce changes to screen reader users.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { roleAllows, type CouncilConfig, type Me } from '../../../protocol/api';

/** What every view may use from the app shell. */
export interface AppContext {
  /** The signed-in person. */
  user: Me;
  /** The council's name and colour. */
  council: CouncilConfig;
  /** Reads `message` out through the polite live region. */
  announce: (message: string) => void;
}

/** Provided by the app shell once someone is signed in. */
export const SessionContext = createContext<AppContext | null>(null);

/** The app context; only views rendered inside a signed-in shell call this. */
export function useSession(): AppContext {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession needs a signed-in shell');
  return context;
}

/** Whether the person may triage (reviewers and admins). */
export function canTriage(user: Pick<Me, 'role'>): boolean {
  return roleAllows(user.role, 'reviewer');
}
