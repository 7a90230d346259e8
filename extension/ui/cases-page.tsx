import { useEffect, useState } from 'preact/hooks';
import type { CaseEdit, CaseSummary, UnmatchedCaseDocument } from '../../shared/protocol/messages.ts';
import { formatSnils } from '../../shared/validate/snils.ts';
import type { CasesReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { CaseCard } from './case-card.tsx';
import { UnmatchedEpicrisis } from './unmatched-epicrisis.tsx';

/** The local day as YYYY-MM-DD (a close date is the doctor's day, not UTC's). */
const localDay = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Treatment cases (случаи): the visits the agent grouped, by patient — found
 * by SNILS, or the patients seen in the last 30 days. The user moves a visit
 * to another case, splits it off, merges two cases or closes one; each edit
 * goes to the agent, which answers with the patient's cases as they are now.
 * An epicrisis that fits no case is listed with a hint, to be put into one.
 */
export function CasesPage({ initialSnils = '' }: { initialSnils?: string }) {
  const [query, setQuery] = useState(initialSnils);
  const [cases, setCases] = useState<CaseSummary[]>();
  const [unmatched, setUnmatched] = useState<UnmatchedCaseDocument[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const today = localDay();

  const load = async (snils: string) => {
    setBusy(true);
    const reply = await askBackground<CasesReply>({ type: 'cases', ...(snils ? { snils } : {}) });
    setBusy(false);
    if (!reply.ok) return setError(reply.message);
    setError(undefined);
    setCases(reply.cases);
    setUnmatched(reply.unmatched ?? []);
  };
  useEffect(() => void load(initialSnils.replace(/\D/g, '')), []);

  const edit = async (snils: string, change: CaseEdit) => {
    setBusy(true);
    const reply = await askBackground<CasesReply>({ type: 'case-edit', snils, edit: change });
    setBusy(false);
    if (!reply.ok) return setError(reply.message);
    setError(undefined);
    // The answer is this patient's cases; the other patients' stay as listed.
    setCases((listed) => [...(listed ?? []).filter((c) => c.patient.snils !== snils), ...reply.cases]);
    setUnmatched((listed) => [...listed.filter((d) => d.patient.snils !== snils), ...(reply.unmatched ?? [])]);
  };

  const find = (event: Event) => {
    event.preventDefault();
    const digits = query.replace(/\D/g, '');
    if (digits && digits.length !== 11) return setError('СНИЛС пациента — 11 цифр, например 156-427-818 86.');
    void load(digits);
  };

  return (
    <main class="page" data-egisz-cases={cases ? 'loaded' : 'loading'}>
      <h1>Случаи лечения</h1>
      <form class="card cases-search" onSubmit={find}>
        <label for="case-snils">СНИЛС пациента</label>
        <input id="case-snils" data-egisz-input="case-snils" value={query} placeholder="пусто — пациенты за последние 30 дней"
          onInput={(e) => setQuery(e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" class="primary" data-egisz-action="find-cases" disabled={busy}>Показать случаи</button>
        </div>
      </form>
      {error ? <p class="alert" data-egisz-cases-error>{error}</p> : null}
      {cases?.length === 0 && !unmatched.length ? <p class="muted">Отправленных посещений не найдено</p> : null}
      {byPatient(cases ?? [], unmatched).map(([patient, own, epicrises]) => (
        <section key={patient.snils} class="cases-patient" data-egisz-patient={patient.snils}>
          <h2>{patient.name} <span class="muted mono">· СНИЛС {formatSnils(patient.snils)}</span></h2>
          {epicrises.map((d) => (
            <UnmatchedEpicrisis key={d.localUid} document={d} cases={own} busy={busy} onEdit={(change) => void edit(patient.snils, change)} />
          ))}
          {own.map((c) => (
            <CaseCard key={c.caseId} summary={c} others={own.filter((o) => o.caseId !== c.caseId)} today={today} busy={busy}
              onEdit={(change) => void edit(patient.snils, change)} />
          ))}
        </section>
      ))}
    </main>
  );
}

type PatientGroup = [CaseSummary['patient'], CaseSummary[], UnmatchedCaseDocument[]];

function byPatient(cases: CaseSummary[], unmatched: UnmatchedCaseDocument[]): PatientGroup[] {
  const groups = new Map<string, PatientGroup>();
  const groupOf = (patient: CaseSummary['patient']) => {
    const group = groups.get(patient.snils) ?? [patient, [], []];
    groups.set(patient.snils, group);
    return group;
  };
  for (const c of cases) groupOf(c.patient)[1].push(c);
  for (const d of unmatched) groupOf(d.patient)[2].push(d);
  return [...groups.values()];
}
