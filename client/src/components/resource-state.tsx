import { useI18n } from '../i18n/i18n';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="status" role="status">
      {label ?? t('app.loading')}
    </p>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
