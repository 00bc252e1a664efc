// What every outgoing channel (e-mail, Slack, Teams, signed webhooks) receives and answers.
// The message is composed once per event and person (lib/server/outbox.ts); each channel
// renders it in its own format. Channels never throw for a failed delivery: they answer a
// DeliveryResult, and the job engine retries what is not permanent.

/** A message to a person or a channel, in plain parts each channel renders its own way. */
export interface OutboundMessage {
  /** the event kind, e.g. 'approval.requested' (see EVENT_KINDS) */
  event: string;
  /** the release it is about, e.g. 'REL-12' */
  releaseKey?: string;
  /** names the release key first: "REL-12 waits for your approval: Billing 4.13" */
  subject: string;
  /** a one-line summary (chat notification text, e-mail preheader) */
  summary: string;
  /** paragraphs of plain text */
  lines: string[];
  /** label/value pairs shown as a list or table (window, owner, risk, …) */
  facts?: { label: string; value: string }[];
  /** the one thing to do, with an absolute URL to the exact page */
  action?: { label: string; url: string };
  /** e-mail footer: the person's notification settings, and a signed one-click unsubscribe */
  settingsUrl?: string;
  unsubscribeUrl?: string;
}

export interface DeliveryResult {
  ok: boolean;
  /** true when retrying cannot help (bad address, 4xx other than 408/429, refused destination) */
  permanent?: boolean;
  /** what happened, for the delivery record and the admin queue page (never a secret) */
  detail: string;
  /** the HTTP status or SMTP reply code, when there was one */
  code?: number;
}
