import { chart, spec, synthOne } from './util';
import {
  EnvoyClusterMatch, EnvoyFilter, EnvoyFilterApplyTo, EnvoyFilterClass, EnvoyFilterContext, EnvoyFilterOperation, EnvoyPatchValue, EnvoyRouteAction,
  PolicyTargetRef, WorkloadSelector,
} from '../../lib';
import { errorOf } from '../patterns/_util';

const LUA = 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua';
const HCM = 'envoy.filters.network.http_connection_manager';
const luaFilter = EnvoyPatchValue.filter('envoy.lua', LUA, { inlineCode: 'function envoy_on_request(h) end' });

describe('EnvoyFilter', () => {
  test('creates one networking.istio.io/v1alpha3 EnvoyFilter under the id Resource, empty by default', () => {
    const c = chart();
    const filter = new EnvoyFilter(c, 'ef');
    const obj = synthOne(c, 'EnvoyFilter');
    expect(obj.apiVersion).toBe('networking.istio.io/v1alpha3');
    expect(obj.spec).toEqual({});
    expect(filter.node.findChild('Resource')).toBe(filter.apiObject);
  });

  test('renders a listener patch with a sub-filter match, selector, priority and proxy match', () => {
    const c = chart();
    new EnvoyFilter(c, 'ef', {
      workloadSelector: WorkloadSelector.labels({ app: 'reviews' }),
      priority: 10,
      configPatches: [{
        applyTo: EnvoyFilterApplyTo.HTTP_FILTER,
        context: EnvoyFilterContext.SIDECAR_INBOUND,
        listener: { portNumber: 9080, filter: HCM, subFilter: 'envoy.filters.http.router', sni: 'reviews', destinationPort: 9080 },
        proxyVersion: '^1\\.30.*',
        proxyMetadata: { ISTIO_VERSION: '1.30.3' },
        operation: EnvoyFilterOperation.INSERT_BEFORE,
        value: luaFilter,
      }],
    });
    expect(spec(c, 'EnvoyFilter')).toEqual({
      workloadSelector: { labels: { app: 'reviews' } },
      priority: 10,
      configPatches: [{
        applyTo: 'HTTP_FILTER',
        match: {
          context: 'SIDECAR_INBOUND',
          proxy: { proxyVersion: '^1\\.30.*', metadata: { ISTIO_VERSION: '1.30.3' } },
          listener: { portNumber: 9080, filterChain: { sni: 'reviews', destinationPort: 9080, filter: { name: HCM, subFilter: { name: 'envoy.filters.http.router' } } } },
        },
        patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', typed_config: { '@type': LUA, 'inlineCode': 'function envoy_on_request(h) end' } } },
      }],
    });
  });

  test('renders route-configuration and cluster matches, REMOVE without a value, ADD with a filter class, and targetRefs', () => {
    const c = chart();
    const cluster: EnvoyClusterMatch = { service: 'reviews.default.svc.cluster.local', portNumber: 9080, subset: 'v1' };
    const filter = new EnvoyFilter(c, 'ef', { targetRefs: [PolicyTargetRef.gateway('edge')] });
    filter.addPatch({
      applyTo: EnvoyFilterApplyTo.HTTP_ROUTE,
      routeConfiguration: { vhostName: 'inbound|http|8000', routeAction: EnvoyRouteAction.ANY },
      operation: EnvoyFilterOperation.MERGE,
      value: EnvoyPatchValue.fromObject({ route: { timeout: '5s' } }),
    });
    filter.addPatch({ applyTo: EnvoyFilterApplyTo.CLUSTER, cluster, operation: EnvoyFilterOperation.MERGE, value: EnvoyPatchValue.fromObject({ connect_timeout: '1s' }) });
    filter.addPatch({ applyTo: EnvoyFilterApplyTo.NETWORK_FILTER, listener: { filter: 'envoy.filters.network.tcp_proxy' }, operation: EnvoyFilterOperation.REMOVE });
    filter.addPatch({
      applyTo: EnvoyFilterApplyTo.HTTP_FILTER,
      context: EnvoyFilterContext.GATEWAY,
      operation: EnvoyFilterOperation.ADD,
      filterClass: EnvoyFilterClass.AUTHZ,
      value: luaFilter,
    });
    expect(filter.patchCount).toBe(4);
    const s = spec(c, 'EnvoyFilter');
    expect(s.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' }]);
    expect(s.configPatches.map((p: any) => p.match)).toEqual([
      { routeConfiguration: { vhost: { name: 'inbound|http|8000', route: { action: 'ANY' } } } },
      { cluster: { portNumber: 9080, service: 'reviews.default.svc.cluster.local', subset: 'v1' } },
      { listener: { filterChain: { filter: { name: 'envoy.filters.network.tcp_proxy' } } } },
      { context: 'GATEWAY' },
    ]);
    expect(s.configPatches[2].patch).toEqual({ operation: 'REMOVE' });
    expect(s.configPatches[3].patch.filterClass).toBe('AUTHZ');
  });

  test('copies the value, so later changes to the object given do not leak in', () => {
    const raw: any = { route: { timeout: '5s' } };
    const value = EnvoyPatchValue.fromObject(raw);
    raw.route.timeout = '9s';
    const c = chart();
    new EnvoyFilter(c, 'ef', { configPatches: [{ applyTo: EnvoyFilterApplyTo.HTTP_ROUTE, operation: EnvoyFilterOperation.MERGE, value }] });
    expect(spec(c, 'EnvoyFilter').configPatches[0].patch.value).toEqual({ route: { timeout: '5s' } });
  });

  describe('validation (Istio\'s EnvoyFilter validation and istioctl\'s ignored operations)', () => {
    const make = (patch: any, extra: any = {}) => errorOf(() => new EnvoyFilter(chart(), 'ef', { ...extra, configPatches: [patch] }));

    test('fails without a value for an operation other than REMOVE', () => {
      expect(make({ applyTo: EnvoyFilterApplyTo.HTTP_FILTER, operation: EnvoyFilterOperation.INSERT_FIRST }))
        .toContain('EnvoyFilter \'test/ef\': \'configPatches[0].value\' must be given for operation INSERT_FIRST');
    });

    test('fails on a match of the wrong kind, or of two kinds', () => {
      expect(make({ applyTo: EnvoyFilterApplyTo.CLUSTER, listener: { portNumber: 80 }, operation: EnvoyFilterOperation.MERGE, value: luaFilter }))
        .toContain('\'configPatches[0].listener\' cannot match a CLUSTER');
      expect(make({ applyTo: EnvoyFilterApplyTo.HTTP_FILTER, listener: {}, cluster: {}, operation: EnvoyFilterOperation.MERGE, value: luaFilter }))
        .toContain('must match only one of \'listener\', \'routeConfiguration\' and \'cluster\' (received: ["listener","cluster"])');
    });

    test('fails on a sub-filter outside HTTP_FILTER or without the HTTP connection manager', () => {
      const message = make({ applyTo: EnvoyFilterApplyTo.NETWORK_FILTER, listener: { filter: 'envoy.filters.network.tcp_proxy', subFilter: 'x' }, operation: EnvoyFilterOperation.MERGE, value: luaFilter });
      expect(message).toContain('\'configPatches[0].listener.subFilter\' can be used with applyTo HTTP_FILTER only');
      expect(message).toContain('\'configPatches[0].listener.filter\' must be \'envoy.filters.network.http_connection_manager\' when subFilter is given');
    });

    test('fails on ADD or REMOVE of routes, and REPLACE of a cluster: Istio ignores them', () => {
      expect(make({ applyTo: EnvoyFilterApplyTo.ROUTE_CONFIGURATION, operation: EnvoyFilterOperation.ADD, value: luaFilter }))
        .toContain('\'configPatches[0].operation\' is ignored by Istio when applyTo is ROUTE_CONFIGURATION (istioctl: IST0153)');
      expect(make({ applyTo: EnvoyFilterApplyTo.HTTP_ROUTE, operation: EnvoyFilterOperation.REMOVE })).toContain('(istioctl: IST0154)');
      expect(make({ applyTo: EnvoyFilterApplyTo.CLUSTER, operation: EnvoyFilterOperation.REPLACE, value: luaFilter })).toContain('IST0152');
    });

    test('fails on a proxyVersion that is no RE2 expression, a bad port and a fractional priority', () => {
      const message = make({ applyTo: EnvoyFilterApplyTo.LISTENER, listener: { portNumber: 0 }, proxyVersion: '(?=1)', operation: EnvoyFilterOperation.MERGE, value: luaFilter },
        { priority: 1.5 });
      expect(message).toContain('\'priority\' must be a whole number (int32) (received: 1.5)');
      expect(message).toContain('\'configPatches[0].listener.portNumber\' must be a port number from 1 to 65535 (received: 0)');
      expect(message).toContain('\'configPatches[0].proxyVersion\' must be a valid RE2 regular expression');
    });

    test('fails on both a selector and targetRefs', () => {
      expect(errorOf(() => new EnvoyFilter(chart(), 'ef', { workloadSelector: WorkloadSelector.labels({ app: 'a' }), targetRefs: [PolicyTargetRef.gateway('g')] })))
        .toContain('\'workloadSelector\' cannot be set together with \'targetRefs\'');
    });

    test('fails from plain JavaScript on an unknown applyTo or operation, and a value that is no EnvoyPatchValue', () => {
      const message = make({ applyTo: 'HTTP_FILTERS', operation: 'insert_before', value: { name: 'x' } });
      expect(message).toContain('\'configPatches[0].applyTo\' must be an EnvoyFilterApplyTo (received: "HTTP_FILTERS")');
      expect(message).toContain('\'configPatches[0].operation\' must be an EnvoyFilterOperation (received: "insert_before")');
      expect(message).toContain('\'configPatches[0].value\' must be an EnvoyPatchValue');
      expect(errorOf(() => EnvoyPatchValue.fromObject([] as any))).toContain('EnvoyPatchValue.fromObject: \'value\' must be a JSON object');
      expect(errorOf(() => EnvoyPatchValue.filter('', 'lua'))).toMatch(/'name' must not be empty[\s\S]*'typeUrl' must be a protobuf type URL/);
    });
  });
});
