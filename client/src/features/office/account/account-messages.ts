import { useLocalCatalog } from '../../../i18n/local-catalog';

const de = {
  'account.title': 'Konto und Sicherheit',
  'account.intro': 'Angemeldet als {name} ({email}).',
  'account.backToOffice': 'Zurück zur Verwaltung',
  'totp.title': 'Anmeldung mit zweitem Faktor',
  'totp.explain':
    'Mit einem zweiten Faktor fragt die Anmeldung außer dem Passwort einen sechsstelligen Code ab, den eine Authenticator-App auf Ihrem Telefon alle 30 Sekunden neu erzeugt (z. B. FreeOTP, Aegis, Google Authenticator oder Microsoft Authenticator).',
  'totp.enabled': 'Der zweite Faktor ist eingerichtet.',
  'totp.notEnabled': 'Für dieses Konto ist noch kein zweiter Faktor eingerichtet.',
  'totp.required':
    'Ihre Verwaltung verlangt für den Sitzungsdienst einen zweiten Faktor. Bis er eingerichtet ist, können Sie dort nur lesen.',
  'totp.pending': 'Eine Einrichtung wurde begonnen, aber nicht mit einem Code bestätigt. Bitte beginnen Sie sie neu.',
  'totp.start': 'Einrichtung beginnen',
  'totp.restart': 'Einrichtung neu beginnen',
  'totp.step1': '1. Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.',
  'totp.qrLabel': 'QR-Code zur Einrichtung in der Authenticator-App',
  'totp.step2': '2. Oder geben Sie in der App diesen Schlüssel von Hand ein (zeitbasiert, 6 Ziffern, 30 Sekunden):',
  'totp.secret': 'Schlüssel',
  'totp.uri': 'Einrichtungs-Link (otpauth)',
  'totp.step3': '3. Geben Sie zur Bestätigung den Code ein, den die App jetzt anzeigt.',
  'totp.code': 'Code aus der App',
  'totp.codeHint': 'Sechs Ziffern, z. B. 123456.',
  'totp.codeInvalid': 'Bitte die sechs Ziffern aus der App eingeben.',
  'totp.confirm': 'Bestätigen und einschalten',
  'totp.confirmed':
    'Der zweite Faktor ist eingeschaltet. Andere Sitzungen dieses Kontos wurden beendet; ab jetzt fragt die Anmeldung den Code ab.',
  'totp.disableTitle': 'Zweiten Faktor ausschalten',
  'totp.disableHint': 'Zum Ausschalten brauchen Sie einen aktuellen Code aus der App.',
  'totp.disableRequired':
    'Ihre Verwaltung verlangt den zweiten Faktor: Ohne ihn gelten Ihre Rechte im Sitzungsdienst nicht mehr, bis Sie ihn wieder einrichten.',
  'totp.disable': 'Ausschalten',
  'totp.disabled': 'Der zweite Faktor ist ausgeschaltet.',
  'staff.title': 'Zweiter Faktor für den Sitzungsdienst',
  'staff.explain':
    'Gilt für alle Konten mit Rechten im Sitzungsdienst von {body}. Konten ohne zweiten Faktor können dann nur noch lesen, bis sie ihn eingerichtet haben.',
  'staff.required': 'Zweiten Faktor für den Sitzungsdienst verlangen',
  'staff.ownFirst': 'Richten Sie zuerst Ihren eigenen zweiten Faktor ein; sonst sperren Sie sich selbst aus.',
  'staff.save': 'Einstellung speichern',
  'staff.savedOn': 'Gespeichert: Der Sitzungsdienst von {body} braucht jetzt einen zweiten Faktor.',
  'staff.savedOff': 'Gespeichert: Der Sitzungsdienst von {body} braucht keinen zweiten Faktor.',
};

export type AccountMessageKey = keyof typeof de;

export const accountMessages: Record<'de' | 'en', Record<AccountMessageKey, string>> = {
  de,
  en: {
    'account.title': 'Account and security',
    'account.intro': 'Signed in as {name} ({email}).',
    'account.backToOffice': 'Back to the office workspace',
    'totp.title': 'Sign-in with a second factor',
    'totp.explain':
      'With a second factor, sign-in asks for a six-digit code besides the password; an authenticator app on your phone makes a new one every 30 seconds (e.g. FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).',
    'totp.enabled': 'A second factor is set up.',
    'totp.notEnabled': 'No second factor is set up for this account yet.',
    'totp.required':
      'Your council office requires a second factor for its staff. Until it is set up, you can only read there.',
    'totp.pending': 'A set-up was started but not confirmed with a code. Please start it again.',
    'totp.start': 'Start set-up',
    'totp.restart': 'Start set-up again',
    'totp.step1': '1. Scan this QR code with your authenticator app.',
    'totp.qrLabel': 'QR code for setting up the authenticator app',
    'totp.step2': '2. Or type this key into the app by hand (time-based, 6 digits, 30 seconds):',
    'totp.secret': 'Key',
    'totp.uri': 'Set-up link (otpauth)',
    'totp.step3': '3. To confirm, enter the code the app shows now.',
    'totp.code': 'Code from the app',
    'totp.codeHint': 'Six digits, e.g. 123456.',
    'totp.codeInvalid': 'Please enter the six digits from the app.',
    'totp.confirm': 'Confirm and switch on',
    'totp.confirmed':
      'The second factor is on. Other sessions of this account have been ended; from now on, sign-in asks for the code.',
    'totp.disableTitle': 'Switch the second factor off',
    'totp.disableHint': 'Switching it off takes a current code from the app.',
    'totp.disableRequired':
      'Your council office requires the second factor: without it, your office rights do not apply until you set it up again.',
    'totp.disable': 'Switch off',
    'totp.disabled': 'The second factor is switched off.',
    'staff.title': 'Second factor for the council office',
    'staff.explain':
      'Applies to every account with office rights for {body}. Accounts without a second factor can then only read until they set one up.',
    'staff.required': 'Require a second factor for office staff',
    'staff.ownFirst': 'Please set up your own second factor first; otherwise you would lock yourself out.',
    'staff.save': 'Save setting',
    'staff.savedOn': 'Saved: the council office of {body} now needs a second factor.',
    'staff.savedOff': 'Saved: the council office of {body} does not need a second factor.',
  },
};

export function useAccountT() {
  return useLocalCatalog<AccountMessageKey>(accountMessages);
}
