// The audit log: one JSON line per request, `{verb, method, path, query, status}`, appended
// synchronously so no line is lost when the server stops. `query` is the raw query string
// (without the `?`), exactly as the client sent it.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface AuditRecord {
  verb: string;
  method: string;
  path: string;
  query: string;
  status: number;
}

export class AuditLog {
  private fd: number | undefined;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  record(entry: AuditRecord): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, JSON.stringify(entry) + '\n');
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
