import {
  retryAt
} from "./chunk-3OKIYH2A.js";
import {
  postJson,
  signedHeaders,
  signingSecrets
} from "./chunk-F3TQAYHU.js";
import {
  parseAllowList
} from "./chunk-ODB757JU.js";
import "./chunk-RAPJ3XLV.js";

// server/deliveries/email.ts
import nodemailer from "nodemailer";

// server/deliveries/render.ts
function reportLink(baseUrl, reportId) {
  return `${baseUrl.replace(/\/+$/, "")}/reports/${encodeURIComponent(reportId)}`;
}
var KIND_NAMES = {
  "hard-to-use": "Hard to use",
  "insecure-workaround": "Insecure workaround"
};
var EVENT_NAMES = {
  "report.created": "New report",
  "report.triaged": "Report triaged",
  "report.status_changed": "Status changed",
  "comment.created": "New comment",
  "report.redacted": "Report redacted",
  "webhook.test": "Test event from Snag"
};
function facts(payload) {
  const r = payload.report;
  if (!r) return [];
  const out = [
    ["Problem", r.kinds.map((k) => KIND_NAMES[k] ?? k).join(", ")],
    [
      "Severity",
      r.usabilitySeverity === null ? "Not rated" : `${r.usabilitySeverity} of 4`
    ],
    ["Risk", r.securityRisk === null ? "Not rated" : `${r.securityRisk} of 4`],
    ["Service", r.service || "Not known"],
    ["Status", r.status]
  ];
  if (payload.changes?.status)
    out.push([
      "Changed",
      `${String(payload.changes.status[0])} \u2192 ${String(payload.changes.status[1])}`
    ]);
  return out;
}
function heading(payload) {
  const event = EVENT_NAMES[payload.type] ?? payload.type;
  return payload.report ? `${event}: ${payload.report.title}` : event;
}
function standardBody(payload, baseUrl) {
  const { type, at, ...data } = payload;
  return {
    type,
    timestamp: at,
    data: {
      ...data,
      ...payload.reportId ? { link: reportLink(baseUrl, payload.reportId) } : {}
    }
  };
}
function teamsBody(payload, baseUrl) {
  const body = [
    {
      type: "TextBlock",
      text: heading(payload),
      weight: "Bolder",
      size: "Medium",
      wrap: true
    }
  ];
  const rows = facts(payload);
  if (rows.length > 0)
    body.push({
      type: "FactSet",
      facts: rows.map(([title, value]) => ({ title, value }))
    });
  if (payload.report?.text)
    body.push({ type: "TextBlock", text: payload.report.text, wrap: true });
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    actions: payload.reportId ? [
      {
        type: "Action.OpenUrl",
        title: "Open in Snag",
        url: reportLink(baseUrl, payload.reportId)
      }
    ] : []
  };
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: card
      }
    ]
  };
}
function slackEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function slackBody(payload, baseUrl) {
  const title = heading(payload);
  const blocks = [
    {
      type: "header",
      text: { type: "plain_text", text: title.slice(0, 150), emoji: false }
    }
  ];
  const rows = facts(payload);
  if (rows.length > 0)
    blocks.push({
      type: "section",
      fields: rows.map(([name, value]) => ({
        type: "mrkdwn",
        text: `*${name}*
${slackEscape(value)}`
      }))
    });
  if (payload.report?.text)
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: slackEscape(payload.report.text).slice(0, 3e3)
      }
    });
  if (payload.reportId)
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Open in Snag" },
          url: reportLink(baseUrl, payload.reportId),
          action_id: "open-in-snag"
        }
      ]
    });
  return { text: slackEscape(title), blocks };
}
function renderBody(kind, payload, baseUrl) {
  const body = kind === "teams" ? teamsBody(payload, baseUrl) : kind === "slack" ? slackBody(payload, baseUrl) : standardBody(payload, baseUrl);
  return JSON.stringify(body);
}

