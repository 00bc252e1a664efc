import { useTranslations } from 'next-intl';
import { LOCALES, type Locale } from '@/lib/domain/locale';
import { cx } from '@/components/ui/cx';

/**
 * English / Français before signing in: each a submit button, so the switch works without
 * JavaScript too; the action remembers the choice in a cookie and the page renders again in it.
 * Each name is written in its own language (and marked so, for screen readers).
 */
export function LanguageSwitch({ action, current }: { action: (form: FormData) => Promise<void>; current: Locale }) {
  const t = useTranslations('language');
  return (
    <form action={action} aria-label={t('switchLabel')} className="flex overflow-hidden rounded-md border border-gray-300 text-xs font-medium">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === current}
          className={cx(
            'px-2.5 py-1.5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700',
            l === current ? 'bg-blue-700 text-white' : 'bg-white text-gray-800 hover:bg-gray-100',
          )}
        >
          {t(`names.${l}`)}
        </button>
      ))}
    </form>
  );
}
