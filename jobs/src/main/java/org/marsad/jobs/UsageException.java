package org.marsad.jobs;

/**
 * A mistake in how a command was called: reported in one line, exit status 2, before Spark starts.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
