/**
 * The Dezhou City theme (德州市公共数据开放网). It is the default theme plus what a district
 * changes: the palette (tokens.css), the logo and header (index.html, header.css) and the
 * home page's hero, replaced by tag name (src/dezhou-hero.ts). The build helper is the
 * default theme's, so the kernel treats both themes alike.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createViteTheme, type ViteTheme } from '@kaifang/theme-default';

const dezhouTheme: ViteTheme = createViteTheme({
  name: 'dezhou',
  root: path.dirname(fileURLToPath(import.meta.url)),
});

export default dezhouTheme;
