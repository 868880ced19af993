import { _labelSelectorMatches } from './_injection';
import { _INJECTION_LABEL, _REV_LABEL, _SIDECAR_INJECT } from '../../facts/_labels';
import { _MeshModel, _Workload } from '../../model';

/** The `image: auto` an istio-proxy container carries for the injector to fill in (gateway injection). */
const AUTO = 'auto';

/** True when the pod spec has an istio-proxy container with `image: auto`. @internal */
export function _hasAutoImage(podSpec: any): boolean {
  return (podSpec?.containers ?? []).some((c: any) => c?.name === 'istio-proxy' && c?.image === AUTO);
}

/**
 * The namespace and object selectors of the default revision's injection webhooks, as Istio's chart installs
 * them: used when the manifests hold no Istio MutatingWebhookConfiguration.
 */
const DEFAULT_WEBHOOKS = [
  {
    namespaceSelector: { matchExpressions: [{ key: _INJECTION_LABEL, operator: 'In', values: ['enabled'] }] },
    objectSelector: { matchExpressions: [{ key: _SIDECAR_INJECT, operator: 'NotIn', values: ['false'] }] },
  },
  {
    namespaceSelector: { matchExpressions: [{ key: _REV_LABEL, operator: 'Exists' }, { key: _INJECTION_LABEL, operator: 'DoesNotExist' }] },
    objectSelector: { matchExpressions: [{ key: _SIDECAR_INJECT, operator: 'NotIn', values: ['false'] }] },
  },
  {
    namespaceSelector: { matchExpressions: [{ key: _INJECTION_LABEL, operator: 'DoesNotExist' }, { key: _REV_LABEL, operator: 'DoesNotExist' }] },
    objectSelector: { matchExpressions: [{ key: _SIDECAR_INJECT, operator: 'In', values: ['true'] }] },
  },
  {
    namespaceSelector: { matchExpressions: [{ key: _INJECTION_LABEL, operator: 'DoesNotExist' }, { key: _REV_LABEL, operator: 'DoesNotExist' }] },
    objectSelector: { matchExpressions: [{ key: _REV_LABEL, operator: 'Exists' }, { key: _SIDECAR_INJECT, operator: 'NotIn', values: ['false'] }] },
  },
];

/** The Istio injection webhooks: those of the manifests' MutatingWebhookConfigurations named `*istio.io`, else the defaults. */
function istioWebhooks(model: _MeshModel): any[] {
  const declared = model.ofKind('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')
    .flatMap((c) => (Array.isArray(c.raw.webhooks) ? c.raw.webhooks : []))
    .filter((w: any) => typeof w?.name === 'string' && w.name.endsWith('istio.io'));
  return declared.length > 0 ? declared : DEFAULT_WEBHOOKS;
}

/** Workloads with `image: auto` whose pods no Istio injection webhook would select, so the image is never replaced. @internal */
export function _autoImageNotInjected(model: _MeshModel): _Workload[] {
  const webhooks = istioWebhooks(model);
  return model.workloads
    .filter((w) => _hasAutoImage(w.podSpec))
    .filter((w) => !webhooks.some((h) => _labelSelectorMatches(h.namespaceSelector, model.namespaceLabels(w.namespace))
      && _labelSelectorMatches(h.objectSelector, w.labels)));
}