// server/deliveries/email.ts
var WORDS = {
  en: {
    fixedSubject: "You said, we did",
    fixedIntro: "Thank you for reporting this problem. It has now been fixed.",
    reviewerSaid: "What the reviewer said:",
    open: "Open in Snag",
    daily: "Your daily Snag digest",
    weekly: "Your weekly Snag digest",
    newReports: "New reports",
    changed: "What changed",
    matrix: "Open reports by severity and risk",
    none: "None",
    severity: "Severity",
    risk: "Risk",
    notRated: "not rated",
    reports: "reports",
    why: "You get this email because you asked for it in Snag. You can turn it off there."
  },
  cy: {
    fixedSubject: "Dywedoch chi, gwnaethon ni",
    fixedIntro: "Diolch am roi gwybod am y broblem hon. Mae wedi cael ei thrwsio erbyn hyn.",
    reviewerSaid: "Beth ddywedodd yr adolygydd:",
    open: "Agor yn Snag",
    daily: "Eich crynodeb dyddiol o Snag",
    weekly: "Eich crynodeb wythnosol o Snag",
    newReports: "Adroddiadau newydd",
    changed: "Beth newidiodd",
    matrix: "Adroddiadau agored yn \xF4l difrifoldeb a risg",
    none: "Dim",
    severity: "Difrifoldeb",
    risk: "Risg",
    notRated: "heb ei raddio",
    reports: "adroddiad",
    why: "Rydych chi'n cael yr e-bost hwn oherwydd i chi ofyn amdano yn Snag. Gallwch ei ddiffodd yno."
  }
};
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var page = (title, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family: Arial, sans-serif; line-height: 1.5">${body}</body></html>`;
function writeFixed(p, baseUrl) {
  const w = WORDS[p.language];
  const link = reportLink(baseUrl, p.reportId);
  const subject = `${w.fixedSubject}: ${p.title}`;
  const said = p.closingComment ? [w.reviewerSaid, "", p.closingComment, ""] : [];
  const text = [
    w.fixedIntro,
    "",
    p.title,
    "",
    ...said,
    `${w.open}: ${link}`,
    "",
    w.why
  ].join("\n");
  const html = page(
    subject,
    `<h1>${escapeHtml(w.fixedSubject)}</h1><p>${escapeHtml(w.fixedIntro)}</p><p><strong>${escapeHtml(p.title)}</strong></p>` + (p.closingComment ? `<p>${escapeHtml(w.reviewerSaid)}</p><blockquote>${escapeHtml(p.closingComment)}</blockquote>` : "") + `<p><a href="${escapeHtml(link)}">${escapeHtml(w.open)}</a></p><p>${escapeHtml(w.why)}</p>`
  );
  return { to: p.to, subject, text, html };
}
function rating(value, w) {
  return value === null ? w.notRated : String(value);
}
function writeDigest(p, baseUrl) {
  const w = WORDS[p.language];
  const subject = p.period === "daily" ? w.daily : w.weekly;
  const newLines = p.newReports.map(
    (r) => `${r.title} (${r.service || "?"}) ${reportLink(baseUrl, r.id)}`
  );
  const changedLines = p.changed.map(
    (r) => `${r.title}: ${r.status} ${reportLink(baseUrl, r.id)}`
  );
  const cells = p.matrix.map(
    (c) => `${w.severity} ${rating(c.severity, w)}, ${w.risk} ${rating(c.risk, w)}: ${c.count} ${w.reports}`
  );
  const section = (title, lines) => [
    title,
    ...lines.length ? lines.map((l) => `- ${l}`) : [w.none],
    ""
  ];
  const text = [
    subject,
    "",
    ...section(`${w.newReports} (${p.newReports.length})`, newLines),
    ...section(`${w.changed} (${p.changed.length})`, changedLines),
    ...section(w.matrix, cells),
    w.why
  ].join("\n");
  const list = (items) => items.length ? `<ul>${items.map((i) => `<li><a href="${escapeHtml(reportLink(baseUrl, i.id))}">${escapeHtml(i.label)}</a></li>`).join("")}</ul>` : `<p>${escapeHtml(w.none)}</p>`;
  const html = page(
    subject,
    `<h1>${escapeHtml(subject)}</h1><h2>${escapeHtml(w.newReports)} (${p.newReports.length})</h2>` + list(
      p.newReports.map((r) => ({
        id: r.id,
        label: `${r.title} (${r.service || "?"})`
      }))
    ) + `<h2>${escapeHtml(w.changed)} (${p.changed.length})</h2>` + list(
      p.changed.map((r) => ({ id: r.id, label: `${r.title}: ${r.status}` }))
    ) + `<h2>${escapeHtml(w.matrix)}</h2>` + (cells.length ? `<ul>${cells.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>` : `<p>${escapeHtml(w.none)}</p>`) + `<p>${escapeHtml(w.why)}</p>`
  );
  return { to: p.to, subject, text, html };
}
function writeEmail(payload, baseUrl) {
  return payload.template === "digest" ? writeDigest(payload, baseUrl) : writeFixed(payload, baseUrl);
}
function smtpSender(smtpUrl, from, baseUrl) {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (payload) => {
    const message = writeEmail(payload, baseUrl);
    await transport.sendMail({ from, ...message });
  };
}

// server/deliveries/worker.ts
var DeliveryWorker = class {
  constructor(options) {
    this.options = options;
  }
  options;
  running = false;
  wake = null;
  loop = null;
  unsubscribe = null;
  digestsCheckedMs = -Infinity;
  async allowList() {
    const fromAdmin = await this.options.store.webhooks.allowList();
    return parseAllowList([...this.options.allowEnv ?? [], ...fromAdmin]);
  }
  /** One pass: claims a batch, sends it, records it. Answers how many were attempted. */
  async runOnce() {
    const { store, now } = this.options;
    if (now().getTime() - this.digestsCheckedMs >= 6e4) {
      this.digestsCheckedMs = now().getTime();
      await store.webhooks.enqueueDueDigests(now());
    }
    const claimed = await store.deliveryQueue.claim(
      this.options.batch ?? 50,
      now().getTime(),
      this.options.leaseMs ?? 6e4
    );
    if (claimed.length === 0) return 0;
    const allow = await this.allowList();
    await Promise.all(claimed.map((d) => this.deliver(d, allow)));
    return claimed.length;
  }
  async deliver(d, allow) {
    let outcome;
    try {
      outcome = d.channel === "email" ? await this.sendMail(d) : this.judge(d, await this.sendWebhook(d, allow));
    } catch (error) {
      outcome = this.retryOrFail(d, {
        status: null,
        latencyMs: null,
        response: null,
        error: error instanceof Error ? error.message : String(error)
      });
    }
    await this.options.store.deliveryQueue.record(d.id, d.attempt, outcome, this.options.now().toISOString()).catch((error) => this.options.onError?.(error));
  }
  async sendWebhook(d, allow) {
    if (!d.webhook)
      return { kind: "refused", message: "The subscription no longer exists" };
    const now = this.options.now();
    const payload = JSON.parse(d.payload);
    const body = renderBody(d.webhook.kind, payload, this.options.baseUrl);
    const headers = signedHeaders(
      signingSecrets(d.webhook, now),
      d.id,
      now,
      body
    );
    return postJson(d.webhook.url, body, headers, {
      allow,
      timeoutMs: this.options.timeoutMs ?? 1e4,
      maxBytes: this.options.maxBytes ?? 65536,
      resolve: this.options.resolve
    });
  }
  async sendMail(d) {
    const mail = this.options.mail;
    if (!mail)
      return this.retryOrFail(d, {
        status: null,
        latencyMs: null,
        response: null,
        error: "No mail server is configured (SNAG_SMTP_URL)"
      });
    await mail(JSON.parse(d.payload));
    return { kind: "delivered", status: 250, latencyMs: 0, response: "" };
  }
  /** What a webhook's answer means for the delivery. */
  judge(d, result) {
    if (result.kind === "refused")
      return {
        kind: "failed",
        status: null,
        latencyMs: null,
        response: null,
        error: result.message
      };
    if (result.kind === "failed")
      return this.retryOrFail(d, {
        status: null,
        latencyMs: result.latencyMs,
        response: null,
        error: result.message
      });
    if (result.status >= 200 && result.status < 300)
      return {
        kind: "delivered",
        status: result.status,
        latencyMs: result.latencyMs,
        response: result.body
      };
    return this.retryOrFail(d, {
      status: result.status,
      latencyMs: result.latencyMs,
      response: result.body,
      error: `The receiver answered ${result.status}`
    });
  }
  retryOrFail(d, last) {
    const nowMs = this.options.now().getTime();
    const next = retryAt(
      d.createdMs,
      nowMs,
      d.attempt,
      this.options.random ?? Math.random
    );
    if (next === null)
      return {
        kind: "failed",
        ...last,
        error: `Gave up after ${d.attempt} attempts over 24 hours; the last: ${last.error}`
      };
    return { kind: "retry", nextMs: next, ...last };
  }
  /** Runs until {@link stop}: works while there is work, then waits for a change or a tick. */
  start() {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.store.onEvent(() => this.wake?.());
    this.loop = this.run();
  }
  async run() {
    const pollMs = this.options.pollMs ?? 1e3;
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (worked > 0 || !this.running) continue;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
  /** Stops after the pass in progress. */
  async stop() {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }
};

// server/deliveries/start.ts
function publicBase(config, listeningUrl) {
  return config.signIn.publicUrl ?? listeningUrl;
}
function startDeliveries(store, config, listeningUrl, onError) {
  const settings = config.deliveries;
  if (!settings.enabled) return null;
  const baseUrl = publicBase(config, listeningUrl);
  const worker = new DeliveryWorker({
    store,
    now: () => /* @__PURE__ */ new Date(),
    baseUrl,
    allowEnv: settings.allow,
    timeoutMs: settings.timeoutMs,
    leaseMs: settings.leaseMs,
    mail: settings.smtpUrl ? smtpSender(settings.smtpUrl, settings.mailFrom, baseUrl) : null,
    onError
  });
  worker.start();
  return worker;
}
export {
  publicBase,
  startDeliveries
};
//# sourceMappingURL=start-HUIJAZUX.js.map
