import { createTheme, ITheme } from '@fluentui/react/lib/Styling';
import { Palette } from './palette';

/**
 * A Fluent UI theme made from the app's palette, so that the Fluent components the app loads when they
 * are needed (the editor, pickers, panels) draw with the same, contrast-checked colours as the rest: a
 * Teams theme, or the SharePoint section's theme variant.
 */
export function fluentThemeFor(p: Palette): ITheme {
  return createTheme({
    palette: {
      themePrimary: p.primary,
      themeDarkAlt: p.primary,
      themeDark: p.primary,
      themeDarker: p.primary,
      neutralPrimary: p.text,
      neutralPrimaryAlt: p.text,
      neutralDark: p.text,
      neutralSecondary: p.subtext,
      neutralTertiary: p.border,
      black: p.text,
      white: p.background,
    },
    semanticColors: {
      bodyBackground: p.background,
      bodyText: p.text,
      bodySubtext: p.subtext,
      link: p.link,
      linkHovered: p.link,
      errorText: p.error,
      inputBorder: p.border,
      inputText: p.text,
      inputBackground: p.background,
      bodyStandoutBackground: p.background,
      primaryButtonBackground: p.primary,
      primaryButtonText: p.primaryText,
      buttonText: p.text,
      buttonBorder: p.border,
      buttonBackground: p.background,
      menuItemText: p.text,
      bodyDivider: p.border,
    },
    isInverted: p.isInverted,
  });
}
