import { useEffect, useState } from 'preact/hooks';
import { authPaths, type DeviceSummary } from '../../../../protocol/auth';
import { describeError, request } from '../api';
import { formatTime } from '../labels';

/** Props of {@link Devices}. */
export type DevicesProps = Record<string, never>;

/** The signed-in devices, and signing one out. */
function useDevices() {
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    request<DeviceSummary[]>(authPaths.devices)
      .then(setDevices)
      .catch((e: unknown) => setError(describeError(e)));
  useEffect(() => {
    void load();
  }, []);
  const signOut = async (device: DeviceSummary) => {
    if (!window.confirm(`Sign out ${device.name} of ${device.userName}?`))
      return;
    try {
      await request(authPaths.device(device.id), { method: 'DELETE' });
      void load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return { devices, error, signOut };
}

/** Every device signed in with a council account, each with a button to sign it out. */
export default function Devices(_props: DevicesProps) {
  const { devices, error, signOut } = useDevices();
  return (
    <section aria-labelledby="devices-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="devices-heading">
        Signed-in devices
      </h2>
      {error && <p class="govuk-error-message">{error}</p>}
      {devices === null ? (
        <p class="govuk-body">Loading devices…</p>
      ) : devices.length === 0 ? (
        <p class="govuk-body">No device is signed in with a council account.</p>
      ) : (
        <div class="snag-table-wrap">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">
              Signed-in devices
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Person
                </th>
                <th scope="col" class="govuk-table__header">
                  Device
                </th>
                <th scope="col" class="govuk-table__header">
                  Signed in
                </th>
                <th scope="col" class="govuk-table__header">
                  Last used
                </th>
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {devices.map((d) => (
                <tr class="govuk-table__row" key={d.id}>
                  <th scope="row" class="govuk-table__header">
                    {d.userName}
                  </th>
                  <td class="govuk-table__cell">{d.name}</td>
                  <td class="govuk-table__cell">{formatTime(d.signedInAt)}</td>
                  <td class="govuk-table__cell">
                    {formatTime(d.lastRefreshedAt)}
                  </td>
                  <td class="govuk-table__cell">
                    <button
                      type="button"
                      class="govuk-button govuk-button--warning snag-inline-button"
                      onClick={() => void signOut(d)}
                    >
                      Sign out
                      <span class="govuk-visually-hidden">
                        {' '}
                        {d.name} of {d.userName}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
