import type { FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import type { ApiTokenDto } from '@/lib/server/api-tokens';
import { TokenRevoke } from './token-revoke';

/** A token as the table shows it (the prefix is not needed: `display` has it). */
export type TokenRow = Omit<ApiTokenDto, 'prefix'>;

const STATUS = {
  active: { tone: 'green', label: 'Active' },
  expired: { tone: 'amber', label: 'Expired' },
  revoked: { tone: 'gray', label: 'Revoked' },
} as const;

/** The caller's tokens: never the token itself, only its recognisable prefix. */
export function TokenTable({ tokens, revokeAction }: { tokens: TokenRow[]; revokeAction: (prev: FormState, form: FormData) => Promise<FormState> }) {
  if (!tokens.length) {
    return <EmptyState title="No API tokens yet">Create one with the form to let a pipeline or script call the Relm API as you.</EmptyState>;
  }
  return (
    <Table caption="Your API tokens">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Token</Th>
          <Th>Scopes</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <Tr key={t.id}>
            <Td className="font-medium break-all">{t.name}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">{t.display}</Td>
            <Td className="text-xs">
              {t.scopes.includes('*') ? (
                <span title="Everything your roles allow">* (all of my roles)</span>
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {t.scopes.map((s) => (
                    <li key={s} className="font-mono">
                      {s}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td className="text-xs">
              <When iso={t.createdAt} />
            </Td>
            <Td className="text-xs">
              <When iso={t.lastUsedAt} empty="never" />
            </Td>
            <Td className="text-xs">
              <When iso={t.expiresAt} empty="never" />
            </Td>
            <Td className="text-xs">
              <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
              {t.revokedAt ? (
                <div className="mt-0.5 text-gray-700">
                  <When iso={t.revokedAt} />
                </div>
              ) : null}
            </Td>
            <Td>{t.status === 'revoked' ? null : <TokenRevoke action={revokeAction} tokenId={t.id} tokenName={t.name} />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
