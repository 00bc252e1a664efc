// The one message every outgoing channel receives (e-mail, Slack, Teams), in plain parts each
// channel renders its own way: lib/domain/email-render.ts and lib/domain/chat-payloads.ts
// render it, lib/server/channels/* send it. Composed once per event and person
// (lib/server/notify.ts).

import type { Locale } from './locale';

/** A message to a person or a channel. */
export interface OutboundMessage {
  /** the reader's language (an e-mail's greeting and footer); English when unset, as for a channel */
  locale?: Locale;
  /** the event kind, e.g. 'approval.requested' */
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
