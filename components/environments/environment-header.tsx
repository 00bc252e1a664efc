import { currentViewer } from '@/lib/server/viewer';
import type { ReactNode } from 'react';
import { formatWhen, plural } from '@/components/format';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import type { EnvironmentDetailDto } from '@/lib/server/environments';
import { whoMayDeploy } from '@/lib/domain/deployment-gate';
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
  const viewer = await currentViewer();
  return (
    <>
      <BackLink href={backHref}>All environments</BackLink>
      <PageHeader
        title={env.displayName}
        description={
          <>
            <span className="font-mono">{env.name}</span> · position {env.position} · runs {plural(env.running.length, 'component')}
            {env.protected ? (
              <>
                {' '}
                ·{' '}
                {env.deployRoles.length || env.deployTeams.length
                  ? `only ${whoMayDeploy({ roles: env.deployRoles, teams: env.deployTeams })} may deploy here`
                  : 'no one is named who may deploy here'}
              </>
            ) : null}
            {showNextWindow && env.nextWindow ? (
              <> · {env.nextWindow.now ? 'in a maintenance window now' : `next window ${formatWhen(env.nextWindow.start, viewer, { weekday: false })}`}</>
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
