package dev.sqlup.local.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What a {@link ServeExtension} gets from {@code serve}.
 *
 * @param lambda runs the template's functions in-process (a Step Functions task calls {@code
 *     lambda.invoke(logicalId, input)}; function ARNs are {@link TemplateResolver#functionArn})
 * @param stepFunctionsPort the port the Step Functions API is to listen on (functions get
 *     {@code AWS_ENDPOINT_URL_SFN=http://127.0.0.1:<port>})
 * @param dataDir the persistent data directory, or null for in-memory
 * @param log one line per event (request, state transition)
 */
public record ServeContext(SamTemplate template, InProcessLambda lambda, Clock clock, URI dynamoDbEndpoint,
    int stepFunctionsPort, Path dataDir, Consumer<String> log) {}
