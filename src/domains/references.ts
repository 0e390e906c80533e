import type { Domain } from "./domain";
import { DOMAINS, type Loaders } from "./index";

/** An entity another domain owns, as a resolver hands it back: loaded here, or just its key. */
export type Resolved<Entity> = Promise<Entity | null> | Entity | null;

interface EntityOwner {
  domain: string;
  key: string;
  loader(loaders: Loaders): { load(key: string): unknown };
}

/** Which domain owns each entity type, and how it loads one by key. */
const ENTITY_OWNERS: ReadonlyMap<string, EntityOwner> = new Map(
  (DOMAINS as readonly Domain[]).flatMap((domain) =>
    Object.entries(domain.entities).map(([type, reference]) => [
      type,
      { domain: domain.name, key: reference.key, loader: (loaders: Loaders) => reference.loader((loaders as Record<string, unknown>)[domain.name]) },
    ]),
  ),
);

/** The entity types some domain owns, with their key fields. */
export function entityKeys(): ReadonlyMap<string, string> {
  return new Map([...ENTITY_OWNERS].map(([type, owner]) => [type, owner.key]));
}

/** The domain that owns entity type `type`, if any. */
export function entityOwner(type: string): string | undefined {
  return ENTITY_OWNERS.get(type)?.domain;
}

/**
 * How a domain's resolver hands back another domain's entity (an enterprise's province, a row's
 * source batch). Domains meet only here, through entity keys: where the owner is hosted in the same
 * process the entity is loaded through the owner's loader (batched, like `__resolveReference`);
 * where it is not (a subgraph served alone), the resolver returns the key and the gateway asks the
 * owner for the rest.
 */
export class EntityReferences {
  constructor(private readonly hosted: ReadonlySet<string>) {}

  /** Every domain in this process: the in-process graph. */
  static all(): EntityReferences {
    return new EntityReferences(new Set(DOMAINS.map((domain) => domain.name)));
  }

  load<Entity>(loaders: Loaders, type: string, key: string | null | undefined): Resolved<Entity> {
    if (key === null || key === undefined) return null;
    const owner = ENTITY_OWNERS.get(type);
    if (!owner) throw new Error(`${type} is not an entity any domain owns`);
    if (this.hosted.has(owner.domain)) return owner.loader(loaders).load(key) as Resolved<Entity>;
    return { [owner.key]: key } as Entity;
  }
}
