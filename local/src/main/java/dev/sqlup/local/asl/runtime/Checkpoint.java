package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The last completed state of one branch: the next state ({@code null} = the branch finished), the
 * data handed to it, how many states the branch has completed (part of child branch keys, so a Map
 * state visited twice in a loop does not reuse the first visit's iterations), and the branch's own
 * workflow variables after it ({@code null} = none).
 */
public record Checkpoint(String next, JsonNode output, long step, JsonNode variables) {}
