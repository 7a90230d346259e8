/**
 * The IEMK client: N3.Health EmkService over SOAP 1.1 with `guid` auth
 * (emk-contract.ts). AddCase opens a case, AddStepToCase adds a visit with
 * its records, AddMedRecord a record of the case, UpdateCase corrects a
 * sent step's diagnosis, CloseCase closes it. Success is an empty answer;
 * a fault becomes EmkFaultError with the service's RequestFault items.
 */
import { RegistryUnavailableError } from '../registries/registry-http.ts';
import { soapAction, type EmkCase, type EmkFaultItem, type EmkMedRecord, type EmkOperation, type EmkStep } from './emk-contract.ts';
import { emkEnvelope, readFaultItems, writeCase, writeCaseMedRecord, writeStep } from './emk-xml.ts';

export class EmkFaultError extends Error {
  readonly items: EmkFaultItem[];

  constructor(op: EmkOperation, items: EmkFaultItem[]) {
    super(`${op}: ${items.map((i) => i.message).join('; ') || 'ошибка ИЭМК'}`);
    this.name = 'EmkFaultError';
    this.items = items;
  }
}

export interface EmkClientOptions {
  /** …/EMK/EMKService.svc */
  endpoint: string;
  /** The system's authorization token issued by the N3 administrator. */
  guid: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class EmkClient {
  private readonly opts: EmkClientOptions;

  constructor(opts: EmkClientOptions) {
    this.opts = opts;
  }

  addCase(c: EmkCase): Promise<void> {
    return this.call('AddCase', (op) => writeCase(op, c));
  }

  closeCase(c: EmkCase): Promise<void> {
    return this.call('CloseCase', (op) => writeCase(op, c));
  }

  /** The case's data again; with `steps`, the records of steps already sent (a corrected diagnosis) [?]. */
  updateCase(c: EmkCase): Promise<void> {
    return this.call('UpdateCase', (op) => writeCase(op, c));
  }

  addStepToCase(where: CaseRef, step: EmkStep): Promise<void> {
    return this.call('AddStepToCase', (op) => {
      writeCaseRef(op, where);
      writeStep(op, step, where.idLpu);
    });
  }

  /** A record of the case as a whole: N3's AddMedRecord names no step. */
  addMedRecord(where: CaseRef, record: EmkMedRecord): Promise<void> {
    return this.call('AddMedRecord', (op) => {
      writeCaseRef(op, where);
      writeCaseMedRecord(op, record, where.idLpu);
    });
  }

  private async call(op: EmkOperation, fill: Parameters<typeof emkEnvelope>[2]): Promise<void> {
    const body = emkEnvelope(op, this.opts.guid, fill);
    let response: Response;
    try {
      response = await (this.opts.fetch ?? fetch)(this.opts.endpoint, {
        method: 'POST', body,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapAction(op)}"` },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (e) {
      throw new RegistryUnavailableError('ИЭМК', (e as Error).message);
    }
    const text = await response.text();
    if (response.ok) return;
    const items = text.includes('Fault') ? safeFaultItems(text) : [];
    if (response.status >= 500 && !items.length) throw new RegistryUnavailableError('ИЭМК', `HTTP ${response.status}`);
    throw new EmkFaultError(op, items);
  }
}

export interface CaseRef {
  idLpu: string;
  idPatientMis: string;
  idCaseMis: string;
}

function writeCaseRef(op: Parameters<Parameters<typeof emkEnvelope>[2]>[0], ref: CaseRef): void {
  op.ele('http://tempuri.org/', 'idLpu').txt(ref.idLpu);
  op.ele('http://tempuri.org/', 'idPatientMis').txt(ref.idPatientMis);
  op.ele('http://tempuri.org/', 'idCaseMis').txt(ref.idCaseMis);
}

function safeFaultItems(text: string): EmkFaultItem[] {
  try {
    return readFaultItems(text);
  } catch {
    return [];
  }
}
