/** Routes: `/` is Home, `/r/:roomId` a board, `/r/:roomId/present` its projector, `/r/:roomId/report` its printable report, `/j/:code` a short join link, `/accessibility` the accessibility statement, `/privacy` what is stored about participants, anything else not found. */
import { Suspense } from 'react';
import { Board } from './components/Board';
import { Loading } from './components/Loading';
import { NotFound } from './components/NotFound';
import { useRoute } from './hooks/useRoute';
import { lazyNamed } from './lib/lazyChunk';

// The board is the page that must show fast; every other page is a chunk of its own.
const Home = lazyNamed(() => import('./components/Home'), 'Home');
const ReportPage = lazyNamed(() => import('./components/ReportPage'), 'ReportPage');
const AccessibilityStatement = lazyNamed(() => import('./components/AccessibilityStatement'), 'AccessibilityStatement');
const PrivacyStatement = lazyNamed(() => import('./components/PrivacyStatement'), 'PrivacyStatement');
const JoinByCode = lazyNamed(() => import('./components/JoinByCode'), 'JoinByCode');

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

function Page() {
  const { route, link } = useRoute();
  switch (route.kind) {
    case 'home':
      return <Home />;
    case 'board':
      return <Board key={`${route.roomId}#${link}`} roomId={route.roomId} />;
    case 'present':
      return <Board key={`${route.roomId}/present#${link}`} roomId={route.roomId} present />;
    case 'report':
      return <ReportPage key={`${route.roomId}/report#${link}`} roomId={route.roomId} />;
    case 'accessibility':
      return <AccessibilityStatement />;
    case 'privacy':
      return <PrivacyStatement />;
    case 'join':
      return <JoinByCode key={route.code} code={route.code} />;
    case 'not-found':
      return <NotFound />;
  }
}
