import pino, { type Logger } from 'pino';

/**
 * Keys whose values never reach the log, wherever they appear in a logged object
 * (personal data and secrets, as the data-security and auth rules require).
 */
const REDACTED_KEYS = [
  'password',
  'newPassword',
  'idNumber',
  'mobile',
  'secret',
  'clientSecret',
  'token',
  'authorization',
  'cookie',
];

export function createLogger(options: { level?: string } = {}): Logger {
  return pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: 'kaifang' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        ...REDACTED_KEYS,
        ...REDACTED_KEYS.map((key) => `*.${key}`),
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
      ],
      censor: '[redacted]',
    },
  });
}
