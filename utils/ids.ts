/** Ids made on the client: UUIDv7 for reports (time-ordered), v4 for everything else. */
import { v4, v7 } from 'uuid';

/** A new report id (UUIDv7, docs/api.md). */
export const newReportId = (): string => v7();
/** A new annotation or comment id. */
export const newItemId = (): string => v4();
