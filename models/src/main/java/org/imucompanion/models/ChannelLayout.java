package org.imucompanion.models;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An ordered, immutable list of channel names with constant-time name to index look-up. Arrays of
 * values travel through the pipeline without names; their layout says which index is which.
 */
public final class ChannelLayout {
  private final List<String> names;
  private final Map<String, Integer> indexByName;

  private ChannelLayout(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a channel layout needs at least one channel");
    }
    this.names = List.copyOf(names);
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < this.names.size(); i++) {
      String n = this.names.get(i);
      if (n.isBlank()) {
        throw new IllegalArgumentException("blank channel name at index " + i);
      }
      if (map.put(n, i) != null) {
        throw new IllegalArgumentException("duplicate channel name: " + n);
      }
    }
    this.indexByName = Map.copyOf(map);
  }

  /**
   * A layout of the given names, in order.
   *
   * @param names distinct, non-blank channel names (usually from {@link Channels})
   * @return the layout
   * @throws IllegalArgumentException if the list is empty or has duplicates or blanks
   */
  public static ChannelLayout of(List<String> names) {
    return new ChannelLayout(Objects.requireNonNull(names, "names"));
  }

  /**
   * A layout of the given names, in order.
   *
   * @param names distinct, non-blank channel names
   * @return the layout
   */
  public static ChannelLayout of(String... names) {
    return of(Arrays.asList(names));
  }

  /**
   * Number of channels.
   *
   * @return the channel count
   */
  public int size() {
    return names.size();
  }

  /**
   * The channel names in order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return names;
  }

  /**
   * The name at an index.
   *
   * @param index 0-based position
   * @return the name
   */
  public String name(int index) {
    return names.get(index);
  }

  /**
   * Position of a channel, if present.
   *
   * @param name channel name
   * @return its index, or empty if the layout has no such channel
   */
  public OptionalInt indexOf(String name) {
    Integer i = indexByName.get(name);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * Position of a channel that must be present.
   *
   * @param name channel name
   * @return its index
   * @throws IllegalArgumentException naming the channel and the layout if it is absent
   */
  public int require(String name) {
    Integer i = indexByName.get(name);
    if (i == null) {
      throw new IllegalArgumentException("channel " + name + " is not in layout " + names);
    }
    return i;
  }

  /**
   * Whether the layout has a channel.
   *
   * @param name channel name
   * @return true if present
   */
  public boolean contains(String name) {
    return indexByName.containsKey(name);
  }

  /**
   * Whether the layout has all of the given channels.
   *
   * @param wanted channel names
   * @return true if every one is present
   */
  public boolean containsAll(List<String> wanted) {
    return indexByName.keySet().containsAll(wanted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelLayout other && names.equals(other.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
