/**
 * Prints the one closing line CI reads, "N passed, N failed", from vitest's
 * JSON report. A missing or broken report counts as a failure.
 */
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
let passed = 0;
let failed = 1;
if (existsSync(file)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
    passed = report.numPassedTests;
    // A suite that failed to load has no failed tests but is a failure all the same.
    failed = report.numFailedTests + (report.success || report.numFailedTests > 0 ? 0 : 1);
  } catch {
    // keep the failure
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
