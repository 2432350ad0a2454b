import * as React from 'react';
import { ThemeProvider } from '@fluentui/react/lib/Theme';
import { HostContext, HostTheme, isTeams, SectionColours } from '../../host';
import { Palette, paletteFor, paletteVariables } from '../palette';
import { fluentThemeFor } from '../theme';
import { appRootClass } from '../styles';

export interface ThemedRootProps {
  host: HostContext;
  children?: React.ReactNode;
}

/** The palette in use, for the few parts that draw outside CSS (the chart image in an export, say). */
export const PaletteContext = React.createContext<Palette>(paletteFor('default'));

/**
 * Draws the app in the colours of where it is: the Teams theme (following a switch made while the tab is
 * open), or on a SharePoint page the theme of the section it sits in (following an editor's change). The
 * colours reach the app's own styles as CSS custom properties and Fluent UI components as a Fluent theme.
 */
export function ThemedRoot({ host, children }: ThemedRootProps): JSX.Element {
  const [theme, setTheme] = React.useState<HostTheme>(host.theme);
  const [section, setSection] = React.useState<SectionColours | undefined>(host.section);
  React.useEffect(() => {
    setTheme(host.theme);
    setSection(host.section);
    host.onThemeChange?.(setTheme);
    host.onSectionChange?.(setSection);
  }, [host]);
  // Inside Teams the Teams theme decides; on a page, the section.
  const palette = React.useMemo(() => paletteFor(theme, isTeams(host) ? undefined : section), [theme, section, host]);
  const fluentTheme = React.useMemo(() => fluentThemeFor(palette), [palette]);
  return (
    <PaletteContext.Provider value={palette}>
      <ThemeProvider
        theme={fluentTheme}
        applyTo="none"
        data-theme={theme}
        data-section={section && !isTeams(host) ? (palette.isInverted ? 'dark' : 'light') : undefined}
        className={appRootClass}
        style={{ ...(paletteVariables(palette) as React.CSSProperties), minHeight: '100%' }}
      >
        {children}
      </ThemeProvider>
    </PaletteContext.Provider>
  );
}

/**
 * The app's own styles inside a Fluent Panel or Dialog, which SharePoint and Teams draw in a layer
 * outside the web part: the same root class and colours, without the page padding.
 */
export function InLayer({ children }: { children?: React.ReactNode }): JSX.Element {
  const palette = React.useContext(PaletteContext);
  return (
    <div className={appRootClass} style={{ ...(paletteVariables(palette) as React.CSSProperties), padding: 0, maxWidth: 'none', background: 'transparent' }}>
      {children}
    </div>
  );
}
