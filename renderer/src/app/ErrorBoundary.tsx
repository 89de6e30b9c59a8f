import { Component, type ErrorInfo, type ReactNode } from 'react';
import Button from 'antd/es/button';
import Result from 'antd/es/result';
import { i18n } from '../i18n';

/** A render crash shows a way back instead of a blank window (the draft is in the database). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('app.crashed')}
        subTitle={this.state.error.message}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('app.reload')}
          </Button>
        }
      />
    );
  }
}
