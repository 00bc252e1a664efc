import 'server-only';
import { DEMO_PASSWORD, DEMO_USERS } from '@/prisma/seed/data/people';
import type { Messages } from '@/messages';
import { db } from './db';

// The sign-in page lists the demo organisation's accounts, so a first visitor can look around,
// only where the demo was seeded (its `seed.demo` audit event, written by prisma/seed in the same
// transaction as the accounts) and only the demo accounts still there and enabled. A real
// organisation's database has no such event, so its sign-in page names no account.

export interface DemoAccount {
  email: string;
  /** the part before the @: the key of its description in messages/<locale>/sign-in.json (demo.accounts) */
  key: keyof Messages['sign-in']['demo']['accounts'];
}

export { DEMO_PASSWORD };

/** The demo accounts a visitor may use here, in the seed's order; none where the demo was never seeded. */
export async function demoAccounts(): Promise<DemoAccount[]> {
  const prisma = await db();
  const seeded = await prisma.auditEvent.findFirst({ where: { action: 'seed.demo' }, select: { seq: true } });
  if (!seeded) return [];
  const present = await prisma.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) }, disabledAt: null },
    select: { email: true },
  });
  const have = new Set(present.map((u) => u.email));
  return DEMO_USERS.filter((u) => have.has(u.email)).map((u) => ({ email: u.email, key: demoAccountKey(u.email) }));
}

/** tests/unit/messages.test.ts checks that every demo account has its description in each language */
export const demoAccountKey = (email: string) => email.split('@')[0] as keyof Messages['sign-in']['demo']['accounts'];
