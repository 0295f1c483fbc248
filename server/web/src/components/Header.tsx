import type { CouncilConfig, Me } from '../../../../protocol/api';
import { canTriage } from '../session';
import { teamLabel } from '../labels';

/** Props of {@link Header}. */
export interface HeaderProps {
  /** The council's name, shown where GOV.UK would show its crown. */
  council: CouncilConfig;
  /** The signed-in person, or null before sign-in. */
  user: Me | null;
  /** The current path, to mark the current navigation item. */
  path: string;
  /** Ends the session. */
  onSignOut: () => void;
}

const NAV = [
  {
    href: '/',
    label: 'Inbox',
    match: (p: string) => p === '/' || p === '/inbox',
  },
  {
    href: '/reports',
    label: 'All reports',
    match: (p: string) => p.startsWith('/reports'),
  },
  { href: '/matrix', label: 'Matrix', match: (p: string) => p === '/matrix' },
  { href: '/trends', label: 'Trends', match: (p: string) => p === '/trends' },
  { href: '/admin', label: 'Admin', match: (p: string) => p === '/admin' },
  { href: '/audit', label: 'Audit', match: (p: string) => p === '/audit' },
  { href: '/email', label: 'Your email', match: (p: string) => p === '/email' },
];

/** Pages only admins are shown. */
const ADMIN_ONLY = new Set(['/admin', '/audit']);

/** The council-branded header with the dashboard's navigation and the sign-out button. */
export default function Header({
  council,
  user,
  path,
  onSignOut,
}: HeaderProps) {
  const reviewer = user && canTriage(user);
  const team = teamLabel(user?.team);
  return (
    <header class="snag-header" role="banner">
      <div class="govuk-width-container snag-header__inner">
        <a href="/" class="snag-header__name">
          {council.councilName}
          <span class="snag-header__product"> Snag</span>
        </a>
        {user && (
          <div class="snag-header__user">
            <span>
              {user.name}
              {team ? ` (${team})` : ''}
            </span>
            <button
              type="button"
              class="snag-header__signout"
              onClick={onSignOut}
            >
              Sign out
            </button>
          </div>
        )}
      </div>
      {reviewer && (
        <nav class="snag-nav" aria-label="Dashboard">
          <ul class="govuk-width-container snag-nav__list">
            {NAV.filter(
              (item) => !ADMIN_ONLY.has(item.href) || user.role === 'admin',
            ).map((item) => (
              <li key={item.href}>
                <a
                  href={item.href}
                  class="snag-nav__link"
                  aria-current={item.match(path) ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
