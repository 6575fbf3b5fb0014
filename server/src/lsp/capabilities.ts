import type { ClientCapabilities } from 'vscode-languageserver/node';

/** The parts of the client's capabilities the server adapts to, read once at `initialize`. */
export interface ClientFeatures {
  /** `workspace/configuration`: settings can be pulled per document. */
  configuration: boolean;
  /** Workspace edits may use versioned `documentChanges`. */
  documentChanges: boolean;
  /** Workspace edits may create files (needs `documentChanges` too). */
  createFiles: boolean;
  /** Code actions may be returned as `CodeAction` literals (not only as commands). */
  codeActionLiterals: boolean;
  /** Workspace edits may carry change annotations (VS Code shows those needing confirmation in a preview). */
  changeAnnotations: boolean;
  /** The client can apply workspace edits the server sends (`workspace/applyEdit`). */
  applyEdit: boolean;
  /** The client asks for code lenses again on `workspace/codeLens/refresh` (after a measurement). */
  codeLensRefresh?: boolean;
  /** The client re-asks for inlay hints when told to (`workspace/inlayHint/refresh`). */
  inlayHintRefresh?: boolean;
}

export const NO_CLIENT_FEATURES: ClientFeatures = {
  configuration: false,
  documentChanges: false,
  createFiles: false,
  codeActionLiterals: false,
  changeAnnotations: false,
  applyEdit: false,
  codeLensRefresh: false,
  inlayHintRefresh: false,
};

export function readClientFeatures(caps: ClientCapabilities): ClientFeatures {
  const edit = caps.workspace?.workspaceEdit;
  const documentChanges = edit?.documentChanges === true;
  return {
    configuration: caps.workspace?.configuration === true,
    documentChanges,
    createFiles: documentChanges && (edit?.resourceOperations ?? []).includes('create'),
    codeActionLiterals: caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    changeAnnotations: documentChanges && edit?.changeAnnotationSupport !== undefined,
    applyEdit: caps.workspace?.applyEdit === true,
    codeLensRefresh: caps.workspace?.codeLens?.refreshSupport === true,
    inlayHintRefresh: caps.workspace?.inlayHint?.refreshSupport === true,
  };
}
