/**
 * Admin routes for single sign-on: every signed-in device with a way to sign any of them out,
 * and the deployment pack that installs and configures the extension by policy.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import {
  authRoutes,
  deployPack,
  deviceList,
  deviceParams,
  type DeployPack,
} from '../../protocol/auth';
import {
  EXTENSION_PUBLIC_KEY,
  GECKO_ID,
} from '../../protocol/extension-identity';
import {
  chromeExtensionId,
  chromiumPolicy,
  extensionRedirectHosts,
  firefoxPolicies,
  managedSettingsFor,
} from '../domain/deploy';
import { HttpError } from '../errors';
import { publicOrigin, redirectUri } from '../sign-in/addresses';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** `GET /devices` and `DELETE /devices/:id`. */
function devices(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    authRoutes.devices,
    {
      config: {
        auth: 'admin',
        doc: {
          summary:
            'Every device signed in through single sign-on, newest first',
          response: deviceList,
        },
      },
    },
    async () => store.listDevices(),
  );

  api.delete(
    authRoutes.device,
    {
      config: {
        auth: 'admin',
        doc: { summary: 'Sign a device out; its tokens stop working at once' },
      },
    },
    async (request, reply) => {
      const { id } = parseOr400(deviceParams, request.params, 'path');
      const signedOut = await store.signOutDevice(
        id,
        'signed-out',
        now().toISOString(),
      );
      if (!signedOut)
        throw new HttpError(404, 'No signed-in device has this id');
      await request.audit('device-signed-out', id, {});
      return reply.code(204).send();
    },
  );
}

/** `GET /deploy`: the pack, made from this server's own settings and catalogue. */
function deploy(
  api: FastifyInstance,
  { store, config, provider }: RouteDeps,
): void {
  api.get(
    authRoutes.deploy,
    {
      config: {
        auth: 'admin',
        doc: {
          summary: 'What IT needs to deploy the extension by policy',
          response: deployPack,
        },
      },
    },
    async (request): Promise<DeployPack> => {
      const { signIn } = config;
      const chromeId = chromeExtensionId(EXTENSION_PUBLIC_KEY);
      const catalogue = await store.getServices();
      const inputs = {
        serverUrl: publicOrigin(request, config),
        sso: provider !== null,
        chromeId,
        geckoId: GECKO_ID,
        chromeUpdateUrl: signIn.chromeUpdateUrl,
        edgeUpdateUrl: signIn.edgeUpdateUrl,
        firefoxInstallUrl: signIn.firefoxInstallUrl,
        councilHosts: catalogue.map((entry) => entry.hostname),
      };
      const settings = managedSettingsFor(inputs);
      return {
        extensionId: { chrome: chromeId, firefox: GECKO_ID },
        redirectUri: redirectUri(request, config),
        redirectUriFrom: signIn.publicUrl ? 'SNAG_PUBLIC_URL' : 'request',
        extensionRedirects: extensionRedirectHosts(signIn.extensionIds).map(
          (host) => `https://${host}/`,
        ),
        managedSettings: settings,
        chromePolicy: chromiumPolicy(
          chromeId,
          signIn.chromeUpdateUrl,
          settings,
        ),
        edgePolicy: chromiumPolicy(chromeId, signIn.edgeUpdateUrl, settings),
        firefoxPolicies: firefoxPolicies(
          GECKO_ID,
          signIn.firefoxInstallUrl,
          settings,
        ),
        sso: provider?.currentStatus() ?? { configured: false, state: 'off' },
      };
    },
  );
}

/** `/devices`, `/deploy`. */
export const deviceRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  devices(api, deps);
  deploy(api, deps);
};
