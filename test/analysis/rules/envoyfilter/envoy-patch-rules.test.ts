import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const lua = { name: 'envoy.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', 'inlineCode': '' } };
const ef = (name: string, patches: any[], extra: any = {}, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'EnvoyFilter',
  metadata: { name, namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { ...extra, configPatches: patches },
});
const patch = (applyTo: string, operation: string, value: any = lua, match: any = { context: 'SIDECAR_INBOUND' }) => ({ applyTo, match, patch: { operation, ...(value ? { value } : {}) } });
const codes = (m: any[]) => MeshAnalysis.analyze(m, { rules: ['IST0151', 'IST0152', 'IST0153', 'IST0154', 'IST0155'] }).active.map((f) => `${f.code} ${f.resource}`).sort();

describe('EnvoyFilter rules (istioctl EnvoyPatchAnalyzer)', () => {
  describe('IST0151 EnvoyFilterUsesRelativeOperation', () => {
    test('reports INSERT_BEFORE, INSERT_AFTER, REPLACE and REMOVE of filters without a priority, once per EnvoyFilter', () => {
      for (const op of ['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE']) expect(codes([ef('a', [patch('HTTP_FILTER', op)])])).toEqual(['IST0151 EnvoyFilter shop/a']);
      expect(codes([ef('a', [patch('NETWORK_FILTER', 'REMOVE', null), patch('HTTP_FILTER', 'INSERT_AFTER')])])).toEqual(['IST0151 EnvoyFilter shop/a']);
      const found = MeshAnalysis.analyze([ef('a', [patch('HTTP_FILTER', 'INSERT_BEFORE')])], { rules: ['IST0151'] }).active[0];
      expect(found.level).toBe('warning');
      expect(found.message).toContain('configPatches[0] (INSERT_BEFORE on HTTP_FILTER): the EnvoyFilter has no priority');
    });

    test('accepts a priority, and absolute operations (ADD, INSERT_FIRST, MERGE)', () => {
      expect(codes([ef('a', [patch('HTTP_FILTER', 'INSERT_BEFORE')], { priority: 10 })])).toEqual([]);
      expect(codes([ef('b', [patch('HTTP_FILTER', 'INSERT_FIRST'), patch('CLUSTER', 'ADD'), patch('HTTP_ROUTE', 'MERGE', { route: {} })])])).toEqual([]);
    });

    test('is suppressed by an annotation with a reason', () => {
      const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0151', reason: 'only EnvoyFilter of the namespace' }]) };
      expect(codes([ef('a', [patch('HTTP_FILTER', 'INSERT_BEFORE')], {}, annotations)])).toEqual([]);
    });
  });

  describe('IST0155 EnvoyFilterUsesRelativeOperationWithProxyVersion', () => {
    test('reports a relative patch of a filter that an earlier proxyVersion patch names, in this or an earlier EnvoyFilter', () => {
      const versioned = patch('HTTP_FILTER', 'INSERT_AFTER', lua, { context: 'SIDECAR_INBOUND', proxy: { proxyVersion: '^1\\.30.*' } });
      expect(codes([ef('a', [versioned, patch('HTTP_FILTER', 'REPLACE')])])).toEqual(['IST0151 EnvoyFilter shop/a', 'IST0155 EnvoyFilter shop/a']);
      expect(codes([ef('a', [{ ...versioned, patch: { operation: 'MERGE', value: lua } }]), ef('b', [patch('HTTP_FILTER', 'INSERT_BEFORE')])]))
        .toEqual(['IST0155 EnvoyFilter shop/b']);
    });

    test('is suppressed by an annotation with a reason', () => {
      const versioned = patch('HTTP_FILTER', 'MERGE', lua, { proxy: { proxyVersion: '^1\\.30.*' } });
      const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0155', reason: 'upgrade tested with both versions' }]) };
      expect(codes([ef('a', [versioned]), ef('b', [patch('HTTP_FILTER', 'INSERT_BEFORE')], {}, annotations)])).toEqual([]);
    });

    test('accepts the relative patch of another filter name', () => {
      const versioned = patch('HTTP_FILTER', 'MERGE', lua, { proxy: { proxyVersion: '^1\\.30.*' } });
      expect(codes([ef('a', [versioned]), ef('b', [patch('HTTP_FILTER', 'INSERT_BEFORE', { ...lua, name: 'other' })], { priority: 1 })])).toEqual([]);
    });
  });

  describe('IST0152 EnvoyFilterUsesReplaceOperationIncorrectly', () => {
    test('reports REPLACE of a cluster, listener or route, as an error', () => {
      for (const applyTo of ['CLUSTER', 'LISTENER', 'HTTP_ROUTE']) expect(codes([ef('a', [patch(applyTo, 'REPLACE')], { priority: 1 })])).toEqual(['IST0152 EnvoyFilter shop/a']);
      expect(MeshAnalysis.analyze([ef('a', [patch('CLUSTER', 'REPLACE')], { priority: 1 })], { rules: ['IST0152'] }).active[0].level).toBe('error');
    });

    test('is suppressed by an annotation with a reason', () => {
      const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0152', reason: 'kept for a proxy we do not run' }]) };
      expect(codes([ef('a', [patch('CLUSTER', 'REPLACE')], { priority: 1 }, annotations)])).toEqual([]);
    });

    test('accepts REPLACE of an HTTP filter, network filter or virtual host', () => {
      for (const applyTo of ['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']) expect(codes([ef('a', [patch(applyTo, 'REPLACE')], { priority: 1 })])).toEqual([]);
    });
  });

  describe('IST0153 EnvoyFilterUsesAddOperationIncorrectly and IST0154 EnvoyFilterUsesRemoveOperationIncorrectly', () => {
    test('report ADD and REMOVE on ROUTE_CONFIGURATION and HTTP_ROUTE', () => {
      expect(codes([ef('a', [patch('ROUTE_CONFIGURATION', 'ADD')]), ef('b', [patch('HTTP_ROUTE', 'REMOVE', null)])]))
        .toEqual(['IST0153 EnvoyFilter shop/a', 'IST0154 EnvoyFilter shop/b']);
    });

    test('accept ADD of a cluster and REMOVE of a filter with a priority', () => {
      expect(codes([ef('a', [patch('CLUSTER', 'ADD'), patch('HTTP_FILTER', 'REMOVE', null)], { priority: 5 })])).toEqual([]);
    });

    test('are suppressed by an annotation with a reason', () => {
      const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0153', reason: 'kept for a proxy we do not run' }, { id: 'IST0154', reason: 'kept for a proxy we do not run' }]) };
      expect(codes([ef('a', [patch('ROUTE_CONFIGURATION', 'ADD'), patch('HTTP_ROUTE', 'REMOVE', null)], {}, annotations)])).toEqual([]);
    });
  });
});
