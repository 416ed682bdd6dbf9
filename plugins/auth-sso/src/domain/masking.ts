/** How ID numbers and mobiles look to anyone but their owner (and in every log line: never). */

export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length < 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

export function maskMobile(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length < 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
