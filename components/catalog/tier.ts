import type { Tone } from '@/components/ui/badge';

// Criticality tiers of components: 1 is the most critical.

export const TIER_LABELS: Record<number, string> = {
  1: 'Tier 1 · critical',
  2: 'Tier 2 · high',
  3: 'Tier 3 · medium',
  4: 'Tier 4 · low',
};

export const TIER_TONES: Record<number, Tone> = { 1: 'red', 2: 'orange', 3: 'blue', 4: 'gray' };

export const TIER_OPTIONS = [1, 2, 3, 4].map((t) => ({ value: String(t), label: `${TIER_LABELS[t]}${t === 1 ? ' (most critical)' : ''}` }));

export const tierLabel = (tier: number) => TIER_LABELS[tier] ?? `Tier ${tier}`;
