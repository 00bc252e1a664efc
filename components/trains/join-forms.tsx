import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { JoinTrainFields, LateJoinDecisionFields, LateJoinFields } from './join-form-fields';

export type { DepartureChoice } from './join-form-fields';

// The train forms with the trains catalogue's words handed to them (they are client components:
// docs/decisions/057-english-and-french.md).

/** Puts a release on a departure (the value carries the train and the departure's instant). */
export function JoinTrainForm(props: ComponentProps<typeof JoinTrainFields>) {
  return (
    <ClientMessages namespaces={['trains']}>
      <JoinTrainFields {...props} />
    </ClientMessages>
  );
}

/** Asks for a late-join exception: a second person must grant it before the release can join. */
export function LateJoinForm(props: ComponentProps<typeof LateJoinFields>) {
  return (
    <ClientMessages namespaces={['trains']}>
      <LateJoinFields {...props} />
    </ClientMessages>
  );
}

/** Grant, or refuse / withdraw, a late-join exception. */
export function LateJoinDecision(props: ComponentProps<typeof LateJoinDecisionFields>) {
  return (
    <ClientMessages namespaces={['trains']}>
      <LateJoinDecisionFields {...props} />
    </ClientMessages>
  );
}
