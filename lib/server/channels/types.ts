// What every outgoing channel (e-mail, Slack, Teams, signed webhooks) receives and answers.
// The message (lib/domain/outbound-message.ts) is composed once per event and person
// (lib/server/notify.ts); each channel renders it in its own format. Channels never throw
// for a failed delivery: they answer a DeliveryResult, and the job engine retries what is not
// permanent.

export type { OutboundMessage } from '@/lib/domain/outbound-message';

export interface DeliveryResult {
  ok: boolean;
  /** true when retrying cannot help (bad address, 4xx other than 408/429, refused destination) */
  permanent?: boolean;
  /** what happened, for the delivery record and the admin queue page (never a secret) */
  detail: string;
  /** the HTTP status or SMTP reply code, when there was one */
  code?: number;
}
