import '@xterm/xterm/css/xterm.css';
import './styles/app.css';
import './styles/screens.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectTransport } from './api/connect';
import { App } from './app/App';
import { ControllerContext } from './app/context';
import { Controller } from './app/controller';
import { installBenchProbe } from './app/benchProbe';
import { keepViewPrefs } from './app/viewPrefs';
import { createWarroomStore } from './store';

const store = createWarroomStore();
keepViewPrefs(store);
const transport = connectTransport((message) => store.getState().reportError(message));
const controller = new Controller(transport.api, store);
controller.start((listener) => transport.onState(listener));
installBenchProbe(controller);
// `?webgl=N` sets the WebGL context budget instead of the GPU's (0: DOM only). Software WebGL gets
// none by default (terminals/webglBudget.ts); with it, the budget can still be proven at 64 panes.
const webglBudget = new URLSearchParams(location.search).get('webgl');
if (webglBudget !== null && /^\d{1,2}$/.test(webglBudget)) controller.registry.setWebglBudget(Number(webglBudget));
window.addEventListener('keydown', (event) => {
  const target = event.target as Element | null;
  // Terminals report their own keys through xterm; this catches the shortcuts everywhere else.
  if (target?.closest?.('.xterm')) return;
  if (controller.shortcut(event)) {
    event.preventDefault();
    return;
  }
  // "?" is text in a terminal or a field; anywhere else it opens the shortcut list.
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target as HTMLElement | null)?.isContentEditable;
  const s = store.getState();
  if (event.key === '?' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    s.setHelpOpen(!s.helpOpen);
    event.preventDefault();
  } else if (event.key === 'Escape' && s.helpOpen) {
    s.setHelpOpen(false);
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
