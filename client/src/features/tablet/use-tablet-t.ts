import { useLocalCatalog } from '../../i18n/local-catalog';
import { tabletMessages, type TabletMessageKey } from './tablet-messages';

export function useTabletT() {
  return useLocalCatalog<TabletMessageKey>(tabletMessages);
}

export type TabletT = ReturnType<typeof useTabletT>['t'];
