/**
 * A request being traced, how a trace ends, and what the entry stages (an ingress gateway, ztunnel) hand
 * the request on to: the contract between the request-level model (`_trace-model.ts`) and its stages, in a
 * file of its own so that the stages do not import the model that calls them.
 */
import { _Client } from './_destination';
import { _Registry } from './_registry';
import { _Caller, _Url } from './_request';
import { _RouteAction, _RouteDestination } from './_routing';
import { TraceBackend, TraceOutcome, TraceStep } from './request';
import { _Obj, _Workload } from '../model';

/** A request being traced: what every stage reads. @internal */
export interface _Trace {
  readonly caller: _Caller;
  readonly url: _Url;
  readonly method: string;
  readonly headers: Record<string, string>;
  /** The :authority the client sends: host, and `:port` unless the scheme's default. */
  readonly authority: string;
  readonly steps: TraceStep[];
  /** True while the proxies see HTTP: an http URL, or https a gateway terminates. */
  l7: boolean;
}

/** A finished trace, before it becomes a TraceResult. @internal */
export interface _Ending {
  readonly outcome: TraceOutcome;
  readonly status?: number;
  readonly backends: TraceBackend[];
}

/** What an entry stage hands the request on to: the model's registry, source lookup, routing and delivery. @internal */
export interface _Onward {
  readonly registry: _Registry;
  /** The workload a `pod:` or `gateway:` source names; undefined when the manifests hold none. */
  sourceWorkload(caller: _Caller): _Workload | undefined;
  /** The routing of a proxy (sidecar, gateway or waypoint) for a host, with the VirtualService that routes it, if any. */
  route(t: _Trace, client: _Client, host: string, vs: _Obj | undefined, gateway: string, sentBy?: string): _Ending;
  /** What a route decided, as an ending: an answer of the proxy, or the weighted backends. */
  apply(t: _Trace, client: _Client, action: _RouteAction, by: string, sentBy?: string): _Ending;
  /** Sends the request to each weighted destination. */
  deliver(t: _Trace, client: _Client, destinations: _RouteDestination[], sentBy?: string): _Ending;
}
