import {
  FORMER_REPORTER_ID
} from "./chunk-T4SDC4MT.js";
import "./chunk-RAPJ3XLV.js";

// server/migrate-to-postgres.ts
var TABLES = [
  "users",
  "identities",
  "reports",
  "comments",
  "votes",
  "anchoring",
  "triage_history",
  "screenshots",
  "services",
  "audit_log",
  "webhooks",
  "webhook_allow",
  "notification_settings",
  "deliveries"
];
var BATCH = 200;
async function migrateToPostgres(source, target) {
  const counts = {};
  await target.transaction(async (tx) => {
    await tx.get(target.lockSql);
    const existing = await tx.get(
      "SELECT CAST((SELECT COUNT(*) FROM users WHERE id <> ?) + (SELECT COUNT(*) FROM reports) AS INTEGER) AS n",
      [FORMER_REPORTER_ID]
    );
    if (Number(existing?.n ?? 0) > 0)
      throw new Error("The PostgreSQL database already holds users or reports");
    for (const table of TABLES) {
      counts[table] = 0;
      let offset = 0;
      for (; ; ) {
        const skip = table === "users" ? "WHERE id <> ?" : "";
        const rows = await source.all(
          `SELECT * FROM ${table} ${skip} ORDER BY rowid LIMIT ? OFFSET ?`,
          [...skip ? [FORMER_REPORTER_ID] : [], BATCH, offset]
        );
        if (rows.length === 0) break;
        const columns = Object.keys(rows[0] ?? {});
        const values = rows.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
        await tx.run(
          `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`,
          rows.flatMap((row) => columns.map((c) => row[c]))
        );
        offset += rows.length;
        counts[table] += rows.length;
      }
    }
    const meta = await source.get(
      "SELECT seq FROM meta WHERE id = 1"
    );
    await tx.run("UPDATE meta SET seq = ? WHERE id = 1", [meta?.seq ?? 0]);
    for (const table of ["triage_history", "audit_log"])
      await tx.get(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT MAX(id) FROM ${table}), 0) + 1, false)`
      );
  });
  return counts;
}
export {
  migrateToPostgres
};
//# sourceMappingURL=migrate-to-postgres-QGUDVHRE.js.map
