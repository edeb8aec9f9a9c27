import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Returns a function that moves focus to the form's first invalid field once React has rendered the issues. A frame
 * callback instead could run before that render and find no invalid field (it did under load).
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request, formRef]);
  return useCallback(() => setRequest((n) => n + 1), []);
}
