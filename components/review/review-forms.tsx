import { useTranslations } from 'next-intl';
import type { ComponentProps, ReactNode } from 'react';
import { ACTION_ITEM_STATUSES } from '@/lib/domain/statuses';
import { MyItemStatusButtons } from './review-forms-client';

// The review's forms (review-forms-client.tsx). ReviewForm and ActionItemForm need the review
// namespace from a <ClientMessages> around them (review-panel.tsx has it); MyItemStatusForm,
// also in lists on the dashboard, is given its words here instead.
export { ActionItemForm, ReviewForm } from './review-forms-client';
export type { EditableItem, ReviewValues } from './review-forms-client';

// each status an item can move to, by its key in review.itemStatus.moves
const MOVE_KEYS = { open: 'open', in_progress: 'inProgress', done: 'done', cancelled: 'cancelled' } as const;

/** The owner of an action item moves its status (release page and dashboard); `label` names the item to screen readers. */
export function MyItemStatusForm({ label, ...props }: Omit<ComponentProps<typeof MyItemStatusButtons>, 'moves'> & { label: string }) {
  const t = useTranslations('review.itemStatus');
  const moves: Partial<Record<string, ReactNode>> = {};
  for (const s of ACTION_ITEM_STATUSES) {
    if (s !== props.status) moves[s] = t.rich(`moves.${MOVE_KEYS[s]}`, { label, sr: (c) => <span className="sr-only">{c}</span> });
  }
  return <MyItemStatusButtons {...props} moves={moves} />;
}
