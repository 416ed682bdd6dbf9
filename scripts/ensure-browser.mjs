#!/usr/bin/env node
/**
 * Pretest check for the browser tests: a Chromium to drive and a CJK font to draw Chinese
 * (without one, every 汉字 in a screenshot is an empty box).
 *
 * - Chromium: $CHROME_PATH if set, else /usr/bin/chromium (Debian's package).
 * - Font: `fc-list :lang=zh` must list at least one font.
 *
 * When something is missing and we can fix it (apt-get exists and we are root), it runs
 * `apt-get update && apt-get install -y chromium fonts-noto-cjk`. Otherwise it exits 1 and
 * says what to install. Set KAIFANG_SKIP_BROWSER_CHECK=1 to skip the check entirely.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const APT_PACKAGES = ['chromium', 'fonts-noto-cjk'];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function chromePath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

function hasCjkFont() {
  // macOS and Windows ship Chinese system fonts; fontconfig is a Linux matter.
  if (process.platform !== 'linux') return true;
  if (!commandExists('fc-list')) return false;
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

function missing() {
  const list = [];
  if (!isExecutable(chromePath())) list.push(`Chromium (looked for ${chromePath()})`);
  if (!hasCjkFont()) list.push('a CJK font (fc-list :lang=zh found none)');
  return list;
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (process.env.KAIFANG_SKIP_BROWSER_CHECK === '1') process.exit(0);

let gaps = missing();
if (gaps.length === 0) process.exit(0);

console.log(`Browser tests need: ${gaps.join('; ')}.`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// A CHROME_PATH that points nowhere is the user's setting, not something apt can fix.
const canInstall = commandExists('apt-get') && isRoot && !process.env.CHROME_PATH;
if (canInstall) {
  console.log(`Installing ${APT_PACKAGES.join(' and ')} with apt-get…`);
  if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', ...APT_PACKAGES])) {
    gaps = missing();
    if (gaps.length === 0) process.exit(0);
  }
}

console.error(
  [
    '',
    `Cannot run the browser tests: missing ${gaps.join('; ')}.`,
    'Install them, for example:',
    `  Debian/Ubuntu:  sudo apt-get install -y ${APT_PACKAGES.join(' ')}`,
    '  Fedora:         sudo dnf install -y chromium google-noto-sans-cjk-fonts',
    '  macOS:          install Google Chrome and set',
    '                  CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"',
    'or point CHROME_PATH at any Chromium or Chrome executable.',
    '',
  ].join('\n'),
);
process.exit(1);
