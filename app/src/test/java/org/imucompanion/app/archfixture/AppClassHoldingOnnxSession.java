package org.imucompanion.app.archfixture;

import ai.onnxruntime.OrtSession;

/** Breaks "only models uses ONNX Runtime" by holding a session in the app. */
public final class AppClassHoldingOnnxSession {
  private OrtSession session;

  /**
   * Whether a session is held.
   *
   * @return true if a session is held
   */
  public boolean loaded() {
    return session != null;
  }
}
