import { createTheme, ITheme } from '@fluentui/react/lib/Styling';
import { HostTheme } from '../host';

/**
 * Fluent UI themes matching Teams' default, dark and high-contrast themes. On SharePoint pages the
 * site theme already applies, so "default" means "leave the page's theme alone".
 */
const dark = createTheme({
  palette: {
    themePrimary: '#7f85f5',
    themeDarkAlt: '#9299f7',
    themeDark: '#aab1fa',
    themeDarker: '#c5cbfa',
    neutralPrimary: '#ffffff',
    neutralPrimaryAlt: '#e1e1e1',
    neutralSecondary: '#d6d6d6',
    neutralTertiary: '#adadad',
    neutralLight: '#3b3a39',
    neutralLighter: '#2d2c2c',
    neutralLighterAlt: '#292929',
    white: '#1f1f1f',
    black: '#ffffff',
  },
  isInverted: true,
});

const contrast = createTheme({
  palette: {
    themePrimary: '#ffff00',
    themeDarkAlt: '#ffff00',
    themeDark: '#ffff00',
    themeDarker: '#ffff00',
    neutralPrimary: '#ffffff',
    neutralPrimaryAlt: '#ffffff',
    neutralSecondary: '#ffffff',
    neutralTertiary: '#ffffff',
    neutralLight: '#000000',
    neutralLighter: '#000000',
    neutralLighterAlt: '#000000',
    white: '#000000',
    black: '#ffffff',
  },
  isInverted: true,
});

export function fluentThemeFor(theme: HostTheme): ITheme | undefined {
  if (theme === 'dark') return dark;
  if (theme === 'contrast') return contrast;
  return undefined;
}
