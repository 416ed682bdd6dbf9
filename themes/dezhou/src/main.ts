/**
 * Entry of the Dezhou theme: the default theme, then Dezhou's stylesheets (imported after
 * it, so they win), then the shell with Dezhou's hero in place of `<kf-hero>`.
 */
import { startPortal } from '@kaifang/theme-default/browser';
import './tokens.css';
import './header.css';
import { DezhouHero } from './dezhou-hero.ts';

startPortal({ elements: { 'kf-hero': DezhouHero } });
