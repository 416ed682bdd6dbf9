import { fileURLToPath } from 'node:url';
import type { UiPage } from '@kaifang/sdk';

const module = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The pages auth-sso contributes to the portal shell. */
export const authPages: UiPage[] = [
  {
    path: '/login',
    element: 'kf-login-page',
    module: module('./login-page.ts'),
    title: { zh: '登录', en: 'Log in' },
  },
  {
    path: '/register',
    element: 'kf-register-page',
    module: module('./register-page.ts'),
    title: { zh: '注册', en: 'Register' },
  },
  {
    path: '/me',
    element: 'kf-me-page',
    module: module('./me-page.ts'),
    title: { zh: '个人中心', en: 'My account' },
  },
];
