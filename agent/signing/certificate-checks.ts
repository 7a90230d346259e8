/**
 * Pre-flight checks of the signing certificate, before the PIN is asked:
 * each rule that REMD would otherwise reject becomes an Issue with its own
 * code, a Russian message saying what to do and the NSI 305 code it prevents.
 */
import type { Issue } from '../../shared/validate/issue.ts';
import type { ParsedCertificate } from './certificate.ts';

export { summarizeCertificate } from './certificate.ts';

export interface CertificateCheckContext {
  now: Date;
  /** When the document was created (document.createdAt). */
  documentDate: Date;
  /** The practitioner who signs, from the record (11 digits). */
  practitionerSnils: string;
}

const DAY_MS = 86_400_000;
/** Days before expiry at which a warning is raised; the smallest that applies wins. */
export const EXPIRY_WARNING_DAYS = [3, 14, 30] as const;

/** Issues about the certificate itself attach to the practitioner block of the record. */
const CERT_PATH = 'practitioner';
const ru = (d: Date): string => d.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });

export function checkSigningCertificate(cert: ParsedCertificate, ctx: CertificateCheckContext): Issue[] {
  return [
    ...checkValidityNow(cert, ctx.now),
    ...checkValidityOnDocumentDate(cert, ctx.documentDate),
    ...checkKeyUsage(cert),
    ...checkHolder(cert, ctx.practitionerSnils),
    ...checkExpirySoon(cert, ctx.now),
  ];
}

/**
 * The checks that need no document: validity now, key usage, personal
 * certificate, expiry warnings. For listing certificates (`egisz-agent certs`).
 */
export function checkCertificateNow(cert: ParsedCertificate, now: Date): Issue[] {
  const personal = cert.subject.snils ? [] : checkHolder(cert, '');
  return [...checkValidityNow(cert, now), ...checkKeyUsage(cert), ...personal, ...checkExpirySoon(cert, now)];
}

function checkValidityNow(cert: ParsedCertificate, now: Date): Issue[] {
  const issues: Issue[] = [];
  if (now < cert.notBefore) {
    issues.push(error('TOKEN_CERT_NOT_YET_VALID', `Сертификат начнёт действовать только ${ru(cert.notBefore)}. Подпишите документ после этой даты или выберите другой сертификат.`, 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT'));
  }
  if (now > cert.notAfter) {
    issues.push(error('TOKEN_CERT_EXPIRED', `Срок действия сертификата истёк ${ru(cert.notAfter)}. Получите новый сертификат в удостоверяющем центре.`, 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT'));
  }
  const pkup = cert.privateKeyUsagePeriod;
  if (pkup?.notAfter && now > pkup.notAfter) {
    issues.push(error('TOKEN_KEY_EXPIRED', `Срок действия закрытого ключа истёк ${ru(pkup.notAfter)}, хотя сертификат ещё действует. Получите новый ключ и сертификат в удостоверяющем центре.`, 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT'));
  }
  if (pkup?.notBefore && now < pkup.notBefore) {
    issues.push(error('TOKEN_KEY_NOT_YET_VALID', `Закрытым ключом можно подписывать только с ${ru(pkup.notBefore)}. Подпишите позже или выберите другой сертификат.`, 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT'));
  }
  return issues;
}

function checkValidityOnDocumentDate(cert: ParsedCertificate, date: Date): Issue[] {
  if (Number.isNaN(date.getTime())) return [];
  const issues: Issue[] = [];
  const path = 'document.createdAt';
  if (date < cert.notBefore) {
    issues.push({ ...error('TOKEN_CERT_NOT_VALID_ON_DOCUMENT_DATE', `Документ датирован ${ru(date)}, раньше начала действия сертификата (${ru(cert.notBefore)}). Исправьте дату документа или подпишите другим сертификатом.`, 'DOC_DATE_MISMATCH_CERT_NOT_BEFORE'), path });
  }
  if (date > cert.notAfter) {
    issues.push({ ...error('TOKEN_CERT_NOT_VALID_ON_DOCUMENT_DATE', `Документ датирован ${ru(date)}, позже окончания действия сертификата (${ru(cert.notAfter)}). Исправьте дату документа или подпишите действующим сертификатом.`, 'DOC_DATE_MISMATCH_CERT_NOT_AFTER'), path });
  }
  const pkup = cert.privateKeyUsagePeriod;
  const outsideKeyPeriod = (pkup?.notBefore && date < pkup.notBefore) || (pkup?.notAfter && date > pkup.notAfter);
  if (outsideKeyPeriod) {
    issues.push({ ...error('TOKEN_KEY_NOT_VALID_ON_DOCUMENT_DATE', `На дату документа (${ru(date)}) закрытый ключ сертификата не действовал. Исправьте дату документа или подпишите другим сертификатом.`, 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_DOC_CREATION_DT'), path });
  }
  return issues;
}

function checkKeyUsage(cert: ParsedCertificate): Issue[] {
  // Without the extension any use is allowed (RFC 5280 §4.2.1.3).
  if (cert.keyUsage.length === 0) return [];
  if (cert.keyUsage.includes('digitalSignature') || cert.keyUsage.includes('nonRepudiation')) return [];
  return [error('TOKEN_CERT_KEY_USAGE', 'Сертификат не предназначен для электронной подписи (в «Использовании ключа» нет «Цифровая подпись»). Выберите сертификат для подписи документов.', 'INVALID_CERT_KEY_USAGE')];
}

function checkHolder(cert: ParsedCertificate, practitionerSnils: string): Issue[] {
  const snils = cert.subject.snils?.replace(/\D/g, '');
  if (!snils) {
    return [error('TOKEN_CERT_NOT_PERSONAL', 'Это сертификат организации, а не сотрудника: в нём нет СНИЛС. Медицинский документ подписывает врач своим личным сертификатом.', 'VALUE_MISMATCH_METADATA_AND_CERTIFICATE')];
  }
  if (snils !== practitionerSnils.replace(/\D/g, '')) {
    return [{
      ...error('TOKEN_CERT_SNILS_MISMATCH', `СНИЛС в сертификате (${formatSnils(snils)}) не совпадает со СНИЛС врача в документе. Подпишите сертификатом автора документа или исправьте врача в карточке.`, 'VALUE_MISMATCH_METADATA_AND_CERTIFICATE'),
      path: 'practitioner.snils',
    }];
  }
  return [];
}

function checkExpirySoon(cert: ParsedCertificate, now: Date): Issue[] {
  const keyEnd = cert.privateKeyUsagePeriod?.notAfter;
  const end = keyEnd && keyEnd < cert.notAfter ? keyEnd : cert.notAfter;
  const daysLeft = Math.ceil((end.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft <= 0) return []; // already an error above
  const threshold = EXPIRY_WARNING_DAYS.find((d) => daysLeft <= d);
  if (threshold === undefined) return [];
  return [{
    path: CERT_PATH,
    code: `TOKEN_CERT_EXPIRES_IN_${threshold}_DAYS`,
    severity: 'warning',
    message: `Ключ подписи действует ещё ${daysLeft} дн. (до ${ru(end)}). Закажите новый сертификат в удостоверяющем центре заранее.`,
  }];
}

function error(code: string, message: string, remdCode?: string): Issue {
  return { path: CERT_PATH, code, severity: 'error', message, ...(remdCode ? { remdCode } : {}) };
}

const formatSnils = (s: string): string => `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${s.slice(9)}`;
