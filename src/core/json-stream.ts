import type { Readable } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';
import { TooLargeError, ValidationError } from './errors.ts';

/** Bounds on a streamed JSON document. */
export interface JsonStreamLimits {
  maxBytes: number;
  maxItems: number;
  maxDepth: number;
  maxStringBytes: number;
}

export type JsonStreamEvent = { kind: 'header'; key: string; value: unknown } | { kind: 'item'; index: number; value: unknown };

interface Token {
  name: string;
  value?: string | number | boolean | null;
}

/**
 * Reads a JSON object whose bulk is one array (a STIX bundle's `objects`, a Telegram export's
 * `messages`) as a stream: the object's scalar top-level fields as headers, each element of the
 * array as one assembled value, so a file of gigabytes never sits in memory whole. Errors are
 * RempartErrors with ids under `idPrefix` (`<prefix>.bad_json`, `.too_large`, `.too_deep`…).
 */
export async function* readJsonObjectStream(input: Readable, o: { arrayKey: string; limits: JsonStreamLimits; idPrefix: string; what: string }): AsyncGenerator<JsonStreamEvent> {
  const { limits, idPrefix, what } = o;
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) input.destroy(TooLargeError(`${idPrefix}.too_large`, `The ${what} is larger than ${limits.maxBytes} bytes`));
  });
  const tokens = input.pipe(parser.asStream({ streamValues: false }));
  input.on('error', (e) => tokens.destroy(e));
  let depth = 0;
  let key: string | null = null;
  let inArray = false;
  let asm: Assembler | null = null;
  let index = 0;
  let sawRoot = false;
  try {
    for await (const tok of tokens as AsyncIterable<Token>) {
      const opens = tok.name === 'startObject' || tok.name === 'startArray';
      const closes = tok.name === 'endObject' || tok.name === 'endArray';
      if (opens) {
        depth++;
        if (depth > limits.maxDepth) throw ValidationError(`${idPrefix}.too_deep`, `Nesting deeper than ${limits.maxDepth} levels`);
      }
      if (tok.name === 'stringValue' && typeof tok.value === 'string' && tok.value.length > limits.maxStringBytes)
        throw TooLargeError(`${idPrefix}.string_too_large`, `A string value is longer than ${limits.maxStringBytes} characters`);
      if (asm) {
        asm.consume(tok as never);
        if (closes && depth === 3) {
          depth--;
          if (++index > limits.maxItems) throw TooLargeError(`${idPrefix}.too_many_items`, `More than ${limits.maxItems} items in the ${what}`);
          yield { kind: 'item', index: index - 1, value: asm.current };
          asm = null;
          continue;
        }
        if (closes) depth--;
        continue;
      }
      if (depth === 1 && opens && !sawRoot) {
        sawRoot = true;
        if (tok.name !== 'startObject') throw ValidationError(`${idPrefix}.not_an_object`, `The ${what} is a JSON array, not an object`);
        continue;
      }
      if (depth === 1 && tok.name === 'keyValue') {
        key = String(tok.value);
        continue;
      }
      if (depth === 1 && !opens && !closes) {
        if (key !== null) yield { kind: 'header', key, value: tok.value };
        continue;
      }
      if (depth === 2 && tok.name === 'startArray' && key === o.arrayKey) {
        inArray = true;
        continue;
      }
      if (inArray && depth === 3 && opens) {
        asm = new Assembler();
        asm.consume(tok as never);
        continue;
      }
      if (inArray && depth === 2 && !opens && !closes) {
        // A scalar element: yielded as it is (the caller decides whether it is acceptable).
        if (++index > limits.maxItems) throw TooLargeError(`${idPrefix}.too_many_items`, `More than ${limits.maxItems} items in the ${what}`);
        yield { kind: 'item', index: index - 1, value: tok.value };
        continue;
      }
      if (closes) {
        if (depth === 2 && inArray) inArray = false;
        depth--;
      }
    }
  } catch (e) {
    if (e instanceof Error && !('id' in e)) throw ValidationError(`${idPrefix}.bad_json`, `Not valid JSON (truncated or corrupt file?): ${e.message.slice(0, 200)}`);
    throw e;
  } finally {
    // Stopping early (an error, or a consumer that breaks off) must not leave the file open.
    input.unpipe();
    input.destroy();
  }
  if (depth !== 0 || !sawRoot) throw ValidationError(`${idPrefix}.truncated`, `The ${what} ends before its closing brace (truncated file?)`);
}
