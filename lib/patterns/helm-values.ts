import { Yaml } from 'cdk8s';

/**
 * The Istio Helm charts (repository `https://istio-release.storage.googleapis.com/charts`, added as `istio`).
 *
 * @see https://istio.io/latest/docs/setup/install/helm/
 */
export enum IstioHelmChart {
  /**
   * `istio/base`: the CRDs and cluster-wide resources, installed first.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  BASE = 'base',
  /**
   * `istio/istiod`: the control plane.
   *
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  ISTIOD = 'istiod',
  /**
   * `istio/gateway`: one ingress or egress gateway per release.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
   */
  GATEWAY = 'gateway',
  /**
   * `istio/cni`: the CNI node agent (ambient installs).
   *
   * @see https://istio.io/latest/docs/ambient/install/helm/
   */
  CNI = 'cni',
  /**
   * `istio/ztunnel`: the ambient node proxy.
   *
   * @see https://istio.io/latest/docs/ambient/install/helm/
   */
  ZTUNNEL = 'ztunnel',
}

/**
 * The values file of one Helm release of an Istio chart, with the command that installs it.
 *
 * @see https://istio.io/latest/docs/setup/install/helm/
 */
export class HelmValuesFile {
  /** @internal */
  public static _of(chart: IstioHelmChart, releaseName: string, namespace: string, values: { [key: string]: unknown },
    createNamespace: boolean, wait: boolean): HelmValuesFile {
    return new HelmValuesFile(chart, releaseName, namespace, values, createNamespace, wait);
  }

  /**
   * The name of the file `writeHelmValues()` writes: `<release>-values.yaml`.
   *
   * @see https://helm.sh/docs/helm/helm_upgrade/
   */
  public readonly fileName: string;

  private constructor(
    /**
     * The chart the values are for.
     *
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    public readonly chart: IstioHelmChart,
    /**
     * The Helm release name, such as `istiod` or the gateway's name.
     *
     * @see https://helm.sh/docs/helm/helm_upgrade/
     */
    public readonly releaseName: string,
    /**
     * The namespace the release installs into (`-n`).
     *
     * @see https://helm.sh/docs/helm/helm_upgrade/
     */
    public readonly namespace: string,
    private readonly values: { [key: string]: unknown },
    private readonly createNamespace: boolean,
    private readonly wait: boolean,
  ) {
    this.fileName = `${releaseName}-values.yaml`;
  }

  /**
   * The values as YAML, for `helm ... -f <file>`. An empty file (`{}`) keeps the chart's defaults.
   *
   * @see https://helm.sh/docs/chart_template_guide/values_files/
   */
  public toYaml(): string {
    return Yaml.stringify(this.values);
  }

  /**
   * The values as JSON text.
   *
   * @see https://helm.sh/docs/chart_template_guide/values_files/
   */
  public toJsonString(): string {
    return JSON.stringify(this.values, undefined, 2);
  }

  /**
   * The command that installs or upgrades this release with the file in `directory`:
   * `helm upgrade --install <release> istio/<chart> -n <namespace> [--create-namespace] -f <directory>/<file> [--wait]`.
   *
   * @param directory where the values file is
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  public installCommand(directory: string = '.'): string {
    return [
      'helm upgrade --install', this.releaseName, `istio/${this.chart}`, '-n', this.namespace,
      ...(this.createNamespace ? ['--create-namespace'] : []),
      '-f', `${directory.replace(/\/+$/, '')}/${this.fileName}`,
      ...(this.wait ? ['--wait'] : []),
    ].join(' ');
  }

  /** @internal */
  public _values(): { [key: string]: unknown } {
    return JSON.parse(JSON.stringify(this.values));
  }
}
