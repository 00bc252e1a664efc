import type { Tone } from '@/components/ui/badge';

// Criticality tiers of components: 1 is the most critical. Their words are in the catalog
// catalogue, under these keys (catalog.tiers, catalog.tierOptions).

export const TIERS = [1, 2, 3, 4] as const;

export const TIER_KEYS: Record<number, 'critical' | 'high' | 'medium' | 'low'> = { 1: 'critical', 2: 'high', 3: 'medium', 4: 'low' };

export const TIER_TONES: Record<number, Tone> = { 1: 'red', 2: 'orange', 3: 'blue', 4: 'gray' };
