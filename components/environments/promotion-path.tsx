import { currentViewer } from '@/lib/server/viewer';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { Badge, type Tone } from '@/components/ui/badge';
import { formatWhen } from '@/components/format';

export interface PathEnvironment {
  id: string;
  name: string;
  displayName: string;
  tier: string;
  position: number;
  protected: boolean;
  components: number;
  windows: number;
  nextWindow: { label: string; start: string; end: string; now: boolean } | null;
}

export const TIER_TONE: Record<string, Tone> = { development: 'gray', test: 'blue', staging: 'violet', production: 'red' };

export function TierBadge({ tier }: { tier: string }) {
  const t = useTranslations('environments');
  return <Badge tone={TIER_TONE[tier] ?? 'gray'}>{t('tier', { tier })}</Badge>;
}

export function ProtectedBadge() {
  const t = useTranslations('environments');
  return (
    <Badge tone="amber" title={t('protectedTitle')}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline size-3 fill-current">
        <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
      </svg>
      {t('protected')}
    </Badge>
  );
}

/** The promotion path, drawn left to right (wrapping on narrow screens), each step linking to its page. */
export async function PromotionPath({ environments, hrefOf }: { environments: PathEnvironment[]; hrefOf: (name: string) => string }) {
  const [viewer, t] = await Promise.all([currentViewer(), getTranslations('environments.path')]);
  return (
    <ol aria-label={t('label')} className="flex flex-wrap items-stretch gap-y-3">
      {environments.map((e, i) => (
        <li key={e.id} className="flex items-stretch">
          <a
            href={hrefOf(e.name)}
            className="block w-52 rounded-md border border-gray-300 bg-white p-3 shadow-sm hover:border-blue-600 focus-visible:outline-2 focus-visible:outline-blue-700"
          >
            <div className="flex items-baseline justify-between gap-2">
              <span className="truncate font-semibold text-gray-900">{e.displayName}</span>
              <span className="text-xs text-gray-700 tabular-nums" title={t('position')}>
                #{e.position}
              </span>
            </div>
            <div className="font-mono text-xs text-gray-700">{e.name}</div>
            <div className="mt-1.5 flex flex-wrap gap-1">
              <TierBadge tier={e.tier} />
              {e.protected ? <ProtectedBadge /> : null}
            </div>
            <dl className="mt-2 space-y-0.5 text-xs text-gray-800">
              <div className="flex justify-between gap-2">
                <dt>{t('components')}</dt>
                <dd className="tabular-nums">{e.components}</dd>
              </div>
              <div>
                <dt className="sr-only">{t('nextWindow')}</dt>
                <dd>
                  {e.nextWindow ? (
                    e.nextWindow.now ? (
                      <span className="font-medium text-green-800">{t('inWindow', { label: e.nextWindow.label })}</span>
                    ) : (
                      <span>{t('next', { when: formatWhen(e.nextWindow.start, viewer, { weekday: false }) })}</span>
                    )
                  ) : (
                    <span className="text-gray-700">{e.windows ? t('noUpcoming') : t('noWindows')}</span>
                  )}
                </dd>
              </div>
            </dl>
          </a>
          {i < environments.length - 1 ? (
            <span aria-hidden="true" className="flex items-center px-2 text-lg text-gray-600">
              →
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
