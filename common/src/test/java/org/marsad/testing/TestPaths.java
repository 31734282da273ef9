package org.marsad.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/** Where the project and the shared real data are, for tests. */
public final class TestPaths {
  private TestPaths() {}

  /** The project root (set by surefire; falls back to walking up to the parent pom). */
  public static File projectRoot() {
    String p = System.getProperty("marsad.project.root");
    if (p != null) {
      return new File(p);
    }
    File dir = new File(".").getAbsoluteFile();
    while (dir != null && !new File(dir, "data-samples").isDirectory()) {
      dir = dir.getParentFile();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the project root");
    }
    return dir;
  }

  public static File samples() {
    return new File(projectRoot(), "data-samples");
  }

  /** {@code ../shared/data/<relative>}; the calling test is skipped when it is absent. */
  public static File sharedData(String relative) {
    String p = System.getProperty("marsad.shared.data");
    File base = p != null ? new File(p) : new File(projectRoot(), "../shared/data");
    File f = new File(base, relative);
    assumeTrue(f.exists(), "real data not present: " + f);
    return f;
  }
}
