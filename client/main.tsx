import './lib/zodConfig';
import './startIdentityRequest';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/base.css';
import './styles/Session.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// No StrictMode: board observers are tied 1:1 to the live Y.Doc's lifetime.
createRoot(root).render(<App />);
