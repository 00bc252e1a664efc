'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog; hidden on paper. The page gives its label, in the person's language. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button variant="primary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
