/**
 * The versions of a MeshService as workloads: the Deployment of a version, and the checks of a
 * version's label, image and options and of an adopted Deployment.
 *
 * @internal
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _versionSuffix } from './_mesh-routing';
import { _ResolvedPort } from './_ports';
import { MeshVersionOptions } from './mesh-version-options';
import { _Problems } from '../core/_errors';
import { _checkDnsSubdomain, _checkLabelValue, _isLabelValue } from '../core/_names';
import { MeshLabels } from '../core/labels';

/** What the Deployment of a version is made from. @internal */
export interface _VersionContext {
  /** The MeshService. */
  readonly scope: Construct;
  readonly name: string;
  readonly namespace: string;
  readonly ports: readonly _ResolvedPort[];
  readonly serviceAccount: kplus.IServiceAccount;
  /** The resources of a version that gives none. */
  readonly resources: kplus.ContainerResources;
  /** The pod labels of a version. */
  podLabels(version: string): { [key: string]: string };
}

/** The Deployment of a version: pods labelled `app` and `version`, selected on both. @internal */
export function _createVersionDeployment(ctx: _VersionContext, id: string, version: string, image: string,
  options: MeshVersionOptions): kplus.Deployment {
  const env = options.env ?? {};
  // The default readiness probe: a TCP connect to the first port a proxy carries over TCP (HTTP
  // paths are the application's to name; a TCP probe holds for every protocol but UDP).
  const probed = ctx.ports.find((p) => !p.udp);
  const readiness = options.readiness
    ?? ((options.defaultReadinessProbe ?? true) && probed ? kplus.Probe.fromTcpSocket({ port: probed.targetPort }) : undefined);
  const deployment = new kplus.Deployment(ctx.scope, id, {
    metadata: {
      name: _deploymentNameOf(ctx.name, version, options),
      namespace: ctx.namespace,
      labels: { [MeshLabels.APP]: ctx.name, [MeshLabels.VERSION]: version },
    },
    replicas: options.replicas,
    serviceAccount: ctx.serviceAccount,
    select: false,
    podMetadata: { labels: ctx.podLabels(version) },
    volumes: options.volumes,
    containers: [{
      name: ctx.name,
      image,
      imagePullPolicy: options.imagePullPolicy,
      command: options.command,
      args: options.args,
      ports: ctx.ports.map((p) => ({ number: p.targetPort, ...(p.udp ? { protocol: kplus.Protocol.UDP } : {}) })),
      envVariables: {
        ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
        ...options.envVariables,
      },
      resources: options.resources ?? ctx.resources,
      securityContext: options.securityContext,
      readiness,
      liveness: options.liveness,
      startup: options.startup,
      volumeMounts: options.volumeMounts,
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: { [MeshLabels.APP]: ctx.name, [MeshLabels.VERSION]: version } }));
  return deployment;
}

/** The Deployment name of a version: `deploymentName`, else `<name>-<version>`. @internal */
export function _deploymentNameOf(name: string, version: string, options: MeshVersionOptions): string {
  return options.deploymentName ?? `${name}-${_versionSuffix(version)}`;
}

/** @internal */
export function _checkImage(problems: _Problems, prop: string, image: string | undefined): void {
  problems.check(typeof image === 'string' && image.trim().length > 0 && !/\s/.test(image), prop,
    'must be a container image reference, not empty and without spaces', image,
    'Give an image such as \'registry.example.com/payments-api:1.4.2\', or adopt an existing Deployment with deployment.');
}

/** @internal */
export function _checkVersion(problems: _Problems, prop: string, version: string): boolean {
  const fix = 'Use a version such as \'v1\' or \'1.4.2\'.';
  // The version is the pods' `version` label: a label value, and not empty (an empty label selects nothing apart).
  if (version === '') problems.add(prop, 'must not be empty: it is the pods\' version label', version, fix);
  else _checkLabelValue(problems, prop, version, fix);
  return version !== '' && _isLabelValue(version);
}

/** @internal */
export function _checkVersionOptions(problems: _Problems, prefix: string, options: MeshVersionOptions): void {
  if (options.deploymentName !== undefined) {
    _checkDnsSubdomain(problems, `${prefix}deploymentName`, options.deploymentName, 'Use a Deployment name such as \'payments-api-v1\'.');
  }
  if (options.replicas !== undefined) {
    problems.check(Number.isInteger(options.replicas) && options.replicas >= 0, `${prefix}replicas`, 'must be a whole number of at least 0',
      options.replicas, 'Use 1 or more for a running service.');
  }
}

/** An adopted Deployment must live in the service's namespace and not select its pods on another `app` or `version`. @internal */
export function _checkAdopted(problems: _Problems, deployment: kplus.Deployment,
  service: { name: string; namespace: string; version: string }): void {
  const ns = deployment.metadata.namespace ?? Chart.of(deployment).namespace;
  problems.check(ns === undefined || ns === service.namespace || service.namespace === '', 'deployment',
    `lives in namespace '${ns}', not the service's '${service.namespace}'`, deployment.name,
    'Adopt a Deployment of the service\'s namespace, or give the MeshService that namespace.');
  const selects = deployment.matchLabels;
  const wanted: { [key: string]: string } = { [MeshLabels.APP]: service.name, [MeshLabels.VERSION]: service.version };
  for (const [key, value] of Object.entries(wanted)) {
    problems.check(selects[key] === undefined || selects[key] === value, 'deployment',
      `selects its pods on ${key}=${selects[key]}, which the service's ${key} label (${value}) would break`, deployment.name,
      key === MeshLabels.APP ? `Name the MeshService '${selects[key]}', or adopt a Deployment that does not select on ${key}.`
        : `Set version: '${selects[key]}', or adopt a Deployment that does not select on ${key}.`);
  }
}
