/**
 * Prints the run's result as one plain line ("jest: 88 passed, 0 failed"), the form CI reads to
 * tell a run that tested something from one that tested nothing.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}

module.exports = SummaryReporter;
