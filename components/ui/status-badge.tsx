import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { riskTone, statusTone } from '@/components/releases/labels';
import { useStatusWords } from '@/components/i18n/status-words';

export function StatusBadge({ status }: { status: string }) {
  const word = useStatusWords();
  return <Badge tone={statusTone(status)}>{word('release', status)}</Badge>;
}

export function RiskBadge({ level }: { level: string | null }) {
  const t = useTranslations('ui.risk');
  const word = useStatusWords();
  if (!level) return <span className="text-xs whitespace-nowrap text-gray-700">{t('notAssessed')}</span>;
  return (
    <Badge tone={riskTone(level)}>
      {word('riskLevel', level)}
      <span className="sr-only"> {t('sr')}</span>
    </Badge>
  );
}

export function TypeBadge({ type }: { type: string }) {
  const word = useStatusWords();
  return <Badge tone={type === 'emergency' ? 'red' : type === 'major' ? 'orange' : 'gray'}>{word('type', type)}</Badge>;
}
