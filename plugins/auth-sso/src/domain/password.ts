/**
 * Password rules: 8–64 characters, at least three of the four classes (lower, upper, digit,
 * symbol), not containing the login name. Long enough to resist guessing, short enough for
 * argon2 to stay cheap; the brute-force limits do the rest.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

/** Why the password is too weak, as a sentence a user can act on; undefined when it is fine. */
export function passwordProblem(password: string, loginName?: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters long`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters long`;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return 'must mix at least three of: lower-case letters, upper-case letters, digits, symbols';
  }
  if (
    loginName &&
    loginName.length >= 3 &&
    password.toLowerCase().includes(loginName.toLowerCase())
  ) {
    return 'must not contain the login name';
  }
  return undefined;
}
