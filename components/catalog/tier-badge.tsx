import { Badge } from '@/components/ui/badge';
import { TIER_TONES, tierLabel } from './tier';

export function TierBadge({ tier }: { tier: number }) {
  return <Badge tone={TIER_TONES[tier] ?? 'gray'}>{tierLabel(tier)}</Badge>;
}
