package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.testing.DynaliteExtension;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class OperationJournalTest {

  @Test
  void putIfAbsent_keepsTheFirstEntry_andEntriesRoundTripExactly(DynamoDbClient dynamo) {
    String table = "journal-" + UUID.randomUUID();
    OperationJournal.createTable(dynamo, table);
    OperationJournal journal = new OperationJournal(dynamo, table);
    OperationKey key =
        new OperationKey("t-1", OperationKind.RESTORE_LOG, "x]; DROP DATABASE y;-- Ünï", 3);
    BackupRef log =
        new BackupRef(
            "uuid-1",
            key.database(),
            BackupRef.Kind.LOG,
            new Lsn(new BigInteger("14975000000265600001")),
            new Lsn(new BigInteger("14975000000274400001")),
            42,
            Instant.parse("2026-11-24T11:59:58.123Z"),
            "DISK /b/1.trn\nDISK /b/2.trn");
    JournalEntry first =
        new JournalEntry(
            key,
            Instant.parse("2026-11-24T12:00:00Z"),
            300,
            new SqlEndpoint("tgt", 1433, "arn:aws:secretsmanager:us-east-1:1:secret:t", true, null),
            "SRC01",
            "sqlup t-1 RESTORE_LOG r3 ab",
            SqlServerDataPlaneTest.SOURCE,
            key.database(),
            log,
            List.of(log),
            null,
            null,
            null,
            "STARTED",
            Map.of("sales", "FULL"),
            List.of("nightly"),
            null);

    assertThat(journal.putIfAbsent(first)).isEqualTo(first);
    JournalEntry second = first.withPhase("OTHER");
    assertThat(journal.putIfAbsent(second)).isEqualTo(first);
    assertThat(journal.get(key)).contains(first);
    assertThat(journal.get(OperationKey.of("t-2", OperationKind.CREATE_TARGET))).isEmpty();
  }
}
