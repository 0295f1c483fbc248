// server/deliveries/rules.ts
function passes(filters, report) {
  if (filters.kinds?.length && !filters.kinds.some((k) => report.kinds.includes(k)))
    return false;
  if (filters.services?.length && !filters.services.includes(report.service))
    return false;
  if (filters.minSeverity !== void 0 && (report.usabilitySeverity ?? 0) < filters.minSeverity)
    return false;
  if (filters.minRisk !== void 0 && (report.securityRisk ?? 0) < filters.minRisk)
    return false;
  return true;
}
function payloadFor(sub, base, report, commentBody) {
  if (base.type === "report.redacted" || !report)
    return { type: base.type, at: base.at, reportId: base.reportId };
  const { personalData, text, ...facts } = report;
  const mayText = sub.includeText && !personalData;
  const payload = {
    ...base,
    report: mayText ? { ...facts, text } : facts
  };
  if (base.comment)
    payload.comment = mayText && commentBody !== void 0 ? { id: base.comment.id, body: commentBody } : { id: base.comment.id };
  return payload;
}
function wants(sub, type, report) {
  if (!sub.events.includes(type)) return false;
  return report ? passes(sub.filters, report) : true;
}
var GIVE_UP_AFTER_MS = 24 * 36e5;
var FIRST_RETRY_MS = 5e3;
var LONGEST_WAIT_MS = 36e5;
function retryAt(createdMs, nowMs, attempt, random) {
  const ceiling = Math.min(
    LONGEST_WAIT_MS,
    FIRST_RETRY_MS * 2 ** Math.min(attempt - 1, 30)
  );
  const wait = Math.round(ceiling * (0.5 + random() * 0.5));
  const at = nowMs + wait;
  return at - createdMs > GIVE_UP_AFTER_MS ? null : at;
}

export {
  payloadFor,
  wants,
  retryAt
};
//# sourceMappingURL=chunk-3OKIYH2A.js.map
