import { AnalysisLevel } from '../../finding';
import { _MeshModel } from '../../model';
import { _Rule } from '../../rule';

/** True when the mesh config makes the DNS proxy allocate addresses to ServiceEntries that have none. */
function addressesAutoAllocated(model: _MeshModel): boolean {
  const meta = model.meshConfig?.defaultConfig?.proxyMetadata ?? {};
  if (meta.ISTIO_META_DNS_CAPTURE !== 'true') return false;
  return meta.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || meta.PILOT_ENABLE_IP_AUTOALLOCATE === 'true';
}

/** IST0134: a ServiceEntry with TCP ports (or ports without a protocol) and no addresses. */
export const SERVICE_ENTRY_ADDRESSES_REQUIRED: _Rule = {
  id: 'IST0134',
  rule: 'serviceentry/addresses-required',
  name: 'ServiceEntryAddressesRequired',
  level: AnalysisLevel.WARNING,
  cause: 'A ServiceEntry has a TCP port (or one without protocol) but no addresses, and no address is allocated to it.',
  why: 'TCP traffic carries no host name: without an address the sidecar cannot tell this service\'s traffic apart, so it is not routed as configured.',
  fix: 'Set spec.addresses, or enable DNS capture with address auto-allocation (proxyMetadata ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE), or use an HTTP/TLS protocol.',
  istioAnalyzer: 'serviceentry.ProtocolAddressesAnalyzer',
  check: (model) => {
    if (addressesAutoAllocated(model)) return [];
    return model.istio('ServiceEntry')
      .filter((se) => !(Array.isArray(se.spec.addresses) && se.spec.addresses.length > 0))
      .filter((se) => !(Array.isArray(se.raw.status?.addresses) && se.raw.status.addresses.length > 0))
      .flatMap((se) => (Array.isArray(se.spec.ports) ? se.spec.ports : [])
        .filter((port: any) => !port?.protocol || String(port.protocol).toUpperCase() === 'TCP')
        .map((port: any) => ({
          obj: se,
          message: `ServiceEntry ${se.name} needs addresses: port ${port?.number ?? ''}${port?.name ? ` (${port.name})` : ''} is TCP and the entry has no address.`,
        })));
  },
};
