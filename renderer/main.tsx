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
import { createWarroomStore } from './store';

const store = createWarroomStore();
const transport = connectTransport((message) => store.getState().reportError(message));
const controller = new Controller(transport.api, store);
controller.start((listener) => transport.onState(listener));
installBenchProbe(controller);
window.addEventListener('keydown', (event) => {
  // Terminals report their own keys through xterm; this catches the shortcut everywhere else.
  if ((event.target as Element | null)?.closest?.('.xterm')) return;
  if (controller.shortcut(event)) event.preventDefault();
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
