import { MeshPort } from './mesh-port';
import { _Problems } from '../core/_errors';
import { _isDnsLabel } from '../core/_names';
import { _checkOptionalPort, _isPort } from '../core/_port';
import { _isHttpProtocol, _portNamePrefix, _portNameProtocol } from '../core/_protocol';

/**
 * True when `prefix` is a whole port-name prefix Istio reads as a protocol (`http`, `grpc-web`,
 * `redis` ...): core's table of Istio's protocol names, as far as a port name (a DNS label) can spell them.
 */
function isPrefix(prefix: string): boolean {
  return _isDnsLabel(prefix) && _portNameProtocol(prefix)?.toLowerCase() === prefix;
}


/** A port with its name, target port and protocol decided. @internal */
export interface _ResolvedPort {
  readonly name: string;
  readonly number: number;
  readonly targetPort: number;
  /** The lower-case protocol prefix, which is also the `appProtocol`. */
  readonly appProtocol: string;
  /** HTTP routing (retries, timeouts, faults) applies. */
  readonly http: boolean;
  /** The Kubernetes protocol is UDP. */
  readonly udp: boolean;
}

function checkNumber(problems: _Problems, prop: string, value: number | undefined): void {
  _checkOptionalPort(problems, prop, value, 'Use a port such as 8080.');
}

/**
 * Decides each port's Istio name and appProtocol, recording every problem: no protocol where Istio
 * could not infer one, a name that says another protocol, malformed names, duplicate names or numbers.
 *
 * @internal
 */
export function _resolvePorts(problems: _Problems, ports: readonly MeshPort[]): _ResolvedPort[] {
  problems.check(ports.length > 0, 'ports', 'must hold at least one port', ports,
    'Give the ports the service listens on, such as ports: [{ number: 8080, protocol: Protocol.HTTP }].');
  const resolved: _ResolvedPort[] = [];
  ports.forEach((port, i) => {
    const prop = `ports[${i}]`;
    if (port === null || typeof port !== 'object') {
      problems.add(prop, 'must be a port', port, 'Give the port as { number: 8080, protocol: Protocol.HTTP }.');
      return;
    }
    checkNumber(problems, `${prop}.number`, port.number);
    checkNumber(problems, `${prop}.targetPort`, port.targetPort);
    let prefix: string | undefined;
    let name = port.name;
    const given = port.name !== undefined ? _portNamePrefix(port.name) : undefined;
    if (port.protocol !== undefined) {
      prefix = String(port.protocol).toLowerCase();
      if (!isPrefix(prefix)) {
        problems.add(`${prop}.protocol`, 'must be a member of Protocol', port.protocol, 'Use Protocol.HTTP, Protocol.GRPC, Protocol.TCP ...');
        return;
      }
      if (name === undefined) {
        name = prefix;
      } else if (given !== prefix) {
        if (given !== undefined && isPrefix(given)) {
          problems.add(`${prop}.name`, `starts with '${given}', which tells Istio another protocol than ${port.protocol}`, port.name,
            `Name it '${prefix}-${name.slice(given.length + 1) || 'port'}', or set protocol to the one the name says.`);
          return;
        }
        name = `${prefix}-${name}`;
      }
    } else if (given !== undefined && isPrefix(given)) {
      prefix = given;
      name = port.name as string;
    } else {
      problems.add(`${prop}.protocol`, `must be given: Istio cannot tell the protocol of port ${port.number} from ${port.name === undefined ? 'an unnamed port' : `the name '${port.name}'`}`,
        port.protocol, 'Set protocol: Protocol.HTTP, Protocol.GRPC, Protocol.TCP ..., or name the port \'<protocol>[-<suffix>]\' such as \'http-web\'; '
        + 'otherwise Istio sniffs the traffic, which breaks server-first protocols and loses HTTP routing when it fails.');
      return;
    }
    if (!_isDnsLabel(name)) {
      problems.add(`${prop}.name`, 'must be a DNS label of at most 63 characters: lower-case letters, digits and \'-\'', name,
        `Use a name such as '${prefix}-${String(port.number)}'.`);
      return;
    }
    resolved.push({
      name,
      number: port.number,
      targetPort: port.targetPort ?? port.number,
      appProtocol: prefix,
      http: _isHttpProtocol(prefix),
      udp: prefix === 'udp',
    });
  });
  const names = resolved.map((p) => p.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) {
      problems.add('ports', `must not name two ports '${n}'`, names,
        `Give each port its own name, such as name: '${n}-admin' on the second one.`);
    }
  });
  // Only real port numbers: NaN (never equal to itself) and other bad numbers are reported above, once.
  const numbers = ports.map((p) => p?.number);
  numbers.forEach((n, i) => {
    if (_isPort(n) && numbers.indexOf(n) !== i) {
      problems.add('ports', `must not hold port number ${n} twice`, numbers, 'Give each port its own number; one port carries one protocol.');
    }
  });
  return resolved;
}
