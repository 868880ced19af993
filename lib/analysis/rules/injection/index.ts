import { IMAGE_AUTO_WITHOUT_INJECTION_ERROR } from './image-auto-error';
import { IMAGE_AUTO_WITHOUT_INJECTION_WARNING } from './image-auto-warning';
import { NAMESPACE_INJECTION_ENABLED_BY_DEFAULT } from './injection-enabled-by-default';
import { NAMESPACE_MULTIPLE_INJECTION_LABELS } from './multiple-injection-labels';
import { NAMESPACE_NOT_INJECTED } from './namespace-not-injected';
import { POD_MISSING_PROXY } from './pod-missing-proxy';
import { _Rule } from '../../rule';

/** Rules about sidecar injection. @internal */
export const INJECTION_RULES: readonly _Rule[] = [
  NAMESPACE_NOT_INJECTED,
  POD_MISSING_PROXY,
  NAMESPACE_MULTIPLE_INJECTION_LABELS,
  NAMESPACE_INJECTION_ENABLED_BY_DEFAULT,
  IMAGE_AUTO_WITHOUT_INJECTION_WARNING,
  IMAGE_AUTO_WITHOUT_INJECTION_ERROR,
];
