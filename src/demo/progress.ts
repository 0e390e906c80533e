/** Progress of a long job, drawn as a bar on a terminal and as occasional lines in logs and CI. */
export interface Progress {
  /** Starts a phase of `total` units (rows, enterprises). */
  phase(label: string, total: number): void;
  /** Records that `done` of the current phase's units are finished. */
  update(done: number): void;
  /** Ends the current phase. */
  finish(): void;
}

/** A progress bar on `stream` (stderr by default): redrawn in place on a TTY, every 25% otherwise. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let label = "";
  let total = 1;
  let started = 0;
  let lastDrawn = 0;
  let lastQuarter = -1;

  const line = (done: number) => {
    const share = Math.min(1, done / total);
    const width = 28;
    const filled = Math.round(share * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label.padEnd(22)} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${seconds.toFixed(1)}s ${rate.toLocaleString("en-US")}/s`;
  };

  return {
    phase(newLabel, newTotal) {
      label = newLabel;
      total = Math.max(1, newTotal);
      started = Date.now();
      lastDrawn = 0;
      lastQuarter = -1;
    },
    update(done) {
      if (tty) {
        const now = Date.now();
        if (now - lastDrawn < 100) return;
        lastDrawn = now;
        stream.write(`\r${line(done)}`);
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        stream.write(`${line(done)}\n`);
      }
    },
    finish() {
      stream.write(tty ? `\r${line(total)}\n` : `${line(total)}\n`);
    },
  };
}

/** A Progress that shows nothing, for callers that report elsewhere. */
export const silentProgress: Progress = { phase() {}, update() {}, finish() {} };
