/**
 * SOAP over express: take the body as text whatever the SOAP version's
 * content type, and answer with SOAP 1.2 envelopes.
 */
import express from 'express';
import type { RequestHandler, Response } from 'express';
import { SOAP12_CONTENT_TYPE } from './remd-contract.ts';
import { buildFault } from './soap-envelope.ts';
import type { FaultInput } from './soap-envelope.ts';

/** SEMD files travel base64 inside the envelope; 20 MB covers the largest kinds. */
export const MAX_SOAP_BYTES = '20mb';

export const soapText = (): RequestHandler =>
  express.text({ type: ['application/soap+xml', 'text/xml', 'application/xml'], limit: MAX_SOAP_BYTES });

export function sendSoap(res: Response, status: number, xml: string): void {
  res.status(status).type(SOAP12_CONTENT_TYPE).send(xml);
}

/** Sender faults are 400 and Receiver faults 500, per the SOAP 1.2 HTTP binding. */
export function sendFault(res: Response, fault: FaultInput, status = fault.code === 'Sender' ? 400 : 500): void {
  sendSoap(res, status, buildFault(fault));
}

/** The request body as text, or undefined when it was not sent as XML. */
export const bodyText = (body: unknown): string | undefined => (typeof body === 'string' && body.length ? body : undefined);
