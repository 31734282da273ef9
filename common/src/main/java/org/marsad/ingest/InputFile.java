package org.marsad.ingest;

import java.io.Serializable;

/** One input file: its full path (as Hadoop names it), size in bytes and number in the run. */
public record InputFile(String path, long size, int fileNo) implements Serializable {
  /** The last path segment. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
