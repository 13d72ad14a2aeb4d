import type { Readable } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';
import { TooLargeError, ValidationError } from '../../core/errors.ts';
import type { ImportLimits } from './report.ts';

interface Token {
  name: string;
  value?: string | number | boolean | null;
}

export type BundleEvent = { kind: 'header'; key: string; value: unknown } | { kind: 'object'; index: number; value: unknown };

/**
 * Reads a STIX bundle as a stream: top-level fields (type, id, spec_version) as headers and each
 * element of `objects` as one assembled object, so a bundle of hundreds of megabytes never sits in
 * memory whole. Throws a RempartError on malformed JSON, excessive depth, size or count.
 */
export async function* readBundle(input: Readable, limits: ImportLimits): AsyncGenerator<BundleEvent> {
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) input.destroy(TooLargeError('intel.too_large', `The bundle is larger than ${limits.maxBytes} bytes`));
  });
  const tokens = input.pipe(parser.asStream({ streamValues: false }));
  input.on('error', (e) => tokens.destroy(e));
  let depth = 0;
  let key: string | null = null;
  let inObjects = false;
  let asm: Assembler | null = null;
  let index = 0;
  let sawRoot = false;
  try {
    for await (const tok of tokens as AsyncIterable<Token>) {
      const opens = tok.name === 'startObject' || tok.name === 'startArray';
      const closes = tok.name === 'endObject' || tok.name === 'endArray';
      if (opens) {
        depth++;
        if (depth > limits.maxDepth) throw ValidationError('intel.too_deep', `Nesting deeper than ${limits.maxDepth} levels`);
      }
      if (tok.name === 'stringValue' && typeof tok.value === 'string' && tok.value.length > limits.maxStringBytes)
        throw TooLargeError('intel.string_too_large', `A string value is longer than ${limits.maxStringBytes} characters`);
      if (asm) {
        asm.consume(tok as never);
        if (closes && depth === 3) {
          depth--;
          if (++index > limits.maxObjects) throw TooLargeError('intel.too_many_objects', `More than ${limits.maxObjects} objects in the bundle`);
          yield { kind: 'object', index: index - 1, value: asm.current };
          asm = null;
          continue;
        }
        if (closes) depth--;
        continue;
      }
      if (depth === 1 && opens && !sawRoot) {
        sawRoot = true;
        if (tok.name !== 'startObject') throw ValidationError('intel.not_a_bundle', 'The file is a JSON array, not a STIX bundle');
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
      if (depth === 2 && tok.name === 'startArray' && key === 'objects') {
        inObjects = true;
        continue;
      }
      if (inObjects && depth === 3 && opens) {
        if (tok.name !== 'startObject') throw ValidationError('intel.bad_object', `objects[${index}] is not a JSON object`);
        asm = new Assembler();
        asm.consume(tok as never);
        continue;
      }
      if (inObjects && depth === 2 && !opens && !closes) throw ValidationError('intel.bad_object', `objects[${index}] is not a JSON object`);
      if (closes) {
        if (depth === 2 && inObjects) inObjects = false;
        depth--;
      }
    }
  } catch (e) {
    if (e instanceof Error && !('id' in e)) throw ValidationError('intel.bad_json', `Not valid JSON (truncated or corrupt file?): ${e.message.slice(0, 200)}`);
    throw e;
  } finally {
    // Stopping early (an error, or a consumer that breaks off) must not leave the file open.
    input.unpipe();
    input.destroy();
  }
  if (depth !== 0 || !sawRoot) throw ValidationError('intel.truncated', 'The bundle ends before its closing brace (truncated file?)');
}
