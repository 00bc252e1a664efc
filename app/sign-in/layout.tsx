import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/server/session';

// Signed-in people have nothing to do here. The check sits in the layout, above
// the segment's loading boundary, so it answers with a real HTTP redirect.
export default async function SignInLayout({ children }: { children: ReactNode }) {
  if (await currentUser()) redirect('/');
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
