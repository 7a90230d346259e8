import { describe, expect, it } from 'vitest';
import { conditionCode, parseCareFacts, recordCareFacts } from '../../../../agent/semd/care-facts.ts';
import { fullCareFacts, instrumentalFacts, maximalInstrumental, maximalReferral, referralFacts } from '../../../fixtures/semd/demo-record.ts';

describe('care facts', () => {
  it('codes the patient condition from NSI 1006', () => {
    expect(conditionCode('2')).toEqual({
      code: '2',
      displayName: 'Средней тяжести',
      codeSystem: '1.2.643.5.1.13.13.11.1006',
      codeSystemVersion: '2.4',
      codeSystemName: 'Степень тяжести состояния пациента',
    });
    expect(() => conditionCode('42')).toThrow(expect.objectContaining({ code: 'DOCUMENT_CODE_UNKNOWN' }));
  });

  it('accepts complete facts from JSON and says what is wrong otherwise', () => {
    expect(parseCareFacts(JSON.parse(JSON.stringify(fullCareFacts)))).toEqual(fullCareFacts);
    expect(parseCareFacts({})).toEqual({});
    expect(parseCareFacts([])).toEqual({ problem: 'ожидается JSON-объект' });
    expect(parseCareFacts({ visitKind: { code: '1' } })).toEqual({ problem: 'visitKind: не заполнены codeSystem, codeSystemVersion, codeSystemName, displayName' });
    expect(parseCareFacts({ patientCondition: 1 })).toEqual({ problem: 'patientCondition: ожидается код (строка)' });
    expect(parseCareFacts({ paymentSorce: {} })).toEqual({ problem: 'неизвестные поля: paymentSorce' });
    expect(parseCareFacts(JSON.parse(JSON.stringify(referralFacts)))).toEqual(referralFacts);
    expect(parseCareFacts({ referral: { organization: { oid: '1.2' }, service: 'x' } })).toEqual({ problem: 'referral.organization: нужны oid и name' });
    expect(parseCareFacts({ diagnosisKinds: { main: { code: '1' } } })).toEqual({
      problem: 'diagnosisKinds.main: не заполнены codeSystem, codeSystemVersion, codeSystemName, displayName',
    });
  });

  it('takes the referral and the study the record states over the clinic\'s', () => {
    const clinic = { ...fullCareFacts, ...referralFacts, ...instrumentalFacts };
    const own = { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7703', name: 'ГБУЗ «Городская больница № 3»' }, service: 'Консультация врача-невролога' };
    expect(recordCareFacts({ ...maximalReferral(), referral: own }, clinic)).toEqual({ ...clinic, referral: own });
    const study = { service: instrumentalFacts.study!.service, description: 'Синусовая тахикардия, ЧСС 104 в минуту.' };
    expect(recordCareFacts({ ...maximalInstrumental(), study }, clinic)).toEqual({ ...clinic, study });
    expect(recordCareFacts(maximalReferral(), clinic)).toEqual(clinic);
  });
});
