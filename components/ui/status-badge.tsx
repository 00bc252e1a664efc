import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { riskLabel, riskTone, statusLabel, statusTone, typeLabel } from '@/components/releases/labels';

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}

export function RiskBadge({ level }: { level: string | null }) {
  const t = useTranslations('ui.risk');
  if (!level) return <span className="text-xs whitespace-nowrap text-gray-700">{t('notAssessed')}</span>;
  return (
    <Badge tone={riskTone(level)}>
      {riskLabel(level)}
      <span className="sr-only"> {t('sr')}</span>
    </Badge>
  );
}

export function TypeBadge({ type }: { type: string }) {
  return <Badge tone={type === 'emergency' ? 'red' : type === 'major' ? 'orange' : 'gray'}>{typeLabel(type)}</Badge>;
}
