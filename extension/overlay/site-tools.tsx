import { useState } from 'preact/hooks';
import { fieldLabel } from '../../shared/validate/field-labels.ts';
import { documentKindChoices, mappableFields } from '../scrape/profile-editor.ts';
import type { DocumentKind } from '../scrape/site-profile.ts';
import type { PanelActions, PanelView } from './record-panel.tsx';

/**
 * The panel's part about the site itself: fields found by detection (confirm
 * them), the kind of document a detected or mapped form makes, the field
 * mapper (pick a field type, click the element) and turning the extension off
 * on this site.
 */
export function SiteTools({ view, actions }: { view: PanelView; actions: PanelActions }) {
  const fields = mappableFields(view.kind);
  const [path, setPath] = useState<string>(fields[0]!.key);
  return (
    <div class="site">
      {view.detected ? <DetectedFields detected={view.detected} onConfirm={actions.onConfirmDetected} /> : null}
      {view.kindEditable ? <KindChoice kind={view.kind ?? '119'} onChoose={actions.onChooseKind} /> : null}
      {view.picking ? (
        <p class="site__picking" role="status" data-egisz-picking={view.picking}>
          Щёлкните по полю «{fields.find((f) => f.key === view.picking)?.label ?? view.picking}» на странице
          <button type="button" class="panel__link" onClick={actions.onCancelPick}>Отмена</button>
        </p>
      ) : (
        <div class="site__mapper">
          <select aria-label="Поле документа" data-egisz-input="map-field" value={path} onChange={(e) => setPath(e.currentTarget.value)}>
            {fields.map((field) => (
              <option key={field.key} value={field.key}>{field.label}</option>
            ))}
          </select>
          <button type="button" class="panel__link" data-egisz-action="pick-field" onClick={() => actions.onPickField(path)}>
            Указать на странице
          </button>
        </div>
      )}
      <button type="button" class="panel__link site__off" data-egisz-action="disable-site" onClick={actions.onDisableSite}>
        Не показывать на этом сайте
      </button>
    </div>
  );
}

function DetectedFields({ detected, onConfirm }: { detected: NonNullable<PanelView['detected']>; onConfirm(): void }) {
  return (
    <div class="site__detected" data-egisz-detected="">
      <p>Поля найдены по подписям на странице. Проверьте отметки и подтвердите или укажите поле вручную.</p>
      <ul>
        {detected.map((field) => (
          <li key={field.paths.join()} class={field.confidence < 0.7 ? 'site__unsure' : undefined}>
            {field.paths.map(fieldLabel).join(', ')} — {Math.round(field.confidence * 100)} %
          </li>
        ))}
      </ul>
      <button type="button" class="panel__link" data-egisz-action="confirm-fields" onClick={onConfirm}>
        Поля найдены верно
      </button>
    </div>
  );
}

/** Label detection cannot tell a referral from a consultation: the user says which document the form makes. */
function KindChoice({ kind, onChoose }: { kind: string; onChoose(kind: DocumentKind): void }) {
  return (
    <label class="site__kind">
      Вид документа{' '}
      <select data-egisz-input="document-kind" value={kind} onChange={(e) => onChoose(e.currentTarget.value as DocumentKind)}>
        {documentKindChoices().map((choice) => (
          <option key={choice.code} value={choice.code}>{choice.name}</option>
        ))}
      </select>
    </label>
  );
}
