// Typings for the Node 22 features the service uses that the repository's older @types/node lacks.
declare module 'node:sqlite' {
  export type SqlValue = null | number | bigint | string | Uint8Array;
  export interface RunResult {
    changes: number | bigint;
    lastInsertRowid: number | bigint;
  }
  export class StatementSync {
    run(...params: SqlValue[]): RunResult;
    get(...params: SqlValue[]): Record<string, SqlValue> | undefined;
    all(...params: SqlValue[]): Record<string, SqlValue>[];
  }
  export class DatabaseSync {
    constructor(path: string, options?: { open?: boolean });
    exec(sql: string): void;
    prepare(sql: string): StatementSync;
    close(): void;
  }
}

// Node 22 functions the repository's older @types/node does not declare.
declare module 'crypto' {
  export function randomUUID(): string;
}
declare module 'fs' {
  export function rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
}
