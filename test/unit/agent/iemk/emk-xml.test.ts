import { describe, expect, it } from 'vitest';
import { EMK_NS } from '../../../../agent/egisz/iemk/emk-contract.ts';
import { emkEnvelope, emkFault, readFaultItems, readOperation, writeCase, writeCaseMedRecord, writeStep } from '../../../../agent/egisz/iemk/emk-xml.ts';
import { elementChildren, parseXml } from '../../../../agent/egisz/remd/xml-reader.ts';

const doctor = { idPersonMis: 'doc-0042', lastName: 'Иванова', firstName: 'Мария', idPosition: '109' };
const aCase = { idCaseMis: 'c1', idPatientMis: 'p1', idLpu: 'lpu', openDate: '2026-11-01', historyNumber: 'c1', doctorInCharge: doctor };

describe('EmkService XML', () => {
  it('writes AddCase as N3 expects: tempuri operation, guid first, CaseAmb with its prefix declared, CaseBase order', () => {
    const xml = emkEnvelope('AddCase', 'g-1', (op) => writeCase(op, aCase));
    const doc = parseXml(xml);
    const operation = doc.getElementsByTagNameNS(EMK_NS.service, 'AddCase')[0]!;
    expect(operation).toBeDefined();
    const dto = doc.getElementsByTagNameNS(EMK_NS.service, 'caseDto')[0]!;
    expect(dto.getAttributeNS(EMK_NS.xsi, 'type')).toBe('a:CaseAmb');
    expect(dto.lookupNamespaceURI('a')).toBe(EMK_NS.case);
    const names = elementChildren(dto).map((n) => n.localName);
    expect(names.indexOf('OpenDate')).toBeLessThan(names.indexOf('IdCaseMis'));
    expect(names.indexOf('IdLpu')).toBeLessThan(names.indexOf('DoctorInCharge'));
    expect(names.indexOf('DoctorInCharge')).toBeLessThan(names.indexOf('IdPatientMis'));
    expect(readOperation(xml)).toMatchObject({ op: 'AddCase' });
    expect(readOperation(xml).text('guid')).toBe('g-1');
  });

  it('writes a StepAmb with the doctor as MedicalStaff', () => {
    const xml = emkEnvelope('AddStepToCase', 'g', (op) => writeStep(op, { idStepMis: 's1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor }, 'lpu'));
    expect(xml).toContain('i:type="b:StepAmb"');
    expect(xml).toMatch(/<b:DateStart>2026-11-02T00:00:00<\/b:DateStart>/);
    expect(xml).toMatch(/<c:FamilyName>Иванова<\/c:FamilyName>/);
  });

  it('writes a visit\'s records into StepAmb.MedRecords: the diagnosis in MedRec.Diag, each document in MedRec.MedDoc, members in DataContract order', () => {
    const document = { type: 'Referral' as const, idDocumentMis: 'doc-185', creationDate: '2026-11-02T10:40:00', header: 'Направление на консультацию', author: doctor };
    const diagnosis = { mkbCode: 'J06.9', main: true, diagnosedDate: '2026-11-02', doctor, comment: 'ОРВИ' };
    const xml = emkEnvelope('AddStepToCase', 'g', (op) => writeStep(op, {
      idStepMis: 's1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor, medRecords: [{ diagnosis }, { document }],
    }, 'lpu'));
    const step = parseXml(xml).getElementsByTagNameNS(EMK_NS.service, 'step')[0]!;
    expect(elementChildren(step).at(-1)?.localName).toBe('MedRecords');
    const [diag, doc] = elementChildren(elementChildren(step).at(-1)!);
    expect([diag!.localName, diag!.namespaceURI, doc!.localName]).toEqual(['MedRecord', EMK_NS.medRec, 'MedRecord']);
    expect(diag!.getAttributeNS(EMK_NS.xsi, 'type')).toBe('d:ClinicMainDiagnosis');
    expect(diag!.lookupNamespaceURI('d')).toBe(EMK_NS.diag);
    const info = elementChildren(diag!)[0]!;
    expect([info.namespaceURI, ...elementChildren(info).map((n) => n.localName)]).toEqual([EMK_NS.diag, 'DiagnosedDate', 'IdDiagnosisType', 'Comment', 'MkbCode']);
    expect(doc!.getAttributeNS(EMK_NS.xsi, 'type')).toBe('md:Referral');
    expect(doc!.lookupNamespaceURI('md')).toBe(EMK_NS.medDoc);
    expect(elementChildren(doc!).map((n) => n.localName)).toEqual(['Author', 'CreationDate', 'Header', 'IdDocumentMis']);
    expect(elementChildren(doc!).every((n) => n.namespaceURI === EMK_NS.medDoc)).toBe(true);
  });

  it('writes UpdateCase steps into CaseAmb.Steps as StepAmb, the diagnosis with the code it replaces (MkbCodeChange after MkbCode)', () => {
    const diagnosis = { mkbCode: 'J20.9', main: true, diagnosedDate: '2026-11-02', doctor, previousMkbCode: 'J06.9' };
    const xml = emkEnvelope('UpdateCase', 'g', (op) => writeCase(op, { ...aCase, steps: [{ idStepMis: 's1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor, medRecords: [{ diagnosis }] }] }));
    const dto = parseXml(xml).getElementsByTagNameNS(EMK_NS.service, 'caseDto')[0]!;
    const names = elementChildren(dto).map((n) => n.localName);
    expect(names.slice(-2)).toEqual(['IdCaseType', 'Steps']);
    const [step, ...more] = elementChildren(elementChildren(dto).at(-1)!);
    expect(more).toEqual([]);
    expect([step!.localName, step!.namespaceURI]).toEqual(['StepAmb', EMK_NS.step]);
    expect(elementChildren(step!).map((n) => n.localName)).toEqual(['DateStart', 'DateEnd', 'IdPaymentType', 'Doctor', 'IdStepMis', 'IdVisitPlace', 'IdVisitPurpose', 'MedRecords']);
    const info = parseXml(xml).getElementsByTagNameNS(EMK_NS.diag, 'DiagnosisInfo')[0]!;
    expect(elementChildren(info).slice(-2).map((n) => [n.localName, n.textContent])).toEqual([['MkbCode', 'J20.9'], ['MkbCodeChange', 'J06.9']]);
  });

  it('writes a document\'s attachments first, each DocumentAttachment in contract order with the files in base64', () => {
    const document = {
      type: 'ConsultNote' as const, idDocumentMis: 'd1', creationDate: '2026-11-02T10:15:00', header: 'Протокол', author: doctor,
      attachments: [
        { data: new TextEncoder().encode('<ClinicalDocument/>'), personalSigns: [{ sign: new Uint8Array([1, 2, 3]), doctor }], mimeType: 'text/xml' },
        { mimeType: 'text/xml', url: 'urn:egisz:remd:77.119.26.11.000001' },
      ],
    };
    const xml = emkEnvelope('AddMedRecord', 'g', (op) => writeCaseMedRecord(op, { document }, 'lpu'));
    const record = parseXml(xml).getElementsByTagNameNS(EMK_NS.service, 'medRecord')[0]!;
    expect(elementChildren(record).map((n) => n.localName)).toEqual(['Attachments', 'Author', 'CreationDate', 'Header', 'IdDocumentMis']);
    const [file, link] = elementChildren(elementChildren(record)[0]!);
    expect([file!.localName, file!.namespaceURI]).toEqual(['MedDocumentDto.DocumentAttachment', EMK_NS.medDoc]);
    expect(elementChildren(file!).map((n) => n.localName)).toEqual(['Data', 'PersonalSigns', 'MimeType']);
    expect(Buffer.from(elementChildren(file!)[0]!.textContent!, 'base64').toString()).toBe('<ClinicalDocument/>');
    const sign = elementChildren(elementChildren(file!)[1]!)[0]!;
    expect([sign.localName, ...elementChildren(sign).map((n) => n.localName)]).toEqual(['MedDocumentDto.PersonalSign', 'Sign', 'Doctor']);
    expect(elementChildren(link!).map((n) => [n.localName, n.textContent])).toEqual([['MimeType', 'text/xml'], ['Url', 'urn:egisz:remd:77.119.26.11.000001']]);
  });

  it('round-trips RequestFault items', () => {
    const items = [{ errorCode: 2, message: 'Случай не найден', propertyName: 'idCaseMis' }, { message: 'ещё' }];
    expect(readFaultItems(emkFault(items))).toEqual(items);
  });
});
