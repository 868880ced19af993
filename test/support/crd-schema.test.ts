import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { crdSchemas, formatProblems, SHARED_DIR } from './crd-schema';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/**
 * Sample objects the API server of a cluster with these CRDs rejects, and why. (The TCPRoutes of
 * tcp-echo/gateway-api are of the experimental channel: the validator passes them unchecked, and rule
 * CI0020 reports what they need.)
 */
const KNOWN_INVALID: Record<string, string> = {
  'tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route': 'websocketUpgrade is no longer a field of HTTPRoute',
  'tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route2': 'websocketUpgrade is no longer a field of HTTPRoute',
};

describe('CrdSchemaValidator', () => {
  test('accepts every Istio and Gateway API object of the real samples, except those the API server rejects', () => {
    const samples = path.join(SHARED_DIR, 'istio', 'samples');
    const rejected: Record<string, string> = {};
    let checked = 0;
    for (const file of yamlFiles(samples)) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const obj = doc.toJS();
        if (!obj || !crdSchemas().owns(obj)) continue;
        checked++;
        const problems = crdSchemas().validate(obj);
        if (problems.length > 0) rejected[`${path.relative(samples, file)} ${obj.kind} ${obj.metadata?.name}`] = formatProblems(problems);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(Object.keys(rejected).sort()).toEqual(Object.keys(KNOWN_INVALID).sort());
    expect(rejected['tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route']).toContain("has unknown field 'websocketUpgrade'");
  });

  describe('CEL rules (x-kubernetes-validations)', () => {
    const vs = (timeout: string) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews' },
      spec: { hosts: ['reviews'], http: [{ timeout, route: [{ destination: { host: 'reviews' } }] }] },
    });

    test('rejects a duration under 1ms', () => {
      expect(formatProblems(crdSchemas().validate(vs('0.5ms')))).toContain('/spec/http/0/timeout: must be a valid duration greater than 1ms (received: "0.5ms")');
      expect(crdSchemas().validate(vs('1ms'))).toEqual([]);
    });

    test('rejects a ServiceEntry port outside 1..65535', () => {
      const problems = crdSchemas().validate({
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'ext' },
        spec: { hosts: ['api.example.com'], ports: [{ number: 70000, name: 'https', protocol: 'TLS' }] },
      });
      expect(formatProblems(problems)).toContain('/spec/ports/0/number: port must be between 1-65535 (received: 70000)');
    });

    test('rejects a policy with both selector and targetRefs', () => {
      const problems = crdSchemas().validate({
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'p' },
        spec: { selector: { matchLabels: { app: 'a' } }, targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] },
      });
      expect(formatProblems(problems)).toContain('/spec: only one of targetRefs or selector can be set');
    });

    test('rejects port-level mTLS without a selector', () => {
      const problems = crdSchemas().validate({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'p' },
        spec: { portLevelMtls: { 8080: { mode: 'DISABLE' } } },
      });
      expect(formatProblems(problems)).toContain('/spec: portLevelMtls requires selector');
    });

    test('calls the Kubernetes URL library: a jwksUri must be http or https', () => {
      const ra = (jwksUri: string) => ({
        apiVersion: 'security.istio.io/v1',
        kind: 'RequestAuthentication',
        metadata: { name: 'jwt' },
        spec: { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri }] },
      });
      expect(crdSchemas().validate(ra('https://issuer.example.com/jwks.json'))).toEqual([]);
      expect(formatProblems(crdSchemas().validate(ra('ftp://issuer.example.com/jwks.json')))).toContain('url must have scheme http:// or https://');
    });

    test('applies schema defaults before the rules, as the API server does', () => {
      // tls.mode defaults to Terminate; the rule that needs certificates for Terminate must see it.
      const problems = crdSchemas().validate({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw' },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: {} }] },
      });
      expect(formatProblems(problems)).toContain('certificateRefs or options must be specified when mode is Terminate');
    });
  });
});
