/** EgressLockdown reproduces the ServiceEntries of Istio's samples/external. */
import { Chart, Testing } from 'cdk8s';
import { EgressLockdown, Protocol, ServiceEntryLocation, ServiceEntryResolution } from '../../lib';
import { findObject, sampleObjects } from '../support/seed';

/** Kind, apiVersion, name and spec; port protocols upper-cased (Istio reads them case-insensitively; github.yaml writes `tcp`). */
function comparable(o: any): any {
  const spec = { ...o.spec, ...(o.spec.ports ? { ports: o.spec.ports.map((p: any) => ({ ...p, protocol: p.protocol?.toUpperCase() })) } : {}) };
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, spec };
}

const chart = (namespace: string | null = 'payments') => new Chart(Testing.app(), 'test', { namespace: namespace ?? undefined });
const https = (name: string, host: string) => ({ name, hosts: [host], ports: [{ number: 443, protocol: Protocol.HTTPS }] });

describe('EgressLockdown', () => {
  describe('Istio samples (samples/external)', () => {
    const reproduce = (file: string, services: any[]) => {
      const c = chart(null);
      new EgressLockdown(c, 'egress', { namespace: 'default', externalServices: services, exportToMesh: true });
      const out = Testing.synth(c).filter((o) => o.kind === 'ServiceEntry');
      const expected = sampleObjects(file);
      expect(out.map((o) => o.metadata.name)).toEqual(expected.map((o) => o.metadata.name));
      for (const e of expected) expect(comparable(findObject(out, 'ServiceEntry', e.metadata.name))).toEqual(comparable(e));
    };

    test('reproduces aptget.yaml', () => reproduce('external/aptget.yaml', [{
      name: 'make-aptget-work',
      hosts: ['deb.debian.org', 'cdn-fastly.deb.debian.org', 'security.debian.org', 'archive.ubuntu.com', 'security.ubuntu.com'],
      ports: [{ number: 80, protocol: Protocol.HTTP }],
      resolution: ServiceEntryResolution.NONE,
    }]));

    test('reproduces github.yaml', () => reproduce('external/github.yaml', [
      https('github-https', 'github.com'),
      {
        name: 'github-tcp',
        hosts: ['dummy.github.com'],
        addresses: ['13.229.188.59/32', '13.250.177.223/32', '140.82.112.0/20', '18.194.104.89/32', '18.195.85.27/32', '185.199.108.0/22',
          '185.199.108.153/32', '185.199.109.153/32', '185.199.110.153/32', '185.199.111.153/32', '192.30.252.0/22', '192.30.252.153/32',
          '192.30.252.154/32', '23.20.92.3/32', '35.159.8.160/32', '52.74.223.119/32', '54.166.52.62/32', '54.87.5.173/32'],
        ports: [{ number: 22, protocol: Protocol.TCP }],
        location: ServiceEntryLocation.MESH_EXTERNAL,
        resolution: ServiceEntryResolution.NONE,
      },
    ].map((s: any) => ({ resolution: ServiceEntryResolution.NONE, ...s }))));

    test('reproduces pypi.yaml', () => reproduce('external/pypi.yaml', [
      https('python-https', 'pypi.python.org'), https('pypi-https', 'pypi.org'), https('pythonhosted-https', 'files.pythonhosted.org'),
    ].map((s) => ({ ...s, resolution: ServiceEntryResolution.NONE }))));
  });
});
