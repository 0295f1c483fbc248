import {
  MIGRATIONS,
  statements
} from "./chunk-T4SDC4MT.js";
import "./chunk-RAPJ3XLV.js";

// server/store/postgres.ts
import { EventEmitter } from "node:events";
import pg from "pg";
var types = {
  getTypeParser: ((oid, format) => oid === 20 ? (v) => Number(v) : pg.types.getTypeParser(oid, format))
};
var placeholderCache = /* @__PURE__ */ new Map();
function toPg(sql) {
  let out = placeholderCache.get(sql);
  if (out === void 0) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    placeholderCache.set(sql, out);
  }
  return out;
}
function params(values) {
  return (values ?? []).map((v) => v === void 0 ? null : v);
}
var CONNECT_WAIT_MS = 3e4;
var IDLE_IN_TRANSACTION_MS = 6e4;
var PostgresDriver = class {
  constructor(connectionString, options = {}) {
    this.connectionString = connectionString;
    this.options = options;
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectWaitMs ?? CONNECT_WAIT_MS,
      idle_in_transaction_session_timeout: options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS,
      types
    });
    this.pool.on("error", (error) => options.onError?.(error));
    this.events.setMaxListeners(0);
  }
  connectionString;
  options;
  kind = "postgres";
  // The row lock every writer takes first: it orders commits by serverSeq (see sql/sequence.ts).
  lockSql = "SELECT seq FROM meta WHERE id = 1 FOR UPDATE";
  pool;
  events = new EventEmitter();
  channel = "snag_events";
  listener = null;
  listening = null;
  closed = false;
  async all(sql, values) {
    return (await this.pool.query(toPg(sql), params(values))).rows;
  }
  async get(sql, values) {
    return (await this.all(sql, values))[0];
  }
  async run(sql, values) {
    return (await this.pool.query(toPg(sql), params(values))).rowCount ?? 0;
  }
  /**
   * A client from the pool, with its errors caught while it is out (the pool only watches
   * idle ones): a session the server ends would otherwise crash the process. `done` gives it
   * back, or drops it when it broke.
   */
  async checkOut() {
    const client = await this.pool.connect();
    let broken;
    const onError = (error) => {
      broken = error;
      this.options.onError?.(error);
    };
    client.on("error", onError);
    const done = () => {
      client.off("error", onError);
      client.release(broken);
    };
    return { client, done };
  }
  async transaction(fn) {
    const { client, done } = await this.checkOut();
    const pending = [];
    const tx = {
      all: async (sql, values) => (await client.query(toPg(sql), params(values))).rows,
      get: async (sql, values) => (await client.query(toPg(sql), params(values))).rows[0],
      run: async (sql, values) => (await client.query(toPg(sql), params(values))).rowCount ?? 0,
      notify: (event) => pending.push(event)
    };
    try {
      await client.query("BEGIN");
      const result = await fn(tx);
      for (const event of pending) {
        await client.query("SELECT pg_notify($1, $2)", [
          this.channel,
          JSON.stringify(event)
        ]);
      }
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => void 0);
      throw error;
    } finally {
      done();
    }
  }
  async migrate() {
    const { client, done } = await this.checkOut();
    try {
      const schema = (await client.query("SELECT current_schema() AS s")).rows[0];
      if (!schema.s)
        throw new Error("No schema to create tables in (check search_path)");
      this.channel = `snag_${schema.s}`.slice(0, 63);
      await client.query(
        "SELECT pg_advisory_lock(7613, hashtext(current_schema()))"
      );
      try {
        await client.query(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        );
        const row = (await client.query("SELECT MAX(version) AS v FROM schema_migrations")).rows[0];
        let current = row.v ?? 0;
        for (const migration of MIGRATIONS) {
          if (migration.version <= current) continue;
          await client.query("BEGIN");
          try {
            for (const sql of statements(migration.postgres))
              await client.query(sql);
            await client.query(
              "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
              [migration.version, (/* @__PURE__ */ new Date()).toISOString()]
            );
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
          current = migration.version;
        }
        return current;
      } finally {
        await client.query(
          "SELECT pg_advisory_unlock(7613, hashtext(current_schema()))"
        );
      }
    } finally {
      done();
    }
  }
  async forgetDeleted() {
    await this.pool.query(
      "VACUUM reports, comments, screenshots, triage_history, audit_log"
    );
  }
  onEvent(listener) {
    this.events.on("event", listener);
    void this.listen();
    return () => this.events.off("event", listener);
  }
  eventsReady() {
    return this.listen();
  }
  /** Starts (once) the dedicated connection that LISTENs for every instance's changes. */
  listen() {
    this.listening ??= this.connectListener();
    return this.listening;
  }
  async connectListener() {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.options.connectWaitMs ?? CONNECT_WAIT_MS
    });
    client.on("notification", (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        this.events.emit("event", JSON.parse(message.payload));
      } catch (error) {
        this.options.onError?.(error);
      }
    });
    client.on("error", (error) => {
      this.options.onError?.(error);
      this.listener = null;
      this.listening = null;
      client.end().catch(() => void 0);
      if (!this.closed) setTimeout(() => void this.listen(), 1e3).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
      this.listener = client;
    } catch (error) {
      this.options.onError?.(error);
      this.listening = null;
      await client.end().catch(() => void 0);
      if (!this.closed) setTimeout(() => void this.listen(), 1e3).unref();
    }
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.listening?.catch(() => void 0);
    await this.listener?.end().catch(() => void 0);
    await this.pool.end();
  }
};
export {
  PostgresDriver
};
//# sourceMappingURL=postgres-SPDXXJIU.js.map
