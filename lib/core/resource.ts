import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition } from 'cdk8s';
import { Construct } from 'constructs';
import { _libraryUsed } from './_library-use';
import { _droppedPatchFields } from './_patches';
import { _watchSynth } from './_synth';

/** Props every construct of an Istio kind takes. */
export interface MeshResourceProps {
  /**
   * Metadata of the object: name, namespace, labels, annotations.
   *
   * @default - a name generated from the construct path, and the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Base of the L2 constructs: one Istio object, created as an L1 child with the id `Resource`.
 *
 * The escape hatch stays open: `apiObject` (or `ApiObject.of(construct)`) takes JSON patches for
 * fields the construct does not model. The generated L1 classes render only the fields their types
 * declare, so a patch can change or remove a known field, or add one the schema has; a patch that sets
 * a field the schema lacks fails the synth rather than vanish from the manifest.
 */
export abstract class MeshResource extends Construct {
  /** The L1 object this construct renders into. */
  public abstract readonly apiObject: ApiObject;

  /**
   * Creates the construct; the subclass creates the L1 object.
   *
   * @param scope the parent construct
   * @param id the construct's id, unique among its siblings
   */
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    _watchSynth(this);
    // Using a construct of the library turns the mesh analysis on for its app (SynthAnalysis.disable() opts out).
    _libraryUsed(this);
    this.node.addValidation({
      validate: () => this.apiObject ? _droppedPatchFields(`${this.constructor.name} '${this.node.path}'`, this.apiObject) : [],
    });
  }

  /** The object's metadata, to add labels and annotations after construction. */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /** The object's name (`metadata.name`). */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The object's namespace, when it has one (`metadata.namespace`, else the chart's). */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }
}
