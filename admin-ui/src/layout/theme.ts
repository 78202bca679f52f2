import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default theme with calmer colours and Japanese system fonts. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#3d6b7d' },
    secondary: { main: '#4f6f52' },
    background: { default: '#f6f7f5' },
  },
  typography: {
    ...defaultTheme.typography,
    fontFamily: ['"Hiragino Sans"', '"Hiragino Kaku Gothic ProN"', '"Noto Sans JP"', 'Meiryo', 'system-ui', 'sans-serif'].join(','),
  },
};
