package dev.sqlup.local.asl.http;

/** Small ASL definitions the HTTP tests run. */
final class Definitions {
  private Definitions() {}

  static final String ROLE = "arn:aws:iam::123456789012:role/local";

  /** Two Pass states: adds {@code greeting} to the input. */
  static final String PASS_CHAIN =
      """
      {"StartAt": "Greet", "States": {
        "Greet": {"Type": "Pass", "Result": "hello", "ResultPath": "$.greeting", "Next": "Done"},
        "Done": {"Type": "Pass", "End": true}}}""";

  static final String FAILING =
      """
      {"StartAt": "Boom", "States": {
        "Boom": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "it broke"}}}""";

  /**
   * Waits an hour (virtual time), so an execution stays RUNNING until stopped or the clock moves.
   */
  static final String WAIT_HOUR =
      """
      {"StartAt": "Sleep", "States": {
        "Sleep": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}""";
}
