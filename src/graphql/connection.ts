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
