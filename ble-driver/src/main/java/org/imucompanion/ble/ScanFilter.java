package org.imucompanion.ble;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which devices a scan reports. A device matches when it advertises at least one of the service
 * UUIDs (or the set is empty) and its name contains the substring, ignoring case (or none is given).
 *
 * @param serviceUuids accepted services; empty accepts any
 * @param nameContains a case-insensitive substring of the name, if any
 */
public record ScanFilter(Set<UUID> serviceUuids, Optional<String> nameContains) {

  /** A filter that accepts every device. */
  public static final ScanFilter ANY = new ScanFilter(Set.of(), Optional.empty());

  /** Validates and freezes the UUID set. */
  public ScanFilter {
    serviceUuids = Set.copyOf(serviceUuids);
    Objects.requireNonNull(nameContains, "nameContains");
  }

  /**
   * A filter on services only.
   *
   * @param services accepted services
   * @return the filter
   */
  public static ScanFilter services(UUID... services) {
    return new ScanFilter(Set.of(services), Optional.empty());
  }

  /**
   * Returns this filter with a name substring added.
   *
   * @param substring the case-insensitive substring the name must contain
   * @return a new filter
   */
  public ScanFilter withNameContaining(String substring) {
    return new ScanFilter(serviceUuids, Optional.of(substring));
  }

  /**
   * Tells whether a device passes this filter.
   *
   * @param device what the scan knows about it
   * @return true if it should be reported
   */
  public boolean matches(DiscoveredDevice device) {
    boolean serviceOk =
        serviceUuids.isEmpty() || device.serviceUuids().stream().anyMatch(serviceUuids::contains);
    boolean nameOk =
        nameContains.isEmpty()
            || device
                .name()
                .map(
                    n ->
                        n.toLowerCase(Locale.ROOT)
                            .contains(nameContains.get().toLowerCase(Locale.ROOT)))
                .orElse(false);
    return serviceOk && nameOk;
  }
}
