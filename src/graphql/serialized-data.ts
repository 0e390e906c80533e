import type { FormattedExecutionResult } from "graphql";

/**
 * An answer's `data` already serialized as JSON, by the execution worker that ran the operation.
 *
 * A worker's answer crosses to the hub thread by postMessage. As an object tree (the nested page is
 * some 90 kB of JSON in 5,000 objects and strings) it was cloned object by object, rebuilt on the hub
 * thread and then serialized again for the response; as the text it is copied once and written as it
 * is, by `stringifyResult`, byte for byte what JSON.stringify made of the tree before. The hub thread
 * only ever asks whether data is null (the audit row's outcome), which this object answers as the
 * tree did. Anything that serializes it some other way still gets the same JSON through toJSON.
 */
export class SerializedData {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * Apollo Server's stringifyResult: its default (JSON.stringify of errors, data, extensions in that
 * order, then a newline), with data a worker serialized spliced in as its text.
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const data = value.data as unknown;
  if (!(data instanceof SerializedData)) return `${JSON.stringify(value)}\n`;
  // The same members, in the same order, JSON.stringify writes: undefined ones left out. Appended, not
  // joined: a join copies the ~90 kB of data once more before the answer is encoded (~0.3 ms a request).
  let text = value.errors !== undefined ? `{"errors":${JSON.stringify(value.errors)},"data":` : '{"data":';
  text += data.json;
  if (value.extensions !== undefined) text += `,"extensions":${JSON.stringify(value.extensions)}`;
  return `${text}}\n`;
}
