import { useTranslations } from 'next-intl';

export interface HeatMapRisk {
  likelihood: number;
  impact: number;
  status: string;
}

const SIZE = 5;
const CELL = 36;
const PAD_LEFT = 34;
const PAD_BOTTOM = 30;

type Band = 'critical' | 'high' | 'medium' | 'low';

/** Score bands used for the cell colours (matches the usual 5×5 matrix bands); `label` names it in release-parts.heatMap.bands. */
function band(score: number): { fill: string; label: Band } {
  if (score >= 15) return { fill: 'fill-red-200', label: 'critical' };
  if (score >= 10) return { fill: 'fill-orange-200', label: 'high' };
  if (score >= 5) return { fill: 'fill-yellow-100', label: 'medium' };
  return { fill: 'fill-green-100', label: 'low' };
}

/**
 * A 5×5 likelihood × impact grid with the number of live (not closed) risks in
 * each cell. The picture is an image with a text alternative that lists every
 * occupied cell; the risks table next to it has the same facts in detail.
 */
export function RiskHeatMap({ risks, id = 'risk-heat-map' }: { risks: HeatMapRisk[]; id?: string }) {
  const t = useTranslations('release-parts.heatMap');
  const live = risks.filter((r) => r.status !== 'closed');
  const counts = new Map<string, number>();
  for (const r of live) {
    const l = Math.min(SIZE, Math.max(1, Math.round(r.likelihood)));
    const i = Math.min(SIZE, Math.max(1, Math.round(r.impact)));
    counts.set(`${l}:${i}`, (counts.get(`${l}:${i}`) ?? 0) + 1);
  }
  const occupied = [...counts.entries()]
    .map(([k, n]) => {
      const [l, i] = k.split(':').map(Number) as [number, number];
      return { l, i, n };
    })
    .sort((a, b) => b.l * b.i - a.l * a.i);
  const description = occupied.length
    ? t('description', {
        count: live.length,
        cells: occupied
          .map((c) => t('cell', { n: c.n, likelihood: c.l, impact: c.i, score: c.l * c.i, band: t(`bands.${band(c.l * c.i).label}`) }))
          .join(t('cellSeparator')),
      })
    : t('empty');
  const width = PAD_LEFT + SIZE * CELL + 4;
  const height = SIZE * CELL + PAD_BOTTOM;

  return (
    <figure className="inline-block">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-full">
        <title id={`${id}-title`}>{t('title')}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {Array.from({ length: SIZE }, (_, row) => {
          const likelihood = SIZE - row;
          return Array.from({ length: SIZE }, (_, col) => {
            const impact = col + 1;
            const n = counts.get(`${likelihood}:${impact}`) ?? 0;
            const x = PAD_LEFT + col * CELL;
            const y = row * CELL;
            return (
              <g key={`${likelihood}:${impact}`}>
                <rect x={x} y={y} width={CELL - 2} height={CELL - 2} rx={3} className={band(likelihood * impact).fill} />
                {n ? (
                  <>
                    <circle cx={x + (CELL - 2) / 2} cy={y + (CELL - 2) / 2} r={11} className="fill-gray-900" />
                    <text x={x + (CELL - 2) / 2} y={y + (CELL - 2) / 2 + 4} textAnchor="middle" className="fill-white text-xs font-semibold">
                      {n}
                    </text>
                  </>
                ) : null}
              </g>
            );
          });
        })}
        {Array.from({ length: SIZE }, (_, k) => (
          <g key={`axis-${k}`} className="fill-gray-800 text-[10px]">
            <text x={PAD_LEFT - 8} y={k * CELL + CELL / 2 + 3} textAnchor="end">
              {SIZE - k}
            </text>
            <text x={PAD_LEFT + k * CELL + (CELL - 2) / 2} y={SIZE * CELL + 10} textAnchor="middle">
              {k + 1}
            </text>
          </g>
        ))}
        <text x={PAD_LEFT + (SIZE * CELL) / 2} y={height - 2} textAnchor="middle" className="fill-gray-800 text-[10px] font-medium">
          {t('impactAxis')}
        </text>
        <text
          x={10}
          y={(SIZE * CELL) / 2}
          textAnchor="middle"
          transform={`rotate(-90 10 ${(SIZE * CELL) / 2})`}
          className="fill-gray-800 text-[10px] font-medium"
        >
          {t('likelihoodAxis')}
        </text>
      </svg>
      <figcaption className="mt-1 max-w-xs text-xs text-gray-700">{t('caption')}</figcaption>
    </figure>
  );
}

const CELL_TONES: Record<Band, string> = {
  critical: 'bg-red-200 text-red-950',
  high: 'bg-orange-200 text-orange-950',
  medium: 'bg-yellow-100 text-yellow-950',
  low: 'bg-green-100 text-green-950',
};

/**
 * The same 5×5 grid as a data table: likelihood rows (5 at the top), impact
 * columns, the count of live risks in each cell, and the band as text as well
 * as colour. `counts[likelihood - 1][impact - 1]`.
 */
export function RiskHeatMapTable({ counts, caption }: { counts: number[][]; caption?: string }) {
  const t = useTranslations('release-parts.heatMap');
  const levels = [1, 2, 3, 4, 5];
  return (
    <table className="border-separate border-spacing-0.5 text-center text-xs">
      <caption className="mb-1 text-left text-xs font-semibold text-gray-800">{caption ?? t('tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="px-1 text-left font-medium text-gray-800">
            <span className="sr-only">{t('corner')}</span>
            <span aria-hidden="true">{t('cornerShort')}</span>
          </th>
          {levels.map((i) => (
            <th key={i} scope="col" className="w-12 font-medium text-gray-800">
              {t.rich('impactHeader', { level: i, sr: (c) => <span className="sr-only">{c}</span> })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...levels].reverse().map((l) => (
          <tr key={l}>
            <th scope="row" className="px-1 text-right font-medium text-gray-800">
              {t.rich('likelihoodHeader', { level: l, sr: (c) => <span className="sr-only">{c}</span> })}
            </th>
            {levels.map((i) => {
              const n = counts[l - 1]?.[i - 1] ?? 0;
              const b = band(l * i);
              return (
                <td key={i} className={`h-11 w-12 rounded ${CELL_TONES[b.label]}`} data-testid={`heat-${l}-${i}`}>
                  <span className={n ? 'block text-sm font-bold' : 'block text-sm text-gray-700'}>{n}</span>
                  <span className="block text-[10px] leading-none">
                    {t.rich('band', { band: t(`bands.${b.label}`), score: l * i, sr: (c) => <span className="sr-only">{c}</span> })}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
