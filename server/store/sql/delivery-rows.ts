/**
 * The one way a delivery row is written: due at once, with its payload as JSON.
 */
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../driver';

/** Inserts one delivery, due at once. */
export async function insertDelivery(
  tx: SqlExecutor,
  row: {
    channel: 'webhook' | 'email';
    webhookId: string | null;
    event: string;
    payload: unknown;
    nowMs: number;
    at: string;
  },
): Promise<string> {
  const id = randomUUID();
  await tx.run(
    `INSERT INTO deliveries (id, channel, webhook_id, event, payload, state, attempts, next_at,
     created_ms, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    [
      id,
      row.channel,
      row.webhookId,
      row.event,
      JSON.stringify(row.payload),
      row.nowMs,
      row.nowMs,
      row.at,
    ],
  );
  return id;
}
