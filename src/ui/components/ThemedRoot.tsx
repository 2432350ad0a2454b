import * as React from 'react';
import { ThemeProvider } from '@fluentui/react/lib/Theme';
import { HostContext, HostTheme } from '../../host';
import { fluentThemeFor } from '../theme';
import { appRootClass } from '../styles';

export interface ThemedRootProps {
  host: HostContext;
  children?: React.ReactNode;
}

/** Applies the Teams theme and follows it when the user switches theme with the tab open. */
export function ThemedRoot({ host, children }: ThemedRootProps): JSX.Element {
  const [theme, setTheme] = React.useState<HostTheme>(host.theme);
  React.useEffect(() => {
    setTheme(host.theme);
    host.onThemeChange?.(setTheme);
  }, [host]);
  const fluentTheme = fluentThemeFor(theme);
  return (
    <ThemeProvider theme={fluentTheme} applyTo={fluentTheme ? 'element' : 'none'} data-theme={theme} className={appRootClass} style={{ minHeight: '100%' }}>
      {children}
    </ThemeProvider>
  );
}
