import { useLocalCatalog } from '../../i18n/local-catalog';
import { readerMessages, type ReaderMessageKey } from './reader-messages';

export function useReaderMessages() {
  return useLocalCatalog<ReaderMessageKey>(readerMessages);
}
