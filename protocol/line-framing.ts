/**
 * Newline framing for the `tcp` floor transport, shared by its server and client: the least framing
 * any stream transport can have. Messages of the suite's envelope never contain a newline.
 */
export const LINE_END = '\n';

export class LineSplitter {
  #pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Feed decoded text (the socket must use setEncoding('utf8') so multi-byte characters are whole). */
  push(chunk: string): void {
    let start = 0;
    let end = chunk.indexOf(LINE_END);
    if (end < 0) {
      this.#pending += chunk;
      return;
    }
    this.onLine(this.#pending + chunk.slice(0, end));
    this.#pending = '';
    start = end + 1;
    while ((end = chunk.indexOf(LINE_END, start)) >= 0) {
      this.onLine(chunk.slice(start, end));
      start = end + 1;
    }
    this.#pending = chunk.slice(start);
  }
}
