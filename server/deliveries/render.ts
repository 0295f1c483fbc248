/**
 * What each kind of target receives for one queued event: a small Standard Webhooks JSON
 * body, a Teams Adaptive Card (Workflows webhooks need a card, not plain text), or Slack
 * Block Kit. Every one links back to the report.
 */
import type { WebhookKind } from '../../protocol/webhooks';
import type { EventPayload } from './rules';

/** The dashboard page of a report. */
export function reportLink(baseUrl: string, reportId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/reports/${encodeURIComponent(reportId)}`;
}

const KIND_NAMES: Record<string, string> = {
  'hard-to-use': 'Hard to use',
  'insecure-workaround': 'Insecure workaround',
};

const EVENT_NAMES: Record<string, string> = {
  'report.created': 'New report',
  'report.triaged': 'Report triaged',
  'report.status_changed': 'Status changed',
  'comment.created': 'New comment',
  'report.redacted': 'Report redacted',
  'webhook.test': 'Test event from Snag',
};

/** The facts a person reads in a chat message, in order. */
export function facts(payload: EventPayload): Array<[string, string]> {
  const r = payload.report;
  if (!r) return [];
  const out: Array<[string, string]> = [
    ['Problem', r.kinds.map((k) => KIND_NAMES[k] ?? k).join(', ')],
    [
      'Severity',
      r.usabilitySeverity === null
        ? 'Not rated'
        : `${r.usabilitySeverity} of 4`,
    ],
    ['Risk', r.securityRisk === null ? 'Not rated' : `${r.securityRisk} of 4`],
    ['Service', r.service || 'Not known'],
    ['Status', r.status],
  ];
  if (payload.changes?.status)
    out.push([
      'Changed',
      `${String(payload.changes.status[0])} → ${String(payload.changes.status[1])}`,
    ]);
  return out;
}

/** The heading of a chat message. */
export function heading(payload: EventPayload): string {
  const event = EVENT_NAMES[payload.type] ?? payload.type;
  return payload.report ? `${event}: ${payload.report.title}` : event;
}

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export function standardBody(payload: EventPayload, baseUrl: string): unknown {
  const { type, at, ...data } = payload;
  return {
    type,
    timestamp: at,
    data: {
      ...data,
      ...(payload.reportId
        ? { link: reportLink(baseUrl, payload.reportId) }
        : {}),
    },
  };
}

/** A Teams Workflows message carrying one Adaptive Card. */
export function teamsBody(payload: EventPayload, baseUrl: string): unknown {
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: heading(payload),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
  ];
  const rows = facts(payload);
  if (rows.length > 0)
    body.push({
      type: 'FactSet',
      facts: rows.map(([title, value]) => ({ title, value })),
    });
  if (payload.report?.text)
    body.push({ type: 'TextBlock', text: payload.report.text, wrap: true });
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    actions: payload.reportId
      ? [
          {
            type: 'Action.OpenUrl',
            title: 'Open in Snag',
            url: reportLink(baseUrl, payload.reportId),
          },
        ]
      : [],
  };
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: card,
      },
    ],
  };
}

/** Slack's mrkdwn needs `&`, `<` and `>` escaped. */
export function slackEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A Slack incoming-webhook message in Block Kit. */
export function slackBody(payload: EventPayload, baseUrl: string): unknown {
  const title = heading(payload);
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: title.slice(0, 150), emoji: false },
    },
  ];
  const rows = facts(payload);
  if (rows.length > 0)
    blocks.push({
      type: 'section',
      fields: rows.map(([name, value]) => ({
        type: 'mrkdwn',
        text: `*${name}*\n${slackEscape(value)}`,
      })),
    });
  if (payload.report?.text)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: slackEscape(payload.report.text).slice(0, 3000),
      },
    });
  if (payload.reportId)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in Snag' },
          url: reportLink(baseUrl, payload.reportId),
          action_id: 'open-in-snag',
        },
      ],
    });
  return { text: slackEscape(title), blocks };
}

/** The JSON body a target of `kind` receives. */
export function renderBody(
  kind: WebhookKind,
  payload: EventPayload,
  baseUrl: string,
): string {
  const body =
    kind === 'teams'
      ? teamsBody(payload, baseUrl)
      : kind === 'slack'
        ? slackBody(payload, baseUrl)
        : standardBody(payload, baseUrl);
  return JSON.stringify(body);
}
