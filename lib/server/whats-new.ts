import 'server-only';
import crypto from 'node:crypto';
import { buildAtomFeed, tagUri, textAsHtml } from '@/lib/domain/atom';
import { allows, assertCan } from './authz';
import { COMPONENT_NAME_PATTERN } from './components';
import { db } from './db';
import { authSecret, env } from './env';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-whats-new');

// "What's new": the published release announcements of each component, for every signed-in
// role (viewer included), and as an Atom feed that feed readers fetch with a signed token
// (docs/decisions/031-release-announcements.md). Drafts never appear here.

export const WHATS_NEW_PAGE_SIZE = 50;
const INDEX_LIMIT = 500;

export interface WhatsNewEntryDto {
  id: string;
  releaseKey: string;
  title: string;
  summary: string;
  body: string;
  effective: string;
  contact: string;
  publishedAt: string;
  publishedBy: string;
  correctedAt: string | null;
  /** each correction, newest first: when, by whom, what it changed */
  corrections: { revision: number; at: string; by: string; note: string }[];
  /** the other components the announcement is listed on */
  components: string[];
}

export interface WhatsNewIndexRow {
  name: string;
  description: string;
  latest: { releaseKey: string; title: string; summary: string; publishedAt: string } | null;
}

/** Every component (up to 500, by name) with its newest published announcement. */
export async function listWhatsNew(actor: Actor | null): Promise<{ rows: WhatsNewIndexRow[]; truncated: boolean }> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const components = await prisma.component.findMany({
    orderBy: { name: 'asc' },
    take: INDEX_LIMIT + 1,
    select: {
      name: true,
      description: true,
      announcements: {
        where: { announcement: { status: 'published' } },
        orderBy: [{ announcement: { publishedAt: 'desc' } }, { announcementId: 'desc' }],
        take: 1,
        select: { announcement: { select: { title: true, summary: true, publishedAt: true, release: { select: { number: true } } } } },
      },
    },
  });
  const rows = components.slice(0, INDEX_LIMIT).map((c) => {
    const a = c.announcements[0]?.announcement;
    return {
      name: c.name,
      description: c.description,
      latest: a ? { releaseKey: releaseKey(a.release.number), title: a.title, summary: a.summary, publishedAt: a.publishedAt!.toISOString() } : null,
    };
  });
  // components with news first, the newest first; the rest by name
  rows.sort((a, b) => (b.latest?.publishedAt ?? '').localeCompare(a.latest?.publishedAt ?? '') || a.name.localeCompare(b.name));
  return { rows, truncated: components.length > INDEX_LIMIT };
}

interface ComponentNews {
  component: { id: string; name: string; description: string };
  entries: WhatsNewEntryDto[];
  /** the newest publication or correction, or null when nothing is published */
  updated: Date | null;
}

type ComponentHead = ComponentNews['component'];

async function findComponent(name: string): Promise<ComponentHead | null> {
  if (typeof name !== 'string' || name.length > 200 || !COMPONENT_NAME_PATTERN.test(name)) return null;
  const prisma = await db();
  return prisma.component.findUnique({ where: { name }, select: { id: true, name: true, description: true } });
}

async function loadNews(component: ComponentHead): Promise<ComponentNews> {
  const prisma = await db();
  const links = await prisma.announcementComponent.findMany({
    where: { componentId: component.id, announcement: { status: 'published' } },
    orderBy: [{ announcement: { publishedAt: 'desc' } }, { announcementId: 'desc' }],
    take: WHATS_NEW_PAGE_SIZE,
    select: {
      announcement: {
        select: {
          id: true,
          title: true,
          summary: true,
          body: true,
          effective: true,
          contact: true,
          publishedAt: true,
          correctedAt: true,
          release: { select: { number: true } },
          components: { select: { component: { select: { name: true } } } },
          revisions: { orderBy: { revision: 'desc' }, select: { revision: true, note: true, publishedBy: true, publishedAt: true } },
        },
      },
    },
  });
  const entries = links.map(({ announcement: a }) => {
    const first = a.revisions.find((r) => r.revision === 1);
    return {
      id: a.id,
      releaseKey: releaseKey(a.release.number),
      title: a.title,
      summary: a.summary,
      body: a.body,
      effective: a.effective,
      contact: a.contact,
      publishedAt: a.publishedAt!.toISOString(),
      publishedBy: first?.publishedBy ?? 'Relm',
      correctedAt: a.correctedAt?.toISOString() ?? null,
      corrections: a.revisions
        .filter((r) => r.revision > 1)
        .map((r) => ({ revision: r.revision, at: r.publishedAt.toISOString(), by: r.publishedBy, note: r.note })),
      components: a.components
        .map((c) => c.component.name)
        .filter((n) => n !== component.name)
        .sort(),
    };
  });
  const updated = entries.reduce<Date | null>((max, e) => {
    const t = new Date(e.correctedAt ?? e.publishedAt);
    return !max || t > max ? t : max;
  }, null);
  return { component, entries, updated };
}

