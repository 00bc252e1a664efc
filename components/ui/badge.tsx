import type { ReactNode } from 'react';
import { cx } from './cx';

// Colour is never the only signal: every badge carries its text. Each tone is a
// -800 text on a -50/-100 background, well above 4.5:1 contrast.

export type Tone = 'gray' | 'blue' | 'indigo' | 'violet' | 'amber' | 'teal' | 'cyan' | 'fuchsia' | 'green' | 'red' | 'stone' | 'rose' | 'yellow' | 'orange';

const TONES: Record<Tone, string> = {
  gray: 'bg-gray-100 text-gray-800 ring-gray-300',
  blue: 'bg-blue-50 text-blue-800 ring-blue-200',
  indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  violet: 'bg-violet-50 text-violet-800 ring-violet-200',
  amber: 'bg-amber-50 text-amber-900 ring-amber-300',
  teal: 'bg-teal-50 text-teal-800 ring-teal-200',
  cyan: 'bg-cyan-50 text-cyan-900 ring-cyan-200',
  fuchsia: 'bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-200',
  green: 'bg-green-50 text-green-800 ring-green-200',
  red: 'bg-red-50 text-red-800 ring-red-200',
  stone: 'bg-stone-100 text-stone-800 ring-stone-300',
  rose: 'bg-rose-50 text-rose-800 ring-rose-200',
  yellow: 'bg-yellow-50 text-yellow-900 ring-yellow-300',
  orange: 'bg-orange-50 text-orange-900 ring-orange-300',
};

export function Badge({ tone = 'gray', children, className, title }: { tone?: Tone; children: ReactNode; className?: string; title?: string }) {
  return (
    <span
      title={title}
      className={cx('inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', TONES[tone], className)}
    >
      {children}
    </span>
  );
}
