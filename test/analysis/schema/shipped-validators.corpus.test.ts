/**
 * The validators the package ships (imports/crd-validators.js and imports/crd-validators/, generated ahead of time) are what the pinned
 * CRD files generate, and give the verdicts of the validator compiled at run time from those files, problem
 * for problem: on every CEL case, on the compliant manifests, and on hand-made breaks of each other keyword.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMPLIANT, VIOLATIONS } from './cel-rule-cases';
import { _CrdSchemaValidator } from '../../../lib/analysis/schema/_validator';
import { generateCrdValidators, GROUPS_FOLDER } from '../../../scripts/generate-crd-validators';
import { corpusPath } from '../../support/corpus';
import { CrdSchemaValidator, loadCrdSchemas } from '../../support/crd-schema';

const CRD_FILES = [
  corpusPath('istio', 'crds', 'istio-1.30.3-crds.yaml'),
  corpusPath('istio', 'crds', 'gateway-api-v1.5.1-standard.yaml'),
];
const IMPORTS = path.resolve(__dirname, '..', '..', '..', 'imports');

function manifest(kind: string, spec: unknown, name = 'case'): any {
  const [group, version, k] = kind.split('/');
  return { apiVersion: `${group}/${version}`, kind: k, metadata: { name, namespace: 'prod' }, spec };
}

/** Breaks of the keywords besides CEL: types, enums, formats, bounds, patterns, list types, defaults, unknown fields. */
const OTHER_CASES: any[] = [
  manifest('networking.istio.io/v1/VirtualService', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r' }, weight: '90' }] }] }),
  manifest('networking.istio.io/v1/VirtualService', { hosts: ['r'], http: [{ routes: [] }] }),
  manifest('networking.istio.io/v1/DestinationRule', { host: 'r', trafficPolicy: { tls: { mode: 'MUTUAL_ISTIO' } } }),
  manifest('networking.istio.io/v1/DestinationRule', { host: 'r', trafficPolicy: { connectionPool: { tcp: { maxConnections: 2 ** 31 } } } }),
  manifest('networking.istio.io/v1/DestinationRule', { host: 'r', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }),
  manifest('networking.istio.io/v1/ServiceEntry', { hosts: ['a.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 80, name: 'http2' }] }),
  manifest('networking.istio.io/v1/ServiceEntry', { hosts: ['a.example.com'], addresses: ['10.0.0.1/33'], ports: [{ number: 0, name: 'x' }] }),
  manifest('security.istio.io/v1/AuthorizationPolicy', { action: 'ALLOW', rules: [{ to: [{ operation: { ports: [8080] } }] }] }),
  manifest('security.istio.io/v1/PeerAuthentication', { mtls: { mode: 'STRICT' }, portLevelMtls: { 80: { mode: 'DISABLE' } } }),
  manifest('gateway.networking.k8s.io/v1/Gateway', { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: {} }] }),
  manifest('gateway.networking.k8s.io/v1/Gateway', { gatewayClassName: 'istio', listeners: [{ name: 'a', port: 70000, protocol: 'HTTP' }] }),
  manifest('gateway.networking.k8s.io/v1/HTTPRoute', { hostnames: ['Not_A_Host'], rules: [{ backendRefs: [{ name: 'svc', port: '80' }] }] }),
  manifest('gateway.networking.k8s.io/v1/HTTPRoute', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'no-slash' } }] }] }),
  manifest('gateway.networking.k8s.io/v1/Gateway', {}),
  manifest('telemetry.istio.io/v1/Telemetry', { tracing: [{ randomSamplingPercentage: 101 }] }),
  manifest('networking.istio.io/v1/VirtualService', { hosts: ['r'] }, 'Bad_Name'),
  { apiVersion: 'networking.istio.io/v2', kind: 'VirtualService', metadata: { name: 'x' }, spec: {} },
];

describe('the shipped CRD validators', () => {
  const shipped = _CrdSchemaValidator.get();
  const compiled = new CrdSchemaValidator(loadCrdSchemas(CRD_FILES));

  test('are what the pinned CRD files generate (run `npx projen import` after changing the generator or the CRDs)', () => {
    const generated = generateCrdValidators(CRD_FILES);
    const shippedFiles = ['crd-validators.js', ...fs.readdirSync(path.join(IMPORTS, GROUPS_FOLDER)).map((f) => `${GROUPS_FOLDER}/${f}`)];
    expect(shippedFiles.sort()).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(text === fs.readFileSync(path.join(IMPORTS, file), 'utf8')).toBe(true);
  }, 300_000);

  test('serve the kinds the CRD files serve', () => {
    expect(shipped.servedKinds.sort()).toEqual(compiled.servedKinds.sort());
  });

  const cases = [
    ...VIOLATIONS.map((c) => ({ name: `${c.kind} ${c.path} <- ${c.does}`, m: manifest(c.kind, c.spec) })),
    ...Object.entries(COMPLIANT).flatMap(([kind, specs]) => specs.map((spec, i) => ({ name: `${kind} compliant #${i}`, m: manifest(kind, spec) }))),
    ...OTHER_CASES.map((m, i) => ({ name: `${m.kind} other #${i}`, m })),
  ];

  test.each(cases)('give the run-time compiled verdict: $name', ({ m }) => {
    expect(shipped.validate(m)).toEqual(compiled.validate(m));
  });

  test('the hand-made breaks are breaks (the comparison above is not between two empty lists)', () => {
    const accepted = OTHER_CASES.filter((m) => shipped.validate(m).length === 0);
    expect(accepted).toEqual([]);
  });
});
