import { Field, ObjectType } from "type-graphql";
import { badUserInput } from "../errors";

@ObjectType({ description: "Relay page information: whether more items follow, and the cursors at each end of this page." })
export class PageInfo {
  @Field({ description: "True when items follow this page; pass `endCursor` as `after` to read them." })
  hasNextPage: boolean;

  @Field({ description: "True when this page was read with `after`, so items precede it." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item on this page." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item on this page." })
  endCursor: string | null;
}

/** Opaque cursor for keyset pagination: the kind of list and the key of the last item seen. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

/** Reads a cursor made by encodeCursor for the same kind of list; a foreign or garbled cursor is BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string, argument = "after"): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const prefix = `${kind}:`;
  if (!text.startsWith(prefix) || text.length === prefix.length) {
    throw badUserInput(argument, "not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` value this list returned", cursor);
  }
  return text.slice(prefix.length);
}

/** Checks `first` against the page-size limit, defaulting when absent. */
export function pageSize(first: number | null | undefined, max: number, fallback = 20): number {
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput("first", `a page holds from 1 to ${max} items`, first);
  }
  return first;
}
