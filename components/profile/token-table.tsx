import { useTranslations } from 'next-intl';
import type { FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import type { ApiTokenDto } from '@/lib/server/api-tokens';
import { TokenRevoke } from './token-revoke';

/** A token as the table shows it (the prefix is not needed: `display` has it). */
export type TokenRow = Omit<ApiTokenDto, 'prefix'>;

const STATUS_TONE = { active: 'green', expired: 'amber', revoked: 'gray' } as const;

/** The caller's tokens: never the token itself, only its recognisable prefix. */
export function TokenTable({ tokens, revokeAction }: { tokens: TokenRow[]; revokeAction: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const t = useTranslations('profile.tokens');
  if (!tokens.length) {
    return <EmptyState title={t('empty.title')}>{t('empty.body')}</EmptyState>;
  }
  return (
    <Table caption={t('caption')}>
      <THead>
        <tr>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.token')}</Th>
          <Th>{t('columns.scopes')}</Th>
          <Th>{t('columns.created')}</Th>
          <Th>{t('columns.lastUsed')}</Th>
          <Th>{t('columns.expires')}</Th>
          <Th>{t('columns.status')}</Th>
          <Th>
            <span className="sr-only">{t('columns.actions')}</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {tokens.map((token) => (
          <Tr key={token.id}>
            <Td className="font-medium break-all">{token.name}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">{token.display}</Td>
            <Td className="text-xs">
              {token.scopes.includes('*') ? (
                <span title={t('allScopesTitle')}>{t('allScopes')}</span>
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {token.scopes.map((s) => (
                    <li key={s} className="font-mono">
                      {s}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td className="text-xs">
              <When iso={token.createdAt} />
            </Td>
            <Td className="text-xs">
              <When iso={token.lastUsedAt} empty={t('never')} />
            </Td>
            <Td className="text-xs">
              <When iso={token.expiresAt} empty={t('never')} />
            </Td>
            <Td className="text-xs">
              <Badge tone={STATUS_TONE[token.status]}>{t(`status.${token.status}`)}</Badge>
              {token.revokedAt ? (
                <div className="mt-0.5 text-gray-700">
                  <When iso={token.revokedAt} />
                </div>
              ) : null}
            </Td>
            <Td>{token.status === 'revoked' ? null : <TokenRevoke action={revokeAction} tokenId={token.id} tokenName={token.name} />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
