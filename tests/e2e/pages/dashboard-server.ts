/**
 * A real Snag server for the dashboard tests and benchmark, started with the shared
 * `tests/support/server-process.ts`, on its own temporary SQLite data directory that is
 * removed again when it stops.
 */
import { rm } from 'node:fs/promises';
import type { CreatedUser, Role } from '../../../protocol/api';
import type { Team } from '../../../protocol/report';
import { createUser, startServer } from '../../support/server-process';

/** A running server and the means to use and stop it. */
export interface SnagServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The data directory it runs on. */
  dataDir: string;
  /** Makes a user with the CLI, answering its one-time token. */
  addUser(name: string, role: Role, team?: Team): Promise<CreatedUser>;
  /** Stops the process and removes its data (unless it was given an existing directory). */
  stop(): Promise<void>;
}

/**
 * Starts `snag-server serve` on a free port.
 * @param env - added to the server's environment (council name, colour…)
 * @param options.dataDir - run on an existing data directory, which is then kept
 */
export async function startSnagServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<SnagServer> {
  const server = await startServer({ env, dataDir: options.dataDir });
  return {
    url: server.url.replace(/\/$/, ''),
    dataDir: server.dataDir,
    addUser: (name, role, team) => createUser(server, name, role, team),
    async stop() {
      await server.stop();
      if (!options.dataDir)
        await rm(server.dataDir, { recursive: true, force: true });
    },
  };
}
