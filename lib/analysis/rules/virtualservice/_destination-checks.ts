import { _Destination, _hostRegistry, _lookupHost, _mirrorDestinations, _routeDestinations, _where } from './_hosts';
import { _virtualServices } from '../../facts/_hosts';
import { _MeshModel } from '../../model';
import { _RawFinding, _hostRef } from '../../rule';

/** A destination problem, by the Istio code it maps to. @internal */
export interface _DestinationProblem extends _RawFinding {
  readonly code: 'IST0101' | 'IST0112';
}

function describe(d: _Destination): string {
  return d.section.startsWith('http.mirror') ? 'mirror host' : 'destination host';
}

/**
 * Every route and mirror destination of every VirtualService, checked against the Services and
 * ServiceEntry hosts visible from the VirtualService's namespace, and against their ports.
 * @internal
 */
export function _destinationProblems(model: _MeshModel): _DestinationProblem[] {
  // Three rules read them (IST0101 and the port checks): found once per model.
  return model.memoOf(model, 'destinationProblems', () => destinationProblemsOf(model));
}

function destinationProblemsOf(model: _MeshModel): _DestinationProblem[] {
  const registry = _hostRegistry(model);
  return _virtualServices(model).flatMap((vs) => {
    const exportTo: string[] | undefined = Array.isArray(vs.spec.exportTo) ? vs.spec.exportTo : undefined;
    return [..._routeDestinations(vs), ..._mirrorDestinations(vs)].flatMap((d): _DestinationProblem[] => {
      const host = String(d.destination.host ?? '');
      const known = _lookupHost(registry, vs.namespace, exportTo, host);
      if (!known) {
        return [{
          obj: vs,
          code: 'IST0101',
          ref: _hostRef(host, vs.namespace),
          message: `VirtualService ${vs.namespace}/${vs.name} ${_where(d)}: ${describe(d)} '${host}' matches no Service or ServiceEntry `
            + `visible from namespace ${vs.namespace}${exportTo ? ` (exportTo: ${exportTo.join(', ')})` : ''}.`,
        }];
      }
      const port = d.destination.port?.number;
      if (port === undefined) {
        return known.ports.length > 1 ? [{
          obj: vs,
          code: 'IST0112',
          message: `VirtualService ${vs.namespace}/${vs.name} ${_where(d)}: '${host}' exposes ports ${known.ports.join(', ')}; `
            + 'the destination must name one.',
        }] : [];
      }
      return known.ports.includes(Number(port)) ? [] : [{
        obj: vs,
        code: 'IST0101',
        message: `VirtualService ${vs.namespace}/${vs.name} ${_where(d)}: '${host}' has no port ${port}`
          + ` (it exposes ${known.ports.length ? known.ports.join(', ') : 'none'}).`,
      }];
    });
  });
}
