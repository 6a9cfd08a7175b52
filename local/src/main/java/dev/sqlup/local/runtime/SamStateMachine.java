package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * An {@code AWS::Serverless::StateMachine}.
 *
 * @param definitionPath DefinitionUri resolved against the template's folder, or null for an inline
 *     Definition
 * @param inlineDefinition the Definition property, or null
 * @param substitutions raw DefinitionSubstitutions (values may be intrinsics)
 */
public record SamStateMachine(
    String logicalId,
    String name,
    Path definitionPath,
    JsonNode inlineDefinition,
    Map<String, JsonNode> substitutions) {}
