package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.ArrayList;
import java.util.List;

/**
 * The files (stripes, "media families") of one backup, all on disk paths or all on URLs. Rendered
 * into {@code BackupRef.mediaLocation} as one {@code DISK <path>} / {@code URL <url>} line per
 * family, in family order, so a backup found in msdb and one just taken travel the same way.
 */
public record MediaSet(Device device, List<String> locations) {

  /**
   * {@code DISK} for a path or share; {@code URL} for s3:// (SQL Server 2022) or https:// blob
   * URLs.
   */
  public enum Device {
    DISK,
    URL
  }

  public MediaSet {
    if (device == null || locations == null || locations.isEmpty()) {
      throw new PermanentDataPlaneException("INVALID_MEDIA: a backup needs at least one file");
    }
    locations = List.copyOf(locations);
    for (String location : locations) {
      SqlText.literal(location);
    }
  }

  /**
   * The device of a location: s3:// and https:// are URLs, everything else is a disk path or share.
   */
  public static Device deviceOf(String location) {
    String lower = location.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("https://") ? Device.URL : Device.DISK;
  }

  /**
   * {@code backupmediafamily.device_type}: 2 disk, 9 URL; other types cannot be restored by sqlup.
   */
  public static Device deviceOfType(int deviceType, String physicalName) {
    return switch (deviceType) {
      case 2 -> Device.DISK;
      case 9 -> Device.URL;
      default -> deviceOf(physicalName);
    };
  }

  /** {@code DISK = N'a', DISK = N'b'}: the device list of BACKUP ... TO and RESTORE ... FROM. */
  public String deviceList() {
    List<String> parts = new ArrayList<>();
    for (String location : locations) {
      parts.add(device + " = " + SqlText.literal(location));
    }
    return String.join(", ", parts);
  }

  public String render() {
    List<String> lines = new ArrayList<>();
    for (String location : locations) {
      lines.add(device + " " + location);
    }
    return String.join("\n", lines);
  }

  public static MediaSet parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PermanentDataPlaneException("INVALID_MEDIA: backup has no media location");
    }
    Device device = null;
    List<String> locations = new ArrayList<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space < 0) {
        throw new PermanentDataPlaneException("INVALID_MEDIA: media line without device");
      }
      Device lineDevice;
      try {
        lineDevice = Device.valueOf(line.substring(0, space));
      } catch (IllegalArgumentException e) {
        throw new PermanentDataPlaneException(
            "INVALID_MEDIA: unknown device " + line.substring(0, space));
      }
      if (device != null && device != lineDevice) {
        throw new PermanentDataPlaneException("INVALID_MEDIA: a backup mixes DISK and URL files");
      }
      device = lineDevice;
      locations.add(line.substring(space + 1));
    }
    return new MediaSet(device, locations);
  }
}
