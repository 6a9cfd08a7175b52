package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Names derived from an operation key: the Agent job (and backup set NAME) and the backup files. A
 * database name can be anything a sysname allows, so it never appears raw in a path or a job name:
 * a path-safe slug plus a hash of the exact name keeps files of "a/b" and "a_b" apart.
 */
public final class BackupFiles {
  private BackupFiles() {}

  /** Agent job and backup set name: readable, unique per key, at most 128 characters, no %. */
  public static String jobName(OperationKey key) {
    return "sqlup "
        + key.taskId()
        + " "
        + key.kind()
        + " r"
        + key.round()
        + " "
        + hash(key.render(), 16);
  }

  /**
   * Where the files of a backup go: {@code
   * <location>/<instance>/<db-slug>-<hash>/<task>_<kind>_r<round>_<i>of<n>.<ext>}.
   */
  public static MediaSet files(
      String location,
      String instanceId,
      OperationKey key,
      String database,
      int stripes,
      boolean log) {
    if (location == null || location.isBlank()) {
      throw new PermanentDataPlaneException(
          "BACKUP_LOCATION_MISSING: set property backupLocation on the instance (a share both hosts reach, or an s3:// URL)");
    }
    if (stripes < 1 || stripes > 64) {
      throw new PermanentDataPlaneException("INVALID_STRIPES: " + stripes + " (1-64)");
    }
    MediaSet.Device device = MediaSet.deviceOf(location);
    String separator =
        device == MediaSet.Device.DISK && location.contains("\\") && !location.contains("/")
            ? "\\"
            : "/";
    String base =
        location.endsWith(separator) ? location.substring(0, location.length() - 1) : location;
    String folder =
        base
            + separator
            + slug(instanceId)
            + separator
            + slug(database)
            + "-"
            + hash(database, 8)
            + separator;
    List<String> files = new ArrayList<>();
    for (int i = 1; i <= stripes; i++) {
      files.add(
          folder
              + key.taskId()
              + "_"
              + key.kind()
              + "_r"
              + key.round()
              + "_"
              + i
              + "of"
              + stripes
              + (log ? ".trn" : ".bak"));
    }
    return new MediaSet(device, files);
  }

  /** A database file name on the target: {@code <db-slug>-<hash>_<logical-slug>-<hash><ext>}. */
  public static String dataFile(
      String directory, String database, String logicalName, String extension) {
    String separator = directory.contains("\\") && !directory.contains("/") ? "\\" : "/";
    String base =
        directory.endsWith(separator) ? directory.substring(0, directory.length() - 1) : directory;
    return base
        + separator
        + slug(database)
        + "-"
        + hash(database, 8)
        + "_"
        + slug(logicalName)
        + "-"
        + hash(logicalName, 6)
        + extension;
  }

  static String slug(String text) {
    String slug = text.replaceAll("[^A-Za-z0-9_-]", "_");
    return slug.length() > 40 ? slug.substring(0, 40) : slug;
  }

  static String hash(String text, int length) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
