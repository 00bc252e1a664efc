// The announcement preview loads this with import() (decision 025); the renderer itself is the
// shared one in components/ui/markdown.tsx (decision 052).
export { Markdown } from '@/components/ui/markdown';
