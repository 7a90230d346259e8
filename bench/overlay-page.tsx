/**
 * The in-page half of bench/overlay-scan.ts: bundled and loaded into the
 * 3,000-input page, it runs the overlay's own code — scan, validate, mark;
 * re-read and re-validate one edited field — and reports timings.
 */
import { render } from 'preact';
import { validateRecord } from '../shared/validate/validate-record.ts';
import { FieldMark } from '../extension/overlay/field-mark.tsx';
import { pageIssues } from '../extension/overlay/field-state.ts';
import { formDatePattern } from '../extension/overlay/form-display.ts';
import { createMarkHost } from '../extension/overlay/mark-host.ts';
import { markViews } from '../extension/overlay/overlay-views.ts';
import { builtinProfiles } from '../extension/scrape/builtin-profiles.ts';
import { chooseProfile } from '../extension/scrape/choose-profile.ts';
import { detectFields, mayHoldPatientForm } from '../extension/scrape/detect-fields.ts';
import { applyRule, scrapeRecord, type BoundField } from '../extension/scrape/scrape-record.ts';

const profile = builtinProfiles.find((p) => p.id === 'large-ward-sheet')!;
const pattern = formDatePattern(profile);

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** Scan + validate + mark from nothing, the way the overlay's first bind does; layout included. */
function scanValidateMark(css: string): { fields: BoundField[]; record: ReturnType<typeof scrapeRecord>['record']; containers: HTMLElement[] } {
  const { record, fields } = scrapeRecord([document], profile);
  const issues = pageIssues(validateRecord(record), profile);
  const containers: HTMLElement[] = [];
  markViews(fields, issues, record, pattern).forEach(({ state, view }, i) => {
    const { host, container } = createMarkHost(fields[i]!, css);
    host.dataset.egiszState = state;
    render(<FieldMark {...view} />, container);
    containers.push(container);
  });
  void document.body.offsetHeight;
  return { fields, record, containers };
}

export function run(css: string, runs: number): Record<string, number[]> {
  validateRecord({}); // the dictionaries are parsed once per content script, not per scan
  const full: number[] = [];
  const edit: number[] = [];
  const detect: number[] = [];
  const snils = document.querySelector<HTMLInputElement>('#p_snils')!;
  for (let i = 0; i < runs; i++) {
    document.querySelectorAll('egisz-mark').forEach((mark) => mark.remove());
    let state!: ReturnType<typeof scanValidateMark>;
    full.push(timed(() => (state = scanValidateMark(css))));
    snils.value = i % 2 ? '156-427-818 86' : '156-427-818 87';
    const field = state.fields.find((f) => f.path === 'patient.snils')!;
    edit.push(timed(() => {
      applyRule(state.record, field);
      const issues = pageIssues(validateRecord(state.record), profile);
      markViews(state.fields, issues, state.record, pattern).forEach(({ view }, j) => render(<FieldMark {...view} />, state.containers[j]!));
    }));
    detect.push(timed(() => mayHoldPatientForm(document) && detectFields([document], new URL(location.href))));
  }
  return { full, edit, detect };
}

/** What the form detector costs on an ordinary page where it stays silent: profiles by address, the text pre-check. */
export function silent(runs: number): Record<string, number[]> {
  const look: number[] = [];
  for (let i = 0; i < runs; i++) look.push(timed(() => chooseProfile([document], [], builtinProfiles)));
  return { silent: look };
}
