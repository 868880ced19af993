import { Testing } from 'cdk8s';
import { BackendRef, GatewayGrpcMatch, GatewayGrpcRoute, ParentRef } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

const gatewayParent = (sectionName: string) => [ParentRef.gateway('edge', { sectionName })];

describe('GatewayGrpcRoute', () => {
  test('renders a v1 GRPCRoute with method, service, regex and header matches, filters and weights', () => {
    const c = Testing.chart();
    const route = new GatewayGrpcRoute(c, 'greeter', {
      metadata: { name: 'greeter' },
      parentRefs: [ParentRef.service('greeter', { port: 50051 })],
      hostnames: ['grpc.example.com'],
      rules: [{
        name: 'hello',
        matches: [
          GatewayGrpcMatch.method('helloworld.Greeter', 'SayHello'),
          GatewayGrpcMatch.service('helloworld.Admin'),
          GatewayGrpcMatch.of({ method: 'Say.*', regex: true, headers: [{ name: 'x-canary', value: 'true' }] }),
        ],
        requestHeaders: { set: { 'x-route': 'hello' } },
        backendRefs: [BackendRef.service('greeter-v1', { port: 50051, weight: 90 }), BackendRef.service('greeter-v2', { port: 50051, weight: 10 })],
      }],
    });
    const obj = findObject(Testing.synth(c), 'GRPCRoute', 'greeter');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(obj.spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'greeter', port: 50051 }],
      hostnames: ['grpc.example.com'],
      rules: [{
        name: 'hello',
        matches: [
          { method: { service: 'helloworld.Greeter', method: 'SayHello' } },
          { method: { service: 'helloworld.Admin' } },
          { method: { type: 'RegularExpression', method: 'Say.*' }, headers: [{ name: 'x-canary', value: 'true' }] },
        ],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'hello' }] } }],
        backendRefs: [{ name: 'greeter-v1', port: 50051, weight: 90 }, { name: 'greeter-v2', port: 50051, weight: 10 }],
      }],
    });
    expect(route.addRule({ backendRefs: [BackendRef.service('fallback', { port: 50051 })] })).toBe(1);
    route.replaceBackends(1, [BackendRef.service('fallback-v2', { port: 50051 })]);
    expect(findObject(Testing.synth(c), 'GRPCRoute', 'greeter').spec.rules[1]).toEqual({ backendRefs: [{ name: 'fallback-v2', port: 50051 }] });
  });

  test('fails on a service or method name the GRPCRoute schema rejects, and on an empty match', () => {
    expect(errorOf(() => GatewayGrpcMatch.method('hello world', 'Say-Hello')))
      .toMatch(/GatewayGrpcMatch.method has 2 problems[\s\S]*'options.service' must be a gRPC service name[\s\S]*'options.method' must be a gRPC method name/);
    expect(errorOf(() => GatewayGrpcMatch.of({}))).toContain('\'options\' must give a service, a method or headers');
  });

  test('fails on a rule index that does not exist', () => {
    const c = Testing.chart();
    const route = new GatewayGrpcRoute(c, 'g', { parentRefs: gatewayParent('grpc') });
    expect(errorOf(() => route.replaceBackends(2, []))).toContain('\'ruleIndex\' must be the index of a rule');
  });
});
