package dev.sqlup.local.asl.definition;

/**
 * One Catch entry (spec "Fallback states"): on a matching error, the error output
 * {@code {"Error","Cause"}} is placed in the raw input at ResultPath (default {@code $}) and the
 * execution goes to Next.
 */
public record Catcher(ErrorEquals errorEquals, String next, ResultPath resultPath) {}
