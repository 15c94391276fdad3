import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n';

interface State {
  error: unknown;
}

/**
 * Catches a render error anywhere below it and shows a way out instead of a blank screen.
 * `resetKey` (the current URL) clears the error when the person navigates elsewhere.
 */
export class ErrorBoundary extends Component<
  { children: ComponentChildren; resetKey: string },
  State
> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    return { error: error ?? new Error('unknown') };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Atelier: render error', error);
    this.setState({ error: error ?? new Error('unknown') });
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) {
      this.setState({ error: null });
    }
  }

  override render() {
    if (this.state.error) {
      return (
        <div class="page" role="alert">
          <h1 tabIndex={-1}>{t('error.boundary.title')}</h1>
          <p>{t('error.boundary.body')}</p>
          <p class="actions">
            <button type="button" class="button" onClick={() => window.location.reload()}>
              {t('error.boundary.reload')}
            </button>
            <a class="button secondary" href="/spaces">
              {t('error.boundary.home')}
            </a>
          </p>
        </div>
      );
    }
    return this.props.children;
  }
}
