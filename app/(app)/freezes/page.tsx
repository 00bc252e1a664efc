import type { Metadata } from 'next';
import Link from 'next/link';
import { FreezeTable } from '@/components/freezes/freeze-table';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { allows } from '@/lib/server/authz';
import { listFreezeWindows } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Change freezes' };

export default async function FreezesPage() {
  const actor = await requireUser();
  const loaded = await guard(() => listFreezeWindows(actor));
  if (!loaded.ok) return <AccessDenied title="Change freezes" reason={loaded.message} />;
  const freezes = loaded.value;
  const active = freezes.filter((f) => f.active);
  const editor = allows(actor, 'freeze.edit');
  return (
    <>
      <PageHeader
        title="Change freezes"
        description={`${plural(active.length, 'active freeze')}. A release in a freeze's scope cannot be scheduled or deployed during it unless an override is requested and confirmed by a second person.`}
        actions={
          editor ? (
            <Link href="/admin/freezes" className="link text-sm">
              Manage freezes
            </Link>
          ) : null
        }
      />
      {freezes.length ? (
        <FreezeTable
          freezes={freezes}
          hrefOf={editor ? (id) => `/admin/freezes/${encodeURIComponent(id)}` : undefined}
          caption="Change freezes with their scope, recurrence, next three occurrences (in each freeze's time zone) and status"
        />
      ) : (
        <EmptyState title="No change freezes">Nothing is frozen: releases may be scheduled at any time their environments allow.</EmptyState>
      )}
    </>
  );
}
