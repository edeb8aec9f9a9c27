import { useI18n } from '../i18n/i18n';
import { swUpdateStore, useSwState } from './update-store';

/**
 * A polite live region that is always in the DOM, so screen readers announce the message when it appears.
 * It never takes focus: the prompt must not interrupt reading or typing.
 */
export function UpdatePrompt() {
  const { t } = useI18n();
  const { needRefresh } = useSwState();

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {needRefresh && (
        <div className="toast">
          <p className="toast__message">{t('sw.updateAvailable')}</p>
          <div className="toast__actions">
            <button type="button" className="button" onClick={() => void swUpdateStore.update()}>
              {t('sw.reload')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => swUpdateStore.dismiss()}>
              {t('sw.later')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
