/**
 * The slice of REMD the outbox needs, and the shapes it exchanges. The
 * outbox depends on this port, not on SOAP: tests and a remote gateway can
 * stand in for the real client.
 */
export interface RemdError { code: string; message: string; path?: string }

export type RegisterAnswer = { status: 'accepted' } | { status: 'rejected'; errors: RemdError[] };

export interface RegistrySearch {
  organization?: string;
  kind?: string;
  patientSnils?: string;
  /** YYYY-MM-DD, inclusive. */
  registerDateBegin?: string;
}

export type RegistrySearchResult =
  | { status: 'success'; items: { emdrId: string; localUid?: string }[] }
  | { status: 'error'; errors: RemdError[] };

export type RegistryItemResult =
  | { status: 'found'; item: { emdrId: string; localUid?: string } }
  | { status: 'error'; errors: RemdError[] };

export interface RemdPort {
  newMessageId(): string;
  /** Throws on transport trouble; an error with `retriable: false` means "do not try again as is". */
  registerDocument(request: unknown, messageId: string): Promise<RegisterAnswer>;
  searchRegistryItem(query: RegistrySearch): Promise<RegistrySearchResult>;
  getRegistryItem(emdrId: string): Promise<RegistryItemResult>;
}

/** registerDocumentResult as the callback endpoint hands it over. */
export interface RemdResult {
  relatesToMessage?: string;
  localUid?: string;
  status: 'success' | 'error';
  emdrId?: string;
  errors?: RemdError[];
}
