'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** The button of CopyButton (copy-button.tsx), given its words: copies the value and says so (politely) to screen readers. */
export function CopyControl({ value, children, copied, failed }: { value: string; children: ReactNode; copied: string; failed: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setStatus('copied');
          } catch {
            setStatus('failed');
          }
        }}
      >
        {children}
      </Button>
      <span role="status" className="text-xs text-gray-700">
        {status === 'copied' ? copied : status === 'failed' ? failed : ''}
      </span>
    </span>
  );
}
