import { App, Chart, ChartProps, Testing } from 'cdk8s';

/** A chart in a fresh app, namespace `test` unless given. */
export function chart(props: ChartProps = { namespace: 'test' }): Chart {
  return new Chart(Testing.app(), 'test', props);
}

/** Synthesizes the chart (validated against the CRD schemas) and returns the object of that kind and name. */
export function synthOne(c: Chart, kind: string, name?: string): any {
  const objects = Testing.synth(c);
  const found = objects.filter((o: any) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length} among ${objects.map((o: any) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found[0];
}

/** The spec of the one object of that kind. */
export function spec(c: Chart, kind: string, name?: string): any {
  return synthOne(c, kind, name).spec;
}

/** The synth-time validation messages of the app. */
export function validationErrors(c: Chart): string {
  try {
    (App.of(c) as App).synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
