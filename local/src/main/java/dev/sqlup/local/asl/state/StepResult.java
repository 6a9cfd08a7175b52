package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a state hands to the next: its output and the next state's name ({@code null} = branch
 * ends).
 */
public record StepResult(String next, JsonNode output) {}
