import { ALPHA_ANNOTATION } from './alpha';
import { DEPRECATED_ANNOTATION } from './deprecated';
import { INVALID_ANNOTATION } from './invalid';
import { MISPLACED_ANNOTATION } from './misplaced';
import { UNKNOWN_ANNOTATION } from './unknown';
import { _Rule } from '../../rule';

/** Rules about Istio annotations on Kubernetes resources. @internal */
export const ANNOTATIONS_RULES: readonly _Rule[] = [
  MISPLACED_ANNOTATION,
  UNKNOWN_ANNOTATION,
  INVALID_ANNOTATION,
  DEPRECATED_ANNOTATION,
  ALPHA_ANNOTATION,
];
