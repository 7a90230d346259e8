/**
 * The documents one tab shows: the highest page this frame may read, and every
 * same-origin frame and iframe below it (legacy MIS put the patient in one frame
 * and the visit in another). Cross-origin frames run their own overlay.
 */
export function accessibleTop(win: Window): Window {
  let current = win;
  while (current.parent !== current) {
    try {
      void current.parent.document.body;
      current = current.parent;
    } catch {
      break;
    }
  }
  return current;
}

/** True when a frame above this one can read it and therefore speaks for the tab. */
export const isCoveredByParent = (win: Window): boolean => accessibleTop(win) !== win;

export function tabDocuments(win: Window): Document[] {
  const docs: Document[] = [];
  collect(accessibleTop(win).document, docs);
  return docs;
}

function collect(doc: Document, docs: Document[]): void {
  docs.push(doc);
  for (const frame of doc.querySelectorAll('iframe, frame')) {
    let child: Document | null = null;
    try {
      child = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      child = null;
    }
    if (child?.documentElement && !docs.includes(child)) collect(child, docs);
  }
}

/** The addresses of those documents, for matching profiles written for a frame. */
export const documentAddresses = (docs: readonly Document[]): string[] => docs.map((doc) => doc.location?.href ?? '').filter(Boolean);
