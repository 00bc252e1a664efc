import 'server-only';
import { slackPayload, teamsPayload } from '@/lib/domain/chat-payloads';
import { safePost, type SafePostOptions } from './http';
import type { DeliveryResult, OutboundMessage } from './types';

// Slack incoming webhooks and Teams Workflows webhooks: the message rendered by
// lib/domain/chat-payloads.ts, posted through the SSRF-guarded client.

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Relm/1' };

/** Posts a message to a Slack incoming-webhook URL (Block Kit). */
export function postSlack(url: string, msg: OutboundMessage, opts?: SafePostOptions): Promise<DeliveryResult> {
  return safePost(url, JSON.stringify(slackPayload(msg)), JSON_HEADERS, opts);
}

/** Posts a message to a Teams Workflows webhook URL (an Adaptive Card). */
export function postTeams(url: string, msg: OutboundMessage, opts?: SafePostOptions): Promise<DeliveryResult> {
  return safePost(url, JSON.stringify(teamsPayload(msg)), JSON_HEADERS, opts);
}
