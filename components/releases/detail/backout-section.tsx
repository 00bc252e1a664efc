import { useTranslations } from 'next-intl';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { Markdown, MarkdownText } from '@/components/ui/markdown';
import { formatMinutes } from '@/components/format';

export function BackoutSection({ r }: { r: ReleaseDetailDto }) {
  const t = useTranslations('backout.section');
  const b = r.backoutPlan;
  return (
    <Section id="backout" title={t('title')}>
      {!b ? (
        <Nothing>{r.type === 'standard' ? t('noneStandard') : t('none')}</Nothing>
      ) : (
        <div className="space-y-3">
          <DescriptionList
            items={[
              { term: t('duration'), value: formatMinutes(b.expectedDurationMinutes) },
              {
                term: t('lastRehearsed'),
                value: b.lastRehearsedAt ? (
                  <>
                    <When iso={b.lastRehearsedAt} zone={r.timezone} />
                    {b.lastRehearsalResult ? (
                      <Badge tone={/fail/i.test(b.lastRehearsalResult) ? 'red' : 'green'} className="ml-2">
                        {b.lastRehearsalResult}
                      </Badge>
                    ) : null}
                  </>
                ) : (
                  t('neverRehearsed')
                ),
              },
              { term: t('returnTo'), value: b.targets.length ? b.targets.map((x) => `${x.component}@${x.version}`).join(', ') : t('noTargets') },
              { term: t('triggers'), value: <MarkdownText text={b.triggerCriteria} empty={t('noTriggers')} />, wide: true },
              ...(b.lastRehearsalNotes ? [{ term: t('rehearsalNotes'), value: <MarkdownText text={b.lastRehearsalNotes} empty="" />, wide: true }] : []),
            ]}
          />
          <div>
            <h3 className="text-xs font-semibold text-gray-800">{t('steps')}</h3>
            {b.steps.length ? (
              <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-gray-900">
                {b.steps.map((s) => (
                  <li key={s.position}>
                    <Markdown text={s.description} className="inline break-words [&>p]:inline" />
                    {s.expectedMinutes ? <span className="text-xs text-gray-700"> ({formatMinutes(s.expectedMinutes)})</span> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <Nothing>{t('noSteps')}</Nothing>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}
