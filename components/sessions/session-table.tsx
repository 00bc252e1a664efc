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
  if (!sessions.length) return <EmptyState title="No active sessions">{empty}</EmptyState>;
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Device</Th>
          <Th>Address</Th>
          <Th>Signed in</Th>
          <Th>Last seen</Th>
          {endAction ? (
            <Th>
              <span className="sr-only">Actions</span>
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
                  <Badge tone="green">This session</Badge>
                </span>
              ) : null}
            </Td>
            <Td className="font-mono text-xs break-all">{s.ip ?? 'unknown'}</Td>
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
                    trigger="End"
                    triggerAriaLabel={`End the session on ${s.device}, last seen ${s.lastSeenAt.slice(0, 16).replace('T', ' ')} UTC`}
                    question={`End the session on ${s.device}? That browser is signed out at once.`}
                    confirmLabel="Yes, end it"
                    pendingText="Ending…"
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
