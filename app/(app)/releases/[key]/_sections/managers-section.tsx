import { getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/release-forms/action-button';
import { CoManagerForm } from '@/components/release-forms/co-manager-form';
import { Section } from '@/components/ui/section';
import { getCoManagerPanel } from '@/lib/server/release-managers';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { requireUser } from '@/lib/server/session';
import { addCoManagerAction, removeCoManagerAction } from '../managers-actions';

/**
 * Who manages the release (docs/decisions/039-who-may-edit-a-release.md): its owner, the
 * release managers of the owner's team and its co-managers, whom those people add and remove.
 */
export async function ManagersSection({ r }: { r: ReleaseRef }) {
  const actor = await requireUser();
  const t = await getTranslations('release-page.managers');
  const panel = await getCoManagerPanel(actor, r);
  if (!panel) return null;
  const { management: m } = panel;
  return (
    <Section id="managers" title={t('title')} count={1 + m.coManagers.length}>
      <ul className="divide-y divide-gray-100" aria-label={t('listLabel', { key: panel.key })}>
        <li className="py-1.5 first:pt-0 last:pb-0">
          <p className="text-sm font-medium text-gray-900">{m.owner.name}</p>
          <p className="text-xs text-gray-700">{m.team ? t('ownerWithTeam', { team: m.team }) : t('owner')}</p>
        </li>
        {m.coManagers.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5 first:pt-0 last:pb-0">
            <div>
              <p className="text-sm font-medium text-gray-900">{c.name}</p>
              <p className="text-xs text-gray-700">{t('coManager')}</p>
            </div>
            {panel.canEdit ? (
              <ActionButton
                action={removeCoManagerAction}
                fields={{ releaseKey: panel.key, userId: c.id, version: String(panel.version) }}
                label={t('remove.label')}
                pendingText={t('remove.pending')}
                srContext={t('remove.srContext', { name: c.name })}
                confirm={t('remove.confirm', { name: c.name, key: panel.key })}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {panel.canEdit ? <CoManagerForm action={addCoManagerAction} releaseKey={panel.key} version={panel.version} candidates={panel.candidates} /> : null}
    </Section>
  );
}
