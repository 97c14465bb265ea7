import { CorpusError } from "./corpus-error.ts";

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Splits RFC 4180 CSV into records: quoted fields may hold commas, line breaks and doubled
 * quotes; CRLF and LF line ends both work; a final line break is optional. Throws a
 * {@link CorpusError} for an unterminated quote or text after a closing quote.
 *
 * @example
 * readCsvRecords('a,"b ""c"", d"\n', "x.csv"); // [{ fields: ["a", 'b "c", d'], line: 1 }]
 */
export function readCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let recordLine = 1;
  let line = 1;
  let i = 0;
  const endRecord = () => {
    records.push({ fields, line: recordLine });
    fields = [];
    recordLine = line;
  };
  while (i <= text.length) {
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let value = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          throw new CorpusError(
            "quoted field is never closed. Close it with a double quote, and write quotes inside it as two double quotes.",
            file,
            openedOn,
          );
        }
        value += text.slice(from, close);
        line += countLineBreaks(text, from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      const next = text.charCodeAt(i);
      if (!(Number.isNaN(next) || next === COMMA || next === CR || next === LF)) {
        throw new CorpusError(
          "text after a closing quote. Quote the whole field, and write quotes inside it as two double quotes.",
          file,
          line,
        );
      }
    } else {
      let end = i;
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (code === COMMA || code === CR || code === LF) break;
        end++;
      }
      fields.push(text.slice(i, end));
      i = end;
    }
    const separator = text.charCodeAt(i);
    if (separator === COMMA) {
      i++;
      continue;
    }
    i += separator === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    endRecord();
    if (i >= text.length) break;
  }
  return records;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
