import { useState } from 'preact/hooks';
import type { CaseEdit, CaseSummary } from '../../shared/protocol/messages.ts';
import { russianDate } from './russian-date.ts';

export interface CaseCardProps {
  summary: CaseSummary;
  /** The patient's other cases: where a visit may move, what this case may merge into. */
  others: CaseSummary[];
  /** YYYY-MM-DD, the default close date. */
  today: string;
  busy: boolean;
  onEdit(edit: CaseEdit): void;
}

const caseTitle = (c: CaseSummary) => `${c.category}, с ${russianDate(c.openDate)}`;

/** One treatment case: its visits (each with its documents) with «move» and «split», and «merge» and «close» for the whole case. */
export function CaseCard({ summary: c, others, today, busy, onEdit }: CaseCardProps) {
  const [closeDate, setCloseDate] = useState(today);
  const [mergeInto, setMergeInto] = useState('');
  return (
    <section class="card case" data-egisz-case={c.caseId} data-egisz-case-state={c.closeDate ? 'closed' : 'open'}>
      <h2>
        Случай {caseTitle(c)}
        <span class="muted"> · {c.closeDate ? `закрыт ${russianDate(c.closeDate)}${c.closedBy === 'gap' ? ' (30 дней без посещений)' : ''}` : 'открыт'}</span>
      </h2>
      <p class="muted" data-egisz-case-iemk>{iemkText(c)}</p>
      <ul class="jobs">
        {c.visits.map((v) => (
          <VisitRow key={v.localUid} visit={v} alone={c.visits.length === 1} others={others} busy={busy} onEdit={onEdit} />
        ))}
      </ul>
      {c.documents.length ? (
        <div class="case-documents" data-egisz-case-documents>
          <span class="muted">Документы случая:</span> <DocumentList documents={c.documents} />
        </div>
      ) : null}
      <div class="actions">
        {others.length ? (
          <>
            <select data-egisz-input="merge-target" value={mergeInto} onChange={(e) => setMergeInto(e.currentTarget.value)} aria-label="Объединить со случаем">
              <option value="">Объединить со случаем…</option>
              {others.map((o) => <option key={o.caseId} value={o.caseId}>{caseTitle(o)}</option>)}
            </select>
            <button type="button" data-egisz-action="merge-case" disabled={busy || !mergeInto}
              onClick={() => onEdit({ action: 'merge', caseId: c.caseId, intoCaseId: mergeInto })}>Объединить</button>
          </>
        ) : null}
        {c.closeDate ? null : (
          <>
            <input type="date" data-egisz-input="close-date" value={closeDate} max={today} aria-label="Дата закрытия случая"
              onInput={(e) => setCloseDate(e.currentTarget.value)} />
            <button type="button" data-egisz-action="close-case" disabled={busy || !closeDate}
              onClick={() => onEdit({ action: 'close', caseId: c.caseId, closeDate })}>Закрыть случай</button>
          </>
        )}
      </div>
    </section>
  );
}

interface VisitRowProps {
  visit: CaseSummary['visits'][number];
  alone: boolean;
  others: CaseSummary[];
  busy: boolean;
  onEdit(edit: CaseEdit): void;
}

function VisitRow({ visit: v, alone, others, busy, onEdit }: VisitRowProps) {
  const [target, setTarget] = useState('');
  return (
    <li class="job case-visit" data-egisz-visit={v.localUid}>
      <span>
        {russianDate(v.visitDate)} · {v.mainDiagnosis} <span class="muted">· {v.doctor}</span>
        <DocumentList documents={v.documents} />
      </span>
      <span class="case-visit__actions">
        {others.length ? (
          <>
            <select data-egisz-input="move-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)} aria-label="Перенести в случай">
              <option value="">Перенести в случай…</option>
              {others.map((o) => <option key={o.caseId} value={o.caseId}>{caseTitle(o)}</option>)}
            </select>
            <button type="button" data-egisz-action="move-visit" disabled={busy || !target}
              onClick={() => onEdit({ action: 'move', localUid: v.localUid, caseId: target })}>Перенести</button>
          </>
        ) : null}
        {alone ? null : (
          <button type="button" data-egisz-action="split-visit" disabled={busy}
            onClick={() => onEdit({ action: 'split', localUid: v.localUid })}>В отдельный случай</button>
        )}
      </span>
    </li>
  );
}

type CaseDocument = CaseSummary['documents'][number];

/** The documents of a visit or of the case: name, version, and whether the IEMK has this version. */
function DocumentList({ documents }: { documents: CaseDocument[] }) {
  return (
    <ul class="case-visit__documents">
      {documents.map((d) => (
        <li key={d.localUid} data-egisz-visit-document={d.localUid} data-egisz-document-iemk={d.inIemk ? 'yes' : 'no'}>
          {d.title}{d.versionNumber > 1 ? `, версия ${d.versionNumber}` : ''}<span class="muted">{d.inIemk ? ' · в ИЭМК' : ''}</span>
        </li>
      ))}
    </ul>
  );
}

function iemkText(c: CaseSummary): string {
  if (!c.iemk.opened) return 'В ИЭМК ещё не передан';
  const documents = [...c.visits.flatMap((v) => v.documents), ...c.documents];
  const steps = `передано посещений: ${c.iemk.steps.length} из ${c.visits.length}, документов: ${documents.filter((d) => d.inIemk).length} из ${documents.length}`;
  return `В ИЭМК: ${steps}${c.iemk.closed ? ', случай закрыт' : ''}`;
}
