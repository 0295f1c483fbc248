/**
 * Email: the reviewers' daily or weekly digest and the reporters' "You said, we did", in
 * English or Welsh as each person chose, as plain text with a simple HTML twin. Messages are
 * queued as facts and written here when sent, then handed to the mail server by nodemailer.
 */
import nodemailer from 'nodemailer';
import { reportLink } from './render';

type Language = 'en' | 'cy';

/** A digest's facts, gathered when it was queued. */
export interface DigestPayload {
  template: 'digest';
  to: string;
  language: Language;
  period: 'daily' | 'weekly';
  newReports: Array<{ id: string; title: string; service: string }>;
  changed: Array<{ id: string; title: string; status: string }>;
  /** Open reports by severity × risk; null is "not yet rated". */
  matrix: Array<{
    severity: number | null;
    risk: number | null;
    count: number;
  }>;
}

/** "You said, we did": a reporter's report is fixed. */
export interface FixedPayload {
  template: 'you-said-we-did';
  to: string;
  language: Language;
  reportId: string;
  title: string;
  closingComment: string | null;
}

export type EmailPayload = DigestPayload | FixedPayload;

/** A written message. */
export interface Written {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  en: {
    fixedSubject: 'You said, we did',
    fixedIntro: 'Thank you for reporting this problem. It has now been fixed.',
    reviewerSaid: 'What the reviewer said:',
    open: 'Open in Snag',
    daily: 'Your daily Snag digest',
    weekly: 'Your weekly Snag digest',
    newReports: 'New reports',
    changed: 'What changed',
    matrix: 'Open reports by severity and risk',
    none: 'None',
    severity: 'Severity',
    risk: 'Risk',
    notRated: 'not rated',
    reports: 'reports',
    why: 'You get this email because you asked for it in Snag. You can turn it off there.',
  },
  cy: {
    fixedSubject: 'Dywedoch chi, gwnaethon ni',
    fixedIntro:
      'Diolch am roi gwybod am y broblem hon. Mae wedi cael ei thrwsio erbyn hyn.',
    reviewerSaid: 'Beth ddywedodd yr adolygydd:',
    open: 'Agor yn Snag',
    daily: 'Eich crynodeb dyddiol o Snag',
    weekly: 'Eich crynodeb wythnosol o Snag',
    newReports: 'Adroddiadau newydd',
    changed: 'Beth newidiodd',
    matrix: 'Adroddiadau agored yn ôl difrifoldeb a risg',
    none: 'Dim',
    severity: 'Difrifoldeb',
    risk: 'Risg',
    notRated: 'heb ei raddio',
    reports: 'adroddiad',
    why: "Rydych chi'n cael yr e-bost hwn oherwydd i chi ofyn amdano yn Snag. Gallwch ei ddiffodd yno.",
  },
} as const;

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family: Arial, sans-serif; line-height: 1.5">${body}</body></html>`;

function writeFixed(p: FixedPayload, baseUrl: string): Written {
  const w = WORDS[p.language];
  const link = reportLink(baseUrl, p.reportId);
  const subject = `${w.fixedSubject}: ${p.title}`;
  const said = p.closingComment
    ? [w.reviewerSaid, '', p.closingComment, '']
    : [];
  const text = [
    w.fixedIntro,
    '',
    p.title,
    '',
    ...said,
    `${w.open}: ${link}`,
    '',
    w.why,
  ].join('\n');
  const html = page(
    subject,
    `<h1>${escapeHtml(w.fixedSubject)}</h1><p>${escapeHtml(w.fixedIntro)}</p>` +
      `<p><strong>${escapeHtml(p.title)}</strong></p>` +
      (p.closingComment
        ? `<p>${escapeHtml(w.reviewerSaid)}</p><blockquote>${escapeHtml(p.closingComment)}</blockquote>`
        : '') +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(w.open)}</a></p><p>${escapeHtml(w.why)}</p>`,
  );
  return { to: p.to, subject, text, html };
}

function rating(value: number | null, w: (typeof WORDS)[Language]): string {
  return value === null ? w.notRated : String(value);
}

function writeDigest(p: DigestPayload, baseUrl: string): Written {
  const w = WORDS[p.language];
  const subject = p.period === 'daily' ? w.daily : w.weekly;
  const newLines = p.newReports.map(
    (r) => `${r.title} (${r.service || '?'}) ${reportLink(baseUrl, r.id)}`,
  );
  const changedLines = p.changed.map(
    (r) => `${r.title}: ${r.status} ${reportLink(baseUrl, r.id)}`,
  );
  const cells = p.matrix.map(
    (c) =>
      `${w.severity} ${rating(c.severity, w)}, ${w.risk} ${rating(c.risk, w)}: ${c.count} ${w.reports}`,
  );
  const section = (title: string, lines: string[]) => [
    title,
    ...(lines.length ? lines.map((l) => `- ${l}`) : [w.none]),
    '',
  ];
  const text = [
    subject,
    '',
    ...section(`${w.newReports} (${p.newReports.length})`, newLines),
    ...section(`${w.changed} (${p.changed.length})`, changedLines),
    ...section(w.matrix, cells),
    w.why,
  ].join('\n');
  const list = (items: Array<{ id: string; label: string }>) =>
    items.length
      ? `<ul>${items.map((i) => `<li><a href="${escapeHtml(reportLink(baseUrl, i.id))}">${escapeHtml(i.label)}</a></li>`).join('')}</ul>`
      : `<p>${escapeHtml(w.none)}</p>`;
  const html = page(
    subject,
    `<h1>${escapeHtml(subject)}</h1>` +
      `<h2>${escapeHtml(w.newReports)} (${p.newReports.length})</h2>` +
      list(
        p.newReports.map((r) => ({
          id: r.id,
          label: `${r.title} (${r.service || '?'})`,
        })),
      ) +
      `<h2>${escapeHtml(w.changed)} (${p.changed.length})</h2>` +
      list(
        p.changed.map((r) => ({ id: r.id, label: `${r.title}: ${r.status}` })),
      ) +
      `<h2>${escapeHtml(w.matrix)}</h2>` +
      (cells.length
        ? `<ul>${cells.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`
        : `<p>${escapeHtml(w.none)}</p>`) +
      `<p>${escapeHtml(w.why)}</p>`,
  );
  return { to: p.to, subject, text, html };
}

/** Writes a queued email. */
export function writeEmail(payload: EmailPayload, baseUrl: string): Written {
  return payload.template === 'digest'
    ? writeDigest(payload, baseUrl)
    : writeFixed(payload, baseUrl);
}

/** A sender over SMTP; each call writes the message and hands it to the mail server. */
export function smtpSender(
  smtpUrl: string,
  from: string,
  baseUrl: string,
): (payload: unknown) => Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (payload) => {
    const message = writeEmail(payload as EmailPayload, baseUrl);
    await transport.sendMail({ from, ...message });
  };
}
