import { useState } from 'preact/hooks';
import type { CaseEdit, CaseSummary, UnmatchedCaseDocument } from '../../shared/protocol/messages.ts';
import { russianDate } from './russian-date.ts';

export interface UnmatchedEpicrisisProps {
  document: UnmatchedCaseDocument;
  /** The patient's cases it may be put into. */
  cases: CaseSummary[];
  busy: boolean;
  onEdit(edit: CaseEdit): void;
}

const category = (code: string) => code.slice(0, 3);

/**
 * An epicrisis the agent could put into no case (no case of its МКБ-10
 * category was open on its date): it does not go to the IEMK until the user
 * names its case here.
 */
export function UnmatchedEpicrisis({ document: d, cases, busy, onEdit }: UnmatchedEpicrisisProps) {
  const [target, setTarget] = useState('');
  return (
    <section class="card case" data-egisz-unmatched={d.localUid}>
      <h2>
        {d.title} от {russianDate(d.date)} · {d.mainDiagnosis}
        {d.versionNumber > 1 ? <span class="muted">, версия {d.versionNumber}</span> : null}
      </h2>
      <p class="alert" data-egisz-unmatched-hint>
        Эпикриз не отнесён ни к одному случаю: у пациента нет случая с рубрикой {category(d.mainDiagnosis)}, открытого
        на {russianDate(d.date)}. Выберите случай, который он закрывает, — эпикриз уйдёт в ИЭМК вместе с ним.
      </p>
      {cases.length ? (
        <div class="actions">
          <select data-egisz-input="epicrisis-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)} aria-label="Отнести к случаю">
            <option value="">Отнести к случаю…</option>
            {cases.map((c) => <option key={c.caseId} value={c.caseId}>{c.category}, с {russianDate(c.openDate)}</option>)}
          </select>
          <button type="button" data-egisz-action="attach-epicrisis" disabled={busy || !target}
            onClick={() => onEdit({ action: 'move', localUid: d.localUid, caseId: target })}>Отнести</button>
        </div>
      ) : <p class="muted">Посещений этого пациента в случаях нет: отправьте протоколы посещений, затем отнесите эпикриз к случаю.</p>}
    </section>
  );
}
