import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
// antd's component styles, built ahead (theme.zeroRuntime in App.tsx): before the desk's own, which win ties
import 'antd/dist/antd.css';
import './styles/index.css';
import { AppRoot } from './app/App';
import { boot } from './app/boot';

const root = document.getElementById('root');
if (root) {
  // the first render waits for the session (index.html's static spinner shows meanwhile)
  void boot().then(() =>
    createRoot(root).render(
      <StrictMode>
        <AppRoot />
      </StrictMode>,
    ),
  );
}
