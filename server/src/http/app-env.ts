import type { Locale } from '@ratsmappe/shared';
import type { Principal } from '../modules/access/access.service.js';

/** Per-request values set by the app's middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    locale: Locale;
    sessionToken: string | null;
  };
}
