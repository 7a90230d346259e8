/** The copied report: a summary, every check in order, and no personal data even when a check carried some. */
import { expect, test } from 'vitest';
import { certificatesCheck, iemkCheck, outboxCheck } from '../../../../agent/diagnostics/agent-checks.ts';
import { formatDiagnosticReport, overallStatus, scrubPersonalData, type DiagnosticCheck } from '../../../../shared/diagnostics/diagnostic-report.ts';

const now = new Date('2026-11-26T09:00:00Z');
const people = [
  { owner: 'Петров Пётр Петрович', snils: '11223344595' },
  { owner: 'Сидорова Анна Ивановна', snils: '08765432100' },
];

test('built from certificates, outbox and IEMK rows full of names and SNILS, the report names no one', () => {
  const checks: DiagnosticCheck[] = [
    certificatesCheck({
      tokens: 2,
      certificates: people.map((p, i) => ({ ...p, issuer: 'УЦ', notBefore: '2026-01-01', notAfter: '2027-01-01', fingerprint: `${i}f`.repeat(32), warnings: [] })),
    }),
    outboxCheck({ counts: { rejected: 1 }, waiting: [] }, now),
    iemkCheck({ configured: true, rows: people.map((p) => ({ state: 'held', dueAt: '2026-11-26T08:00:00Z', patientSnils: p.snils })) }, now),
  ];
  const report = formatDiagnosticReport(checks, ['Диагностика']);
  for (const p of people) {
    expect(report).not.toContain(p.snils);
    for (const part of p.owner.split(' ')) expect(report).not.toContain(part);
  }
  expect(report).toContain('Итог: ОШИБКА (в порядке 1, предупреждений 0, ошибок 2)');
  expect(report).toContain('[ОШИБКА] Очередь отправки в РЭМД');
});

test('a SNILS that slips into a check\'s text is scrubbed, formatted or not; dates, ports and fingerprints stay', () => {
  const leaked: DiagnosticCheck = { id: 'x', status: 'warning', title: 'Проверка', explanation: 'СНИЛС 112-233-445 95 и 11223344595', details: ['порт 17346, 2026-11-26T09:00:00Z, ab12cd34'] };
  const report = formatDiagnosticReport([leaked]);
  expect(report).toContain('СНИЛС *** и ***');
  expect(report).toContain('порт 17346, 2026-11-26T09:00:00Z, ab12cd34');
  expect(scrubPersonalData('12345678901234')).toBe('12345678901234');
});

test('the overall status is the worst one', () => {
  const c = (status: DiagnosticCheck['status']): DiagnosticCheck => ({ id: status, status, title: '', explanation: '' });
  expect(overallStatus([c('ok'), c('warning')])).toBe('warning');
  expect(overallStatus([c('ok'), c('error'), c('warning')])).toBe('error');
  expect(overallStatus([c('ok')])).toBe('ok');
});
