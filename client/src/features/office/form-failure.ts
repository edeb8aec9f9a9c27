import { ApiError } from '../../data/api';
import { refusalText } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import type { Translate } from '../../i18n/i18n';

/**
 * The form-level text for a refused write. Invalid input: the server's general message, plus the issues of fields
 * the form does not show (those of its own fields appear at the field). A refused step (409 and others): the
 * message with the reasons from the issues, which carry the localized explanation ("inzwischen geändert" …).
 */
export function formFailure(error: unknown, t: Translate, formFields: readonly string[] = []): string {
  if (error instanceof ApiError && error.code === 'validation_failed') {
    const elsewhere = error.issues
      .filter((issue) => !formFields.includes(issue.path.split('.')[0] ?? ''))
      .map((issue) => issue.message);
    return [errorMessage(error, t), ...elsewhere].join(' ');
  }
  return refusalText(error, errorMessage(error, t));
}
