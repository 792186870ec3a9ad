/** Routes: `/` is Home, `/r/:roomId` a board, `/r/:roomId/present` its projector, `/r/:roomId/report` its printable report, `/j/:code` a short join link, `/accessibility` the accessibility statement, `/privacy` what is stored about participants, anything else not found. */
import { AccessibilityStatement } from './components/AccessibilityStatement';
import { Board } from './components/Board';
import { Home } from './components/Home';
import { NotFound } from './components/NotFound';
import { PrivacyStatement } from './components/PrivacyStatement';
import { JoinByCode } from './components/JoinByCode';
import { ReportPage } from './components/ReportPage';
import { useRoute } from './hooks/useRoute';

export function App() {
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