export interface WhatsNewDto {
  component: { name: string; description: string };
  entries: WhatsNewEntryDto[];
  /** the feed's path with its signed token, for "Subscribe (Atom)" */
  feedPath: string;
}

/** A component's published announcements, newest first; null when there is no such component. */
export async function getWhatsNew(actor: Actor | null, name: string): Promise<WhatsNewDto | null> {
  assertCan(actor, 'release.read');
  const component = await findComponent(name);
  if (!component) return null;
  const news = await loadNews(component);
  return {
    component: { name: news.component.name, description: news.component.description },
    entries: news.entries,
    feedPath: `${feedPath(news.component.name)}?token=${feedToken(news.component.id)}`,
  };
}

// ---------------------------------------------------------------- the Atom feed

export const feedPath = (name: string) => `/whats-new/${encodeURIComponent(name)}/feed.xml`;

/**
 * The feed's token: an HMAC of the component's id with the server's secret. It lets a feed
 * reader, which cannot sign in, read one component's published announcements and nothing
 * else; changing AUTH_SECRET revokes every token.
 */
export function feedToken(componentId: string): string {
  return crypto.createHmac('sha256', authSecret()).update(`relm:whats-new-feed:v1:${componentId}`, 'utf8').digest('base64url').slice(0, 43);
}

function tokenMatches(componentId: string, presented: string | null): boolean {
  if (!presented || presented.length !== 43) return false;
  const a = Buffer.from(feedToken(componentId), 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export type FeedResult = { status: 200; body: string; updated: Date } | { status: 401 | 404; message: string };

/**
 * The component's feed for a reader holding its token, or for a signed-in person. Without
 * either the answer is 401 whether or not the component exists (names are not disclosed);
 * a signed-in person asking for an unknown component gets 404.
 */
export async function getWhatsNewFeed(name: string, auth: { actor: Actor | null; token: string | null }, origin: string): Promise<FeedResult> {
  // who may read it is settled before any announcement is read
  const component = await findComponent(name);
  const signedIn = allows(auth.actor, 'release.read');
  const tokenOk = !!component && tokenMatches(component.id, auth.token);
  if (!signedIn && !tokenOk) {
    return { status: 401, message: say('feed.needsToken') };
  }
  if (!component) return { status: 404, message: say('feed.noComponent', { name: String(name).slice(0, 60) }) };
  const news = await loadNews(component);
  const base = (env().RELM_PUBLIC_URL ?? origin).replace(/\/+$/, '');
  const host = (() => {
    try {
      return new URL(base).host;
    } catch {
      return 'relm.invalid';
    }
  })();
  const page = `${base}/whats-new/${encodeURIComponent(news.component.name)}`;
  // the token in rel="self" only when it was presented: a signed-in fetch does not mint one into the body
  const self = `${base}${feedPath(news.component.name)}${tokenOk ? `?token=${auth.token}` : ''}`;
  const minted = new Date('2026-12-05T00:00:00Z');
  const updated = news.updated ?? minted;
  const body = buildAtomFeed({
    id: tagUri(host, minted, `whats-new/${news.component.id}`),
    title: `What’s new in ${news.component.name}`,
    subtitle: news.component.description || `Release announcements for the users of ${news.component.name}.`,
    updated,
    self,
    alternate: page,
    entries: news.entries.map((e) => ({
      id: tagUri(host, minted, `announcement/${e.id}`),
      title: `${e.releaseKey}: ${e.title}`,
      link: `${page}#${e.releaseKey}`,
      published: new Date(e.publishedAt),
      updated: new Date(e.correctedAt ?? e.publishedAt),
      author: e.publishedBy,
      summary: e.summary,
      contentHtml: [
        textAsHtml(e.summary),
        `<p><strong>When:</strong> ${escapeText(e.effective)}</p>`,
        `<p><strong>Whom to ask:</strong> ${escapeText(e.contact)}</p>`,
        textAsHtml(e.body),
        ...e.corrections.map((c) => `<p><em>Corrected ${c.at.slice(0, 10)}: ${escapeText(c.note)}</em></p>`),
      ]
        .filter(Boolean)
        .join('\n'),
    })),
  });
  return { status: 200, body, updated };
}

const escapeText = (v: string) =>
  textAsHtml(v)
    .replace(/^<p>|<\/p>$/g, '')
    .replace(/<\/p>\n<p>/g, '<br>');
