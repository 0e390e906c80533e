import { Transform, type TransformCallback } from "node:stream";

/** What the decoder found wrong with the bytes, if anything. */
export interface DecodingReport {
  /** Why the content is refused: not UTF-8, or over the size limit; undefined when it is fine. */
  problem?: string;
  tooLarge?: boolean;
  bytes: number;
}

/**
 * Passes bytes through as UTF-8 text: a byte order mark is dropped, invalid UTF-8 stops the text
 * (with a reason naming the legacy Vietnamese encodings that cause it) while the bytes are still
 * counted and fed to `observe` (the checksum) to the end. More than `maxBytes` ends the stream
 * with an error, so an endless body cannot hold the hub.
 */
export function utf8Decoder(maxBytes: number, report: DecodingReport, observe: (chunk: Buffer) => void): Transform {
  // fatal: the first invalid sequence throws instead of becoming U+FFFD in the owner's data.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      report.bytes += chunk.length;
      if (report.bytes > maxBytes) {
        report.tooLarge = true;
        report.problem = `the content is larger than the ${maxBytes.toLocaleString("en-US")} bytes one batch may hold; split it by province or send it with npm run import`;
        done(new Error(report.problem));
        return;
      }
      observe(chunk);
      if (report.problem) return done();
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        report.problem = notUtf8(report.bytes - chunk.length);
        done();
      }
    },
    flush(done: TransformCallback) {
      if (report.problem) return done();
      try {
        done(null, decoder.decode());
      } catch {
        report.problem = notUtf8(report.bytes);
        done();
      }
    },
  });
}

function notUtf8(offset: number): string {
  return (
    `the file is not valid UTF-8 (after byte ${offset.toLocaleString("en-US")}): it looks like a legacy Vietnamese encoding such as Windows-1258 or TCVN3 (ABC). ` +
    "Save it as UTF-8 (with or without BOM) and send it again"
  );
}
