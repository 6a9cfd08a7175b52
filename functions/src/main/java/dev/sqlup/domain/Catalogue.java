package dev.sqlup.domain;

import dev.sqlup.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engine versions, editions and instance types, kept as data in {@code catalogue.json} (see
 * docs/upgrade-rules.md). The lists are in upgrade order: an upgrade only moves right.
 */
public final class Catalogue {
  private static final String RESOURCE = "/dev/sqlup/domain/catalogue.json";
  private static volatile Catalogue standard;

  private final List<String> engineVersions;
  private final Map<String, InstanceType> instanceTypes;

  Catalogue(List<String> engineVersions, List<InstanceType> instanceTypes) {
    this.engineVersions = List.copyOf(engineVersions);
    Map<String, InstanceType> byName = new LinkedHashMap<>();
    for (InstanceType type : instanceTypes) {
      if (byName.put(type.name(), type) != null) {
        throw new IllegalArgumentException("duplicate instance type " + type.name());
      }
      for (InstanceType.Offering offering : type.offeredFor()) {
        for (String version : offering.engineVersions()) {
          if (!this.engineVersions.contains(version)) {
            throw new IllegalArgumentException(
                type.name() + " is offered for unknown version " + version);
          }
        }
      }
    }
    this.instanceTypes = java.util.Collections.unmodifiableMap(byName);
  }

  /** The catalogue shipped with sqlup, read once. */
  public static Catalogue standard() {
    Catalogue result = standard;
    if (result == null) {
      synchronized (Catalogue.class) {
        if (standard == null) {
          standard = load(Catalogue.class.getResourceAsStream(RESOURCE));
        }
        result = standard;
      }
    }
    return result;
  }

  /** catalogue.json as written; the instance types' own constructors check their fields. */
  private record CatalogueFile(
      List<String> engineVersions,
      List<String> sqlEditions,
      List<String> rdsEditions,
      List<InstanceType> instanceTypes) {}

  static Catalogue load(InputStream json) {
    if (json == null) {
      throw new IllegalStateException("catalogue resource " + RESOURCE + " is missing");
    }
    CatalogueFile file;
    try (json) {
      file = Json.read(json.readAllBytes(), CatalogueFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the catalogue", e);
    }
    requireOrder(file.sqlEditions(), Arrays.stream(SqlEdition.values()).map(Enum::name).toList());
    requireOrder(file.rdsEditions(), Arrays.stream(RdsEdition.values()).map(Enum::name).toList());
    return new Catalogue(file.engineVersions(), file.instanceTypes());
  }

  private static void requireOrder(List<String> listed, List<String> expected) {
    if (!expected.equals(listed)) {
      throw new IllegalStateException(
          "catalogue lists " + listed + " but the code knows " + expected);
    }
  }

  public List<String> engineVersions() {
    return engineVersions;
  }

  public boolean isKnownVersion(String version) {
    return engineVersions.contains(version);
  }

  /** Position of a version in upgrade order; -1 when unknown. */
  public int versionRank(String version) {
    return engineVersions.indexOf(version);
  }

  public Optional<InstanceType> instanceType(String name) {
    return Optional.ofNullable(instanceTypes.get(name));
  }

  public List<InstanceType> instanceTypes() {
    return List.copyOf(instanceTypes.values());
  }

  /** Instance types offered for a combination, in catalogue order (smallest first). */
  public List<InstanceType> typesOfferedFor(
      String engineVersion, SqlEdition sqlEdition, RdsEdition rdsEdition) {
    return instanceTypes.values().stream()
        .filter(t -> t.isOfferedFor(engineVersion, sqlEdition, rdsEdition))
        .toList();
  }

  public boolean offers(InstanceSpec spec) {
    return instanceType(spec.instanceType())
        .map(t -> t.isOfferedFor(spec.engineVersion(), spec.sqlEdition(), spec.rdsEdition()))
        .orElse(false);
  }
}
