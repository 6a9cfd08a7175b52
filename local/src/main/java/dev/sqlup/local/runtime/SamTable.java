package dev.sqlup.local.runtime;

import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * An {@code AWS::DynamoDB::Table}: its name (TableName, else the logical id) and how to create it.
 */
public record SamTable(String logicalId, String tableName, CreateTableRequest createTableRequest) {}
