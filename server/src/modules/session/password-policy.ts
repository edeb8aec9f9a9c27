/**
 * What a new password must not be, beyond its length (12–500, checked by the shared schema): no composition rules
 * and no forced rotation (NIST SP 800-63B 3.1.1.2, ASVS 6.2), but no well-known password and nothing built on the
 * account's own e-mail address.
 */
const common = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789abc',
  'qwertzuiop12',
  'qwertyuiop12',
  'qwertzuiopü+',
  'passwort1234',
  'password1234',
  'passwort12345',
  'password12345',
  'passwort123!',
  'password123!',
  'hallohallo12',
  'hallo1234567',
  'ichliebedich1',
  'sommer2024!!',
  'sommer2025!!',
  'sommer2026!!',
  'winter2024!!',
  'winter2025!!',
  'winter2026!!',
  'ratsmappe123',
  'ratsmappe2026',
  'gemeinderat1',
  'gemeinderat123',
  'stadtrat1234',
  'willkommen123',
  'willkommen1234',
  'welcome12345',
  'letmein12345',
  'administrator',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123abc123',
  '111111111111',
  '000000000000',
]);

export function isPasswordAcceptable(password: string, email: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return false;
  // One character repeated, or an e-mail address (or its local part) hiding in the password.
  if (/^(.)\1+$/u.test(password)) return false;
  const mail = email.toLowerCase();
  const local = mail.split('@')[0] ?? '';
  if (lower.includes(mail)) return false;
  if (local.length >= 4 && lower.replace(/[^\p{L}\p{N}]/gu, '') === local.replace(/[^\p{L}\p{N}]/gu, '')) return false;
  return true;
}
