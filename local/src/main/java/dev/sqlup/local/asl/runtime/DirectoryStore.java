package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Durable store: {@code machines/<name>.json} and one append-only JSON-lines journal per execution
 * under {@code executions/}. Each record is written and flushed to the OS before the engine acts on
 * it (no fsync: a machine crash may lose the tail, a process crash does not).
 */
public final class DirectoryStore implements EngineStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path machines;
  private final Path executions;

  public DirectoryStore(Path root) {
    this.machines = root.resolve("machines");
    this.executions = root.resolve("executions");
    try {
      Files.createDirectories(machines);
      Files.createDirectories(executions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fileName(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8);
  }

  @Override
  public void saveMachine(String name, JsonNode record) {
    try {
      Path tmp = machines.resolve(fileName(name) + ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(record));
      Files.move(
          tmp,
          machines.resolve(fileName(name) + ".json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void deleteMachine(String name) {
    try {
      Files.deleteIfExists(machines.resolve(fileName(name) + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<JsonNode> machines() {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(machines)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(MAPPER.readTree(f.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public Journal journal(String executionArn) {
    return new FileJournal(executions.resolve(fileName(executionArn) + ".jsonl"));
  }

  @Override
  public void forget(String executionArn) {
    try {
      Files.deleteIfExists(executions.resolve(fileName(executionArn) + ".jsonl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One execution's journal file, kept open while the execution runs (opening it per record cost
   * more than the engine's own work). A checkpoint, timer, start or end record reaches the OS
   * before append returns, together with the history events buffered before it: an event matters
   * only once the state it belongs to has completed (a crash before that runs the state again and
   * records it anew).
   */
  private static final class FileJournal implements Journal {
    private final Path file;
    private OutputStream out;

    FileJournal(Path file) {
      this.file = file;
    }

    @Override
    public synchronized void append(JsonNode record) {
      try {
        if (out == null) {
          out =
              new BufferedOutputStream(
                  Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                  8192);
        }
        out.write(MAPPER.writeValueAsBytes(record));
        out.write('\n');
        if (!"event".equals(record.path("k").asText())) {
          out.flush();
        }
      } catch (IOException e) {
        close();
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void flush() {
      if (out != null) {
        try {
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public synchronized void close() {
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          // everything was flushed at append; nothing is lost by a failed close
        } finally {
          out = null;
        }
      }
    }
  }

  @Override
  public List<List<JsonNode>> journals() {
    List<List<JsonNode>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(executions)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            records.add(MAPPER.readTree(line));
          } catch (IOException torn) {
            break; // a torn last line from a crash: everything before it counts
          }
        }
        out.add(records);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
