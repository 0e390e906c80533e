import { Field, ObjectType } from "type-graphql";

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

/**
 * A Relay page from `rows`, which were read with one row more than `first` so that the extra row
 * tells whether another page follows. `cursorOf` gives a row's cursor (see CursorCodec.encode).
 */
export function pageOf<Row>(rows: readonly Row[], first: number, after: string | undefined, cursorOf: (row: Row) => string) {
  const shown = rows.slice(0, first);
  // Sealing a cursor costs an HMAC and a cipher: only the ones a query selects are made.
  const edges = shown.map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  const pageInfo: PageInfo = {
    hasNextPage: rows.length > first,
    hasPreviousPage: after !== undefined,
    startCursor: shown.length > 0 ? cursorOf(shown[0]) : null,
    endCursor: shown.length > 0 ? cursorOf(shown[shown.length - 1]) : null,
  };
  return { edges, pageInfo };
}
