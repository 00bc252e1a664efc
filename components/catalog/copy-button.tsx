'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies a value to the clipboard and says so (politely) to screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
        Copy<span className="sr-only"> {label}</span>
      </Button>
      <span role="status" className="text-xs text-gray-700">
        {status === 'copied' ? 'Copied.' : status === 'failed' ? 'Copy failed: select the text and copy it by hand.' : ''}
      </span>
    </span>
  );
}
