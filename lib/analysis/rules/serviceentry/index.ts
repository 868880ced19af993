import { SERVICE_ENTRY_ADDRESSES_REQUIRED } from './addresses-required';
import { _Rule } from '../../rule';

/** Rules about ServiceEntries. @internal */
export const SERVICEENTRY_RULES: readonly _Rule[] = [SERVICE_ENTRY_ADDRESSES_REQUIRED];
