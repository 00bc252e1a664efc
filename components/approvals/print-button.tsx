'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog; hidden on paper. */
export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <Button variant="primary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
