import { useEffect, useState } from 'preact/hooks';
import { ROLES, type CreatedUser, type Role } from '../../../../protocol/api';
import { describeError, request, type UserSummary } from '../api';
import { formatTime, teamLabel } from '../labels';
import { useSession } from '../session';
import ServiceCatalogue from './ServiceCatalogue';

/** Props of {@link Admin}. */
export type AdminProps = Record<string, never>;

const ROLE_LABELS: Record<Role, string> = {
  reporter: 'Reporter (sends reports from the extension)',
  reviewer: 'Reviewer (triages in this dashboard)',
  admin: 'Admin (also manages users and services)',
};

/** Users and their tokens, and the service catalogue. Admins only. */
export default function Admin(_props: AdminProps) {
  const { user } = useSession();
  if (user.role !== 'admin') {
    return (
      <>
        <h1 class="govuk-heading-l">Admin</h1>
        <p class="govuk-body">
          Only admins can manage users, tokens and services.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 class="govuk-heading-l" tabIndex={-1}>
        Admin
      </h1>
      <Users />
      <ServiceCatalogue />
    </>
  );
}

function Users() {
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reporter');
  const [team, setTeam] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const load = () =>
    request<UserSummary[] | { users: UserSummary[] }>('/users')
      .then((answer) => setUsers(Array.isArray(answer) ? answer : answer.users))
      .catch((e: unknown) => setError(describeError(e)));
  useEffect(() => {
    void load();
  }, []);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setFormError('Enter a name');
      return;
    }
    try {
      const user = await request<CreatedUser>('/users', {
        method: 'POST',
        body: { name: name.trim(), role, ...(team ? { team } : {}) },
      });
      setCreated(user);
      setName('');
      setTeam('');
      setFormError(null);
      void load();
    } catch (e) {
      setFormError(describeError(e));
    }
  };

  const revoke = async (target: UserSummary) => {
    if (
      !window.confirm(
        `Revoke ${target.name}’s token? They will be signed out at once.`,
      )
    )
      return;
    try {
      await request(`/users/${encodeURIComponent(target.id)}`, {
        method: 'DELETE',
      });
      void load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section aria-labelledby="users-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="users-heading">
        Users and tokens
      </h2>
      {created && (
        <div
          class="govuk-panel govuk-panel--confirmation snag-token-panel"
          role="status"
        >
          <h3 class="govuk-panel__title">Token for {created.name}</h3>
          <div class="govuk-panel__body">
            <p>Copy it now: it will not be shown again.</p>
            <code class="snag-token" data-testid="new-token">
              {created.token}
            </code>
          </div>
        </div>
      )}
      {error && <p class="govuk-error-message">{error}</p>}
      {users === null ? (
        <p class="govuk-body">Loading users…</p>
      ) : (
        <div class="snag-table-wrap">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">
              Users
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Name
                </th>
                <th scope="col" class="govuk-table__header">
                  Role
                </th>
                <th scope="col" class="govuk-table__header">
                  Team
                </th>
                <th scope="col" class="govuk-table__header">
                  Token
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {users.map((u) => (
                <tr class="govuk-table__row" key={u.id}>
                  <th scope="row" class="govuk-table__header">
                    {u.name}
                  </th>
                  <td class="govuk-table__cell">{u.role}</td>
                  <td class="govuk-table__cell">{teamLabel(u.team) ?? '–'}</td>
                  <td class="govuk-table__cell">
                    {u.revokedAt ? (
                      `Revoked ${formatTime(u.revokedAt)}`
                    ) : (
                      <button
                        type="button"
                        class="govuk-button govuk-button--warning snag-inline-button"
                        onClick={() => void revoke(u)}
                      >
                        Revoke
                        <span class="govuk-visually-hidden">
                          {' '}
                          {u.name}’s token
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={create} noValidate>
        <h3 class="govuk-heading-s">Add a user</h3>
        <div
          class={`govuk-form-group${formError ? ' govuk-form-group--error' : ''}`}
        >
          <label class="govuk-label" for="user-name">
            Name
          </label>
          {formError && (
            <p class="govuk-error-message" id="user-name-error">
              <span class="govuk-visually-hidden">Error:</span> {formError}
            </p>
          )}
          <input
            class="govuk-input govuk-!-width-two-thirds"
            id="user-name"
            type="text"
            autocomplete="off"
            aria-describedby={formError ? 'user-name-error' : undefined}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="user-role">
            Role
          </label>
          <select
            class="govuk-select snag-select"
            id="user-role"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="user-team">
            Speaks for
          </label>
          <select
            class="govuk-select snag-select"
            id="user-team"
            value={team}
            onChange={(e) => setTeam(e.currentTarget.value)}
          >
            <option value="">No team</option>
            <option value="it">IT</option>
            <option value="digital">Digital</option>
          </select>
        </div>
        <button type="submit" class="govuk-button">
          Create user and token
        </button>
      </form>
    </section>
  );
}
