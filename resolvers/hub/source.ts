import type { Source } from "../../entities";
import type { RequestContext } from "../../src/context";

/**
 * The provenance of an owner's row. Every owner row references its batch by foreign key, so a
 * missing batch is a bug, not a data gap: it fails loudly (and is masked to the client).
 */
export async function sourceOf(ctx: RequestContext, batchId: string): Promise<Source> {
  const source = await ctx.loaders.hub.sourceByBatchId.load(batchId);
  if (!source) throw new Error(`batch ${batchId} referenced by a row does not exist`);
  return source;
}
