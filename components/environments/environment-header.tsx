import { currentViewer } from '@/lib/server/viewer';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { formatWhen } from '@/components/format';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import type { EnvironmentDetailDto } from '@/lib/server/environments';
import { whoMayDeployWords } from '@/lib/domain/deployment-gate';
import { formatWords, type WordsTranslators } from '@/lib/domain/gate-words';
import { ProtectedBadge, TierBadge } from './promotion-path';

/**
 * The top of an environment's page: the way back to the list, then its name,
 * slug, position and what runs there, with its tier and protection.
 */
export async function EnvironmentHeader({
  env,
  backHref,
  showNextWindow = false,
  actions,
}: {
  env: EnvironmentDetailDto;
  /** the list of environments this page was reached from */
  backHref: string;
  /** also say when the next maintenance window opens */
  showNextWindow?: boolean;
  actions?: ReactNode;
}) {
  const [viewer, t, gates, statuses, locale] = await Promise.all([
    currentViewer(),
    getTranslations('environments.header'),
    getTranslations('gates'),
    getTranslations('statuses'),
    getLocale(),
  ]);
  // who may deploy here, in the reader's language (the protected-environment gate's words)
  const tr = { locale, gates, statuses } as unknown as WordsTranslators;
  return (
    <>
      <BackLink href={backHref}>{t('back')}</BackLink>
      <PageHeader
        title={env.displayName}
        description={
          <>
            <span className="font-mono">{env.name}</span> · {t('position', { position: String(env.position) })} · {t('runs', { count: env.running.length })}
            {env.protected ? (
              <>
                {' '}
                ·{' '}
                {env.deployRoles.length || env.deployTeams.length
                  ? t('onlyMayDeploy', { who: formatWords(whoMayDeployWords({ roles: env.deployRoles, teams: env.deployTeams }), tr) })
                  : t('noOneMayDeploy')}
              </>
            ) : null}
            {showNextWindow && env.nextWindow ? (
              <> · {env.nextWindow.now ? t('inWindowNow') : t('nextWindow', { when: formatWhen(env.nextWindow.start, viewer, { weekday: false }) })}</>
            ) : null}
          </>
        }
        meta={
          <>
            <TierBadge tier={env.tier} />
            {env.protected ? <ProtectedBadge /> : null}
          </>
        }
        actions={actions}
      />
    </>
  );
}
