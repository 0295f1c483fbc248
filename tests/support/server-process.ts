/**
 * Starts a real Snag server as a child process, for tests that need a socket (end-to-end,
 * crash and multi-instance tests).
 *
 *   const server = await startServer();             // SQLite in a fresh temp dir
 *   const admin = await createUser(server, 'Ada', 'admin');
 *   await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${admin.token}` } });
 *   await server.stop();
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CreatedUser, Role } from '../../protocol/api';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'server/bin/snag-server.js');
const LISTENING = /Snag server listening on (http:\/\/\S+)/;

/** A running server child process. */
export interface ServerProcess {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Its SQLite data directory (unused with PostgreSQL). */
  dataDir: string;
  /** Its PostgreSQL URL, if any. */
  databaseUrl?: string;
  child: ChildProcess;
  /** Everything it printed on stdout so far (first-run admin note included). */
  stdout: () => string;
  /** Everything it printed on stderr so far (logs and errors). */
  stderr: () => string;
  /**
   * SIGTERM, then wait for exit; answers the exit code. A data directory the helper made
   * itself is deleted afterwards; one passed in is left for the caller.
   */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait for exit: a crash. */
  kill(): Promise<void>;
}

/** How to start the server. */
export interface StartOptions {
  /** Reuse a data directory (e.g. to restart after a crash); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** Let it create the first admin and print its token (off by default). */
  firstAdmin?: boolean;
  /** Extra environment. */
  env?: Record<string, string>;
}

function childEnv(options: {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SNAG_DATA_DIR: options.dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SNAG_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Spawns `snag-server serve` on a free port and waits until it accepts connections. */
export function startServer(
  options: StartOptions = {},
): Promise<ServerProcess> {
  const ownDir = options.dataDir === undefined;
  const dataDir =
    options.dataDir ?? mkdtempSync(join(tmpdir(), 'snag-server-'));
  const env = childEnv({
    dataDir,
    databaseUrl: options.databaseUrl,
    env: options.env,
  });
  if (!options.firstAdmin) env.SNAG_NO_FIRST_ADMIN = '1';
  else delete env.SNAG_NO_FIRST_ADMIN;
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => done(code)),
  );
  return new Promise<ServerProcess>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not start in time.\n${err}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = LISTENING.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolvePromise({
        url: match[1],
        dataDir,
        databaseUrl: options.databaseUrl,
        child,
        stdout: () => out,
        stderr: () => err,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const code = await exited;
          if (ownDir) rmSync(dataDir, { recursive: true, force: true });
          return code;
        },
        async kill() {
          if (child.exitCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`The server exited (${code}) before listening.\n${err}`),
      );
    });
  });
}

/** Makes a user through the CLI (`user add --json`) and answers it with its token. */
export async function createUser(
  where: { dataDir: string; databaseUrl?: string },
  name: string,
  role: Role,
  team?: 'it' | 'digital',
): Promise<CreatedUser> {
  const args = [BIN, 'user', 'add', '--name', name, '--role', role, '--json'];
  if (team) args.push('--team', team);
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ dataDir: where.dataDir, databaseUrl: where.databaseUrl }),
  });
  return JSON.parse(stdout.trim()) as CreatedUser;
}
