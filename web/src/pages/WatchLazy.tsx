import { lazy, Suspense } from 'react';
import { Loading } from '../components/ui.tsx';

// The watch page brings sigma, graphology and uPlot: loaded only when it is opened.
const Page = lazy(() => import('./Watch.tsx').then((m) => ({ default: m.WatchPage })));

export function WatchPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
