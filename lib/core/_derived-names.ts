import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _Problems } from './_errors';
import { _isLabelValue, _MAX_LABEL_LENGTH, _nameRule } from './_names';

/** Patterns whose objects are checked by their own validation, not by an enclosing pattern's. */
const checked = new WeakSet<IConstruct>();

/**
 * Checks, when the app synthesizes, every name a pattern derived for the objects it created
 * (`<service>-<version>` Services and Deployments, `<name>-policy`, `<gateway>-routes` ...) and
 * every label value on them, against Kubernetes' limits (`_names.ts`): a name the API server would
 * refuse fails the synth, naming the pattern, the object and the limit, instead of failing
 * `kubectl apply` later. Objects of a nested pattern (a CanaryRelease's MeshService) are reported
 * once, by the innermost pattern.
 *
 * @param pattern the L3 construct
 * @param typeName its class, as the user knows it (`MeshService`)
 * @internal
 */
export function _validateDerivedNames(pattern: IConstruct, typeName: string): void {
  checked.add(pattern);
  pattern.node.addValidation({ validate: () => _derivedNameProblems(pattern, typeName) });
}

function _derivedNameProblems(pattern: IConstruct, typeName: string): string[] {
  const problems = new _Problems(`${typeName} '${pattern.node.path}'`);
  const visit = (c: IConstruct) => {
    if (c !== pattern && checked.has(c)) return;
    if (ApiObject.isApiObject(c)) check(problems, c);
    c.node.children.forEach(visit);
  };
  visit(pattern);
  return problems.messages();
}

function check(problems: _Problems, obj: ApiObject): void {
  const name = obj.name;
  if (typeof name === 'string' && !name.includes('${Token[')) {
    const rule = _nameRule(obj.kind);
    if (name.length > rule.max) {
      problems.add(`${obj.kind} name`, `is ${name.length} characters long, over Kubernetes' limit of ${rule.max} for a ${obj.kind} name, so the API server would refuse it`,
        name, 'The pattern derives it from its name and version labels: shorten them, or set the object\'s name where the pattern takes one.');
    } else if (!rule.pattern.test(name)) {
      problems.add(`${obj.kind} name`, `must be ${rule.what}`, name, 'Change the name or version label it is made from.');
    }
  }
  for (const [key, value] of Object.entries(labelsOf(obj))) {
    if (typeof value !== 'string' || value.includes('${Token[')) continue;
    problems.check(_isLabelValue(value), `${obj.kind} '${name}' label ${key}`,
      `must be a label value: at most ${_MAX_LABEL_LENGTH} characters, letters and digits first and last, '-', '_' and '.' inside`, value,
      'Shorten the name or version it is made from.');
  }
}

/**
 * The object's labels as they were added (`addLabel`, the metadata given). cdk8s has no public list of them, and
 * `metadata.toJson()` resolves and sanitizes the whole metadata (annotations included) for the label values alone:
 * ~0.1 s for 6,000 objects, re-done when the object renders. Its own `labels` record is read when it is there (the
 * values are the strings given, tokens unresolved: those are skipped above as before); otherwise the rendering.
 */
function labelsOf(obj: ApiObject): Record<string, unknown> {
  const own = (obj.metadata as unknown as { labels?: unknown }).labels;
  if (own !== null && typeof own === 'object' && !Array.isArray(own)) return own as Record<string, unknown>;
  return obj.metadata.toJson().labels ?? {};
}
