import { useTranslations } from 'next-intl';
import type { FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import type { SessionDto } from '@/lib/server/sessions';

/**
 * Active sessions: device, address, when signed in and last seen. With `endAction`, each
 * session other than the current one can be ended (your own sessions, on Profile).
 */
export function SessionTable({
  sessions,
  caption,
  empty,
  endAction,
}: {
  sessions: SessionDto[];
  caption: string;
  empty: string;
  endAction?: (prev: FormState, form: FormData) => Promise<FormState>;
}) {
  const t = useTranslations('sessions');
  if (!sessions.length) return <EmptyState title={t('empty')}>{empty}</EmptyState>;
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t('columns.device')}</Th>
          <Th>{t('columns.address')}</Th>
          <Th>{t('columns.signedIn')}</Th>
          <Th>{t('columns.lastSeen')}</Th>
          {endAction ? (
            <Th>
              <span className="sr-only">{t('columns.actions')}</span>
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {sessions.map((s) => (
          <Tr key={s.ref}>
            <Td className="text-sm">
              {s.device}
              {s.current ? (
                <span className="ml-1.5">
                  <Badge tone="green">{t('current')}</Badge>
                </span>
              ) : null}
            </Td>
            <Td className="font-mono text-xs break-all">{s.ip ?? t('unknownAddress')}</Td>
            <Td className="text-xs">
              <When iso={s.signedInAt} />
            </Td>
            <Td className="text-xs">
              <When iso={s.lastSeenAt} />
            </Td>
            {endAction ? (
              <Td>
                {s.current ? null : (
                  <ConfirmAction
                    action={endAction}
                    id={s.ref}
                    size="sm"
                    dense
                    trigger={t('end.trigger')}
                    triggerAriaLabel={t('end.label', { device: s.device, lastSeen: s.lastSeenAt.slice(0, 16).replace('T', ' ') })}
                    question={t('end.question', { device: s.device })}
                    confirmLabel={t('end.confirm')}
                    pendingText={t('end.pending')}
                  />
                )}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
