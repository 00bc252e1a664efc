import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { TIER_KEYS, TIER_TONES } from './tier';

export function TierBadge({ tier }: { tier: number }) {
  const t = useTranslations('catalog.tiers');
  const key = TIER_KEYS[tier];
  return <Badge tone={TIER_TONES[tier] ?? 'gray'}>{key ? t(key) : t('other', { tier })}</Badge>;
}
