import { useState } from 'preact/hooks';
import type { Issue } from '../../shared/validate/issue.ts';
import { fieldLabel } from '../../shared/validate/field-labels.ts';
import { canSignAndSend, type PanelState } from './panel-state.ts';
import { SiteTools } from './site-tools.tsx';
import type { DocumentKind } from '../scrape/site-profile.ts';

export interface SummaryRow {
  label: string;
  value: string;
}

export interface PanelView {
  title: string;
  state: PanelState;
  status: string;
  summary: SummaryRow[];
  /** Page-relevant findings, errors first. */
  issues: Issue[];
  /** A failure of the last request (agent down, not paired…), in Russian. */
  failure?: string;
  /** True when that failure is fixed by pairing: the panel then offers the settings. */
  needsPairing?: boolean;
  emdrId?: string;
  /** True while the request to the background is in flight. */
  busy: boolean;
  /** Fields found by label detection (no profile yet), for the user to confirm or correct. */
  detected?: { paths: string[]; confidence: number; found: boolean }[];
  /** The record path the field mapper waits for a click for. */
  picking?: string;
  /** The REMD kind of the form's document: the mapper offers its fields too. */
  kind?: string;
  /** True for a detected or user profile: the user may say which kind of document the form makes. */
  kindEditable?: boolean;
}

export interface PanelActions {
  onSignAndSend(): void;
  onShowField(path: string): void;
  onOpenOptions(): void;
  onConfirmDetected(): void;
  onPickField(path: string): void;
  onCancelPick(): void;
  onChooseKind(kind: DocumentKind): void;
  onDisableSite(): void;
}

/** The floating panel: record summary, findings, status and «Подписать и отправить». */
export function RecordPanel({ view, actions }: { view: PanelView; actions: PanelActions }) {
  const [collapsed, setCollapsed] = useState(false);
  const enabled = canSignAndSend(view.state) && !view.busy;
  return (
    <section class={`panel panel--${view.state}`} aria-label="ЕГИСЗ-мост">
      <header class="panel__head">
        <span class="panel__brand">ЕГИСЗ · {view.title}</span>
        <button class="panel__fold" type="button" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed}>
          {collapsed ? 'Развернуть' : 'Свернуть'}
        </button>
      </header>
      <p class="panel__status" role="status">
        {view.status}
        {view.emdrId ? (
          <span class="panel__remd-id">
            Регистрационный номер: <b>{view.emdrId}</b>
          </span>
        ) : null}
      </p>
      {view.failure ? (
        <p class="panel__failure" role="alert">
          {view.failure}
          {view.needsPairing ? (
            <button type="button" class="panel__link" onClick={actions.onOpenOptions}>
              Открыть настройки сопряжения
            </button>
          ) : null}
        </p>
      ) : null}
      {collapsed ? null : (
        <div class="panel__body">
          <dl class="panel__summary">
            {view.summary.map((row) => (
              <div key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value || '—'}</dd>
              </div>
            ))}
          </dl>
          {view.issues.length > 0 ? (
            <ul class="panel__issues">
              {view.issues.map((issue) => (
                <li key={`${issue.path}:${issue.code}`} class={`issue issue--${issue.severity}`}>
                  <button type="button" class="issue__field" onClick={() => actions.onShowField(issue.path)}>
                    {issue.path ? fieldLabel(issue.path) : 'Документ'}
                  </button>
                  {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {collapsed ? null : <SiteTools view={view} actions={actions} />}
      <button
        class="panel__send"
        type="button"
        data-egisz-action="sign-and-send"
        disabled={!enabled}
        onClick={(event) => {
          // Only the user's own click: a page script's synthetic click() is not trusted.
          if (event.isTrusted) actions.onSignAndSend();
        }}
      >
        {view.busy ? 'Подготовка…' : 'Подписать и отправить'}
      </button>
    </section>
  );
}
