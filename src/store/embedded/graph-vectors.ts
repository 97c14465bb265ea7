import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/**
 * Reads papers' vectors straight from an HNSW graph file, by row, without asking hnswlib:
 * `getPoint` hands back each vector as a JS array built element by element (about 30 µs for
 * 384 dims), which made scoring a few thousand filtered papers cost a tenth of a second.
 */
export interface GraphVectors {
  /** The vectors of `rows`, packed in the order given (`rows.length × dims`). */
  vectorsOf(rows: readonly number[]): Float32Array;
  close(): void;
}

/** Where hnswlib's `saveIndex` (hnswalg.h) puts each element's vector and label. */
export interface GraphLayout {
  /** Elements in the file. */
  count: number;
  /** Bytes per element in the level-0 block: links, then vector, then label. */
  elementBytes: number;
  /** Offset of the vector inside an element. */
  vectorOffset: number;
  /** Offset of the 8-byte label inside an element. */
  labelOffset: number;
}

/**
 * The header `saveIndex` writes before the level-0 block: size_t fields offsetLevel0,
 * maxElements, curElementCount, sizeDataPerElement, labelOffset, offsetData, then maxLevel
 * (int32), enterPoint (uint32), maxM, maxM0, M (size_t), mult (double), efConstruction (size_t).
 */
export const GRAPH_HEADER_BYTES = 96;

/**
 * The element layout of a graph file from its header, or undefined when the header does not
 * describe vectors of `dims` float32s followed by their label (another layout, another space).
 *
 * @example
 * graphLayout(header, 384); // { count: 70, elementBytes: 1676, vectorOffset: 132, labelOffset: 1668 }
 */
export function graphLayout(header: Buffer, dims: number): GraphLayout | undefined {
  if (header.length < GRAPH_HEADER_BYTES) return undefined;
  const field = (at: number) => Number(header.readBigUInt64LE(at));
  const [offsetLevel0, count, elementBytes, labelOffset, vectorOffset] = [0, 16, 24, 32, 40].map(
    field,
  ) as [number, number, number, number, number];
  const fits =
    offsetLevel0 === 0 &&
    labelOffset === vectorOffset + dims * 4 &&
    elementBytes === labelOffset + 8 &&
    vectorOffset % 4 === 0;
  return fits ? { count, elementBytes, vectorOffset, labelOffset } : undefined;
}

/**
 * Opens a graph file written by hnswlib (`writeIndexSync`) whose elements were added in row
 * order (label = row = element), as {@link createGraphBuilder} adds them. Returns undefined when the file's
 * layout is not the expected one or does not hold `count` elements; every read checks that each
 * element's label is its row, and throws a RangeError naming the file when one is not.
 *
 * @example
 * const vectors = openGraphVectors("index/gen-1/papers.hnsw", store.count, 384);
 * vectors?.vectorsOf([3, 17]); // 2 × 384 floats
 */
export function openGraphVectors(
  path: string,
  count: number,
  dims: number,
): GraphVectors | undefined {
  const fd = openSync(path, "r");
  const header = Buffer.alloc(GRAPH_HEADER_BYTES);
  readSync(fd, header, 0, GRAPH_HEADER_BYTES, 0);
  const layout = graphLayout(header, dims);
  if (
    !layout ||
    layout.count !== count ||
    fstatSync(fd).size < GRAPH_HEADER_BYTES + count * layout.elementBytes
  ) {
    closeSync(fd);
    return undefined;
  }
  const { elementBytes, vectorOffset } = layout;
  const vectorBytes = dims * 4;
  const wrongLabel = (row: number, label: bigint) =>
    new RangeError(
      `${path}: element ${row} holds label ${label}, not ${row}; the graph was not written in row order.`,
    );
  // Vector and label are adjacent: one read of both per row.
  const slot = Buffer.alloc(vectorBytes + 8);
  const slotFloats = new Float32Array(slot.buffer, slot.byteOffset, dims);

  return {
    vectorsOf(rows) {
      const packed = new Float32Array(rows.length * dims);
      rows.forEach((row, i) => {
        if (!Number.isInteger(row) || row < 0 || row >= count) {
          throw new RangeError(`${path}: no row ${row} among ${count}.`);
        }
        readSync(fd, slot, 0, slot.length, GRAPH_HEADER_BYTES + row * elementBytes + vectorOffset);
        const label = slot.readBigUInt64LE(vectorBytes);
        if (label !== BigInt(row)) throw wrongLabel(row, label);
        packed.set(slotFloats, i * dims);
      });
      return packed;
    },
    close() {
      closeSync(fd);
    },
  };
}
