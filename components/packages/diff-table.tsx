import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ChangedComponent, DiffBuild, PackageDiff } from '@/lib/domain/package-diff';
import { Badge } from '@/components/ui/badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';

/**
 * One row a component: added, changed, removed and unchanged, in that order.
 * The caller names the table and its columns and renders the notes of added and
 * changed components; removed rows say "No longer shipped." and unchanged rows `unchangedNote`.
 */
export function PackageDiffTable({
  diff,
  caption,
  fromHeading,
  toHeading,
  notesHeading,
  notesClassName,
  addedNotes,
  changedNotes,
  unchangedNote,
}: {
  diff: PackageDiff;
  caption: string;
  fromHeading: string;
  toHeading: string;
  notesHeading: string;
  /** classes of the notes cell of added and changed rows */
  notesClassName: string;
  addedNotes: (b: DiffBuild) => ReactNode;
  changedNotes: (c: ChangedComponent) => ReactNode;
  unchangedNote: string;
}) {
  const t = useTranslations('packages.diff');
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t('change')}</Th>
          <Th>{t('component')}</Th>
          <Th>{fromHeading}</Th>
          <Th>{toHeading}</Th>
          <Th>{notesHeading}</Th>
        </tr>
      </THead>
      <TBody>
        {diff.added.map((b) => (
          <Tr key={`a-${b.component}`}>
            <Td>
              <Badge tone="green">{t('added')}</Badge>
            </Td>
            <Td className="font-mono text-xs font-semibold">{b.component}</Td>
            <Td className="text-gray-700">—</Td>
            <Td className="font-mono text-xs">{b.version}</Td>
            <Td className={notesClassName}>{addedNotes(b)}</Td>
          </Tr>
        ))}
        {diff.changed.map((c) => (
          <Tr key={`c-${c.component}`}>
            <Td>
              <Badge tone={c.kind === 'downgrade' ? 'amber' : 'blue'}>{t(`kinds.${c.kind}`)}</Badge>
            </Td>
            <Td className="font-mono text-xs font-semibold">{c.component}</Td>
            <Td className="font-mono text-xs">{c.from.version}</Td>
            <Td className="font-mono text-xs">{c.to.version}</Td>
            <Td className={notesClassName}>{changedNotes(c)}</Td>
          </Tr>
        ))}
        {diff.removed.map((b) => (
          <Tr key={`r-${b.component}`}>
            <Td>
              <Badge tone="red">{t('removed')}</Badge>
            </Td>
            <Td className="font-mono text-xs font-semibold">{b.component}</Td>
            <Td className="font-mono text-xs">{b.version}</Td>
            <Td className="text-gray-700">—</Td>
            <Td className="text-xs text-gray-700">{t('removedNote')}</Td>
          </Tr>
        ))}
        {diff.unchanged.map((b) => (
          <Tr key={`u-${b.component}`}>
            <Td>
              <Badge tone="gray">{t('unchanged')}</Badge>
            </Td>
            <Td className="font-mono text-xs font-semibold">{b.component}</Td>
            <Td className="font-mono text-xs">{b.version}</Td>
            <Td className="font-mono text-xs">{b.version}</Td>
            <Td className="text-xs text-gray-700">{unchangedNote}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
