// Mantine theme: darker primary and dimmed shades so text keeps WCAG AA contrast on white.
import { createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
});

const lightVariantColors = ['blue', 'red', 'green', 'orange', 'yellow', 'gray', 'teal', 'cyan', 'grape', 'violet', 'indigo', 'pink', 'lime', 'dark'] as const;

/** Overrides of Mantine's CSS variables that would otherwise fall below 4.5:1 contrast. */
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': current.colors.gray[7] ?? '#495057',
    '--mantine-color-placeholder': current.colors.gray[6] ?? '#868e96',
    // Field errors: Mantine's red 6 has 3.3:1 on white; red 9 passes 4.5:1.
    '--mantine-color-error': current.colors.red[9] ?? '#c92a2a',
    // Light variants (alerts, badges, active nav links) draw text in shade 6 on a tinted
    // background, which is below 4.5:1; a darkened shade 9 keeps them readable.
    ...Object.fromEntries(
      lightVariantColors.map((color) => [`--mantine-color-${color}-light-color`, darken(current.colors[color]?.[9] ?? '#000', 0.35)]),
    ),
  },
  dark: {},
});
