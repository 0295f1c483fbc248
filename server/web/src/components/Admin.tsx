import { useEffect, useState } from 'preact/hooks';
import {
  paths,
  ROLES,
  type CreatedUser,
  type Role,
  type UserSummary,
} from '../../../../protocol/api';
import { TEAMS } from '../../../../protocol/report';
import { describeError, request } from '../api';
import { formatTime, TEAM_LABELS, teamLabel } from '../labels';
import { useSession } from '../session';
import Deploy from './Deploy';
import Devices from './Devices';
import Notifications from './Notifications';
import ServiceCatalogue from './ServiceCatalogue';

/** Props of {@link Admin}. */
export type AdminProps = Record<string, never>;

const ROLE_LABELS: Record<Role, string> = {
  reporter: 'Reporter (sends reports from the extension)',
  reviewer: 'Reviewer (triages in this dashboard)',
  admin: 'Admin (also manages users and services)',
};

/** Users and their tokens, signed-in devices, the service catalogue and the deployment pack. Admins only. */
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
      <Devices />
      <ServiceCatalogue />
      <Notifications />
      <Deploy />
    </>
  );
}

/** The user list, and revoking a token from it. */
function useUsers() {
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    request<UserSummary[]>(paths.users)
      .then(setUsers)
      .catch((e: unknown) => setError(describeError(e)));
  useEffect(() => {
    void load();
  }, []);

  const revoke = async (target: UserSummary) => {
    if (
      !window.confirm(
        `Revoke ${target.name}’s token? They will be signed out at once.`,
      )
    )
      return;
    try {
      await request(paths.user(target.id), { method: 'DELETE' });
      void load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return { users, error, load, revoke };
}

/** The new user's fields, and creating them. */
function useNewUser(onCreated: (user: CreatedUser) => void) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reporter');
  const [team, setTeam] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setFormError('Enter a name');
      return;
    }
    try {
      const user = await request<CreatedUser>(paths.users, {
        method: 'POST',
        body: { name: name.trim(), role, ...(team ? { team } : {}) },
      });
      setName('');
      setTeam('');
      setFormError(null);
      onCreated(user);
    } catch (e) {
      setFormError(describeError(e));
    }
  };
  return { name, setName, role, setRole, team, setTeam, formError, create };
}

function Users() {
  const { users, error, load, revoke } = useUsers();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  return (
    <section aria-labelledby="users-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="users-heading">
        Users and tokens
      </h2>
      {created && <TokenPanel created={created} />}
      {error && <p class="govuk-error-message">{error}</p>}
      {users === null ? (
        <p class="govuk-body">Loading users…</p>
      ) : (
        <UserTable users={users} revoke={revoke} />
      )}
      <NewUserForm
        onCreated={(user) => {
          setCreated(user);
          void load();
        }}
      />
    </section>
  );
}

/** The new user's token, shown this once. */
function TokenPanel({ created }: { created: CreatedUser }) {
  return (
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
  );
}

/** Every user, with a button to revoke each live token. */
function UserTable({
  users,
  revoke,
}: {
  users: UserSummary[];
  revoke: (user: UserSummary) => Promise<void>;
}) {
  return (
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
              Council account
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
                {u.councilAccount ? 'Linked' : '–'}
              </td>
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
                    <span class="govuk-visually-hidden"> {u.name}’s token</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The form that adds a user and makes their token. */
function NewUserForm({
  onCreated,
}: {
  onCreated: (user: CreatedUser) => void;
}) {
  const { name, setName, role, setRole, team, setTeam, formError, create } =
    useNewUser(onCreated);
  return (
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
          {TEAMS.map((t) => (
            <option key={t} value={t}>
              {TEAM_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="govuk-button">
        Create user and token
      </button>
    </form>
  );
}
