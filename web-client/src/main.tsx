import { render } from 'preact';
import { App } from './app';
import { startRouter } from './router';
import { bootstrap } from './state/session';
import './styles.css';

startRouter();
void bootstrap();
render(<App />, document.getElementById('app')!);
