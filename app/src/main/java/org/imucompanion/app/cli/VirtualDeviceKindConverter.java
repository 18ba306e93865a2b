package org.imucompanion.app.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code wristband}, {@code myo} or {@code none}; a bad value is a usage error. */
final class VirtualDeviceKindConverter implements ITypeConverter<VirtualDeviceKind> {
  @Override
  public VirtualDeviceKind convert(String value) {
    try {
      return VirtualDeviceKind.fromCliName(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
