package dev.sqlup.local.runtime;

/**
 * A user error in the SAM template or in what the user asked of it (missing file, malformed YAML,
 * unknown logical id, an intrinsic that cannot be resolved locally). The message is one line that
 * says what is wrong and what to do; the CLI prints it without a stack trace and exits with code 2.
 */
public class TemplateException extends UserException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
