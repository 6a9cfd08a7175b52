package dev.sqlup.local.asl.model;

/**
 * One finding of ValidateStateMachineDefinition: severity ERROR or WARNING, AWS-like code, message,
 * location.
 */
public record ValidationDiagnostic(String severity, String code, String message, String location) {}
