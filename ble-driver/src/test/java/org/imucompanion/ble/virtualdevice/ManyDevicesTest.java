package org.imucompanion.ble.virtualdevice;


import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.WriteType;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

/** Six devices of the three kinds streaming at once on one transport, each at its own rate. */
class ManyDevicesTest {

  private static final Executor DIRECT = Runnable::run;

  @Test
  @SuppressWarnings("try") // closed inside its try on purpose: checks what happens after close
  void sixDevicesStreamTogetherEachAtItsRate() throws Exception {
    try (VirtualTransport transport = VirtualTransport.create()) {
      List<NotificationLog> wristLogs = new ArrayList<>();
      List<NotificationLog> myoLogs = new ArrayList<>();
      List<NotificationLog> legacyLogs = new ArrayList<>();
      long beforeStart = System.nanoTime();
      for (int i = 0; i < 2; i++) {
        VirtualWristband w =
            new VirtualWristband("C0:00:00:00:00:0" + i, "W" + i, SyntheticWorkout.demo());
        VirtualMyo m = new VirtualMyo("C0:00:00:00:01:0" + i, "M" + i, SyntheticWorkout.demo());
        VirtualLegacyWristband l =
            new VirtualLegacyWristband(
                "C0:00:00:00:02:0" + i, "L" + i, SyntheticWorkout.demo(), 10);
        transport.addDevice(w);
        transport.addDevice(m);
        transport.addDevice(l);
        BleConnection wc =
            transport.connect(w.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
        NotificationLog wl = new NotificationLog();
        wc.subscribe(WristbandUuids.DATA, wl).get(5, TimeUnit.SECONDS);
        wc.write(
                WristbandUuids.CONTROL,
                WristbandControl.startStream().encode(),
                WriteType.WITHOUT_RESPONSE)
            .join();
        wristLogs.add(wl);
        BleConnection mc =
            transport.connect(m.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
        NotificationLog ml = new NotificationLog();
        mc.subscribe(MyoUuids.IMU_DATA, ml).get(5, TimeUnit.SECONDS);
        mc.write(
                MyoUuids.COMMAND,
                MyoCommand.setMode(
                        MyoCommand.EMG_NONE, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED)
                    .encode(),
                WriteType.WITH_RESPONSE)
            .join();
        myoLogs.add(ml);
        BleConnection lc =
            transport.connect(l.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
        NotificationLog ll = new NotificationLog();
        lc.subscribe(LegacyUuids.DATA, ll).get(5, TimeUnit.SECONDS);
        legacyLogs.add(ll);
      }
      long afterStart = System.nanoTime();
      Thread.sleep(2000);
      long beforeStop = System.nanoTime();
      transport.close();
      RateWindow window =
          RateWindow.between(beforeStart, afterStart, beforeStop, System.nanoTime());
      for (NotificationLog l : wristLogs) {
        window.assertCount("wristband packets", l.size(), 50, 2);
      }
      for (NotificationLog l : myoLogs) {
        window.assertCount("Myo IMU notifications", l.size(), 50, 2);
      }
      for (NotificationLog l : legacyLogs) {
        window.assertCount("legacy notifications", l.size(), 10, 2);
      }
    }
  }
}
