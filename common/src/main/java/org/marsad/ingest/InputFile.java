package org.marsad.ingest;

import java.io.Serializable;

/**
 * One input file, or one byte range of a large one: its full path (as Hadoop names it), size in
 * bytes and number in the run. A range ({@code start}, {@code end}) holds the lines that start in
 * it; {@code firstIndex} is the record number of its first record in the whole file, and {@code
 * charset} the file's, decided once from its head.
 */
public record InputFile(
    String path, long size, int fileNo, long start, long end, long firstIndex, String charset)
    implements Serializable {

  /** A whole file. */
  public InputFile(String path, long size, int fileNo) {
    this(path, size, fileNo, 0, size, 0, null);
  }

  /** The last path segment. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True for a byte range of a file read by several tasks. */
  public boolean isRange() {
    return charset != null;
  }

  /** The same file's range {@code [start, end)}, its records numbered from {@code firstIndex}. */
  public InputFile range(long start, long end, long firstIndex, String charset) {
    return new InputFile(path, size, fileNo, start, end, firstIndex, charset);
  }
}
