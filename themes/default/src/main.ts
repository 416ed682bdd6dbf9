/** Entry of the default theme's build (referenced by ../index.html). */
import { startPortal } from './index.ts';

startPortal();
