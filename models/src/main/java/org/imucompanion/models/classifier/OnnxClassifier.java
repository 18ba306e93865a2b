package org.imucompanion.models.classifier;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.imucompanion.models.WindowClassifier;
import org.imucompanion.models.classifier.ModelLoadException.Reason;

/**
 * An exercise classifier backed by an ONNX model and its {@link ModelContract}.
 *
 * <p>A window is a {@code float[]} of {@code windowLength * channelCount} <em>unnormalized</em>
 * values, time-major: {@code window[t * channelCount + c]} is channel {@code c} (in the contract's
 * order) at step {@code t}, oldest first. The classifier normalizes it with the contract's
 * statistics, so the caller never sees them and can't apply them twice.
 *
 * <p>Windows of several devices can go through one {@link #classifyBatch} call, which is one ONNX
 * Runtime run: cheaper per window than one run each. Calls are serialized on this object (they
 * share one native input buffer); ONNX Runtime itself uses {@link ClassifierOptions#intraOpThreads}
 * threads per run.
 *
 * <p>Loading throws the checked {@link ModelLoadException}; classifying throws unchecked
 * exceptions only. Closing releases the session and its options; the process-wide {@link
 * OrtEnvironment} is shared and left open.
 */
public final class OnnxClassifier implements WindowClassifier, AutoCloseable {
  private final String source;
  private final String sha256;
  private final ModelContract contract;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final String inputName;
  private final boolean batchable;
  private final int windowValues;
  private final int channels;
  private final int classes;
  private final double[] mean;
  private final double[] invStd;
  private FloatBuffer input;
  private boolean closed;

  private OnnxClassifier(
      String source,
      String sha256,
      ModelContract contract,
      OrtEnvironment env,
      OrtSession.SessionOptions sessionOptions,
      OrtSession session,
      String inputName,
      boolean batchable) {
    this.source = source;
    this.sha256 = sha256;
    this.contract = contract;
    this.env = env;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.inputName = inputName;
    this.batchable = batchable;
    this.channels = contract.channelCount();
    this.classes = contract.classCount();
    this.windowValues = contract.windowLength() * channels;
    this.mean = contract.channelMean().stream().mapToDouble(Double::doubleValue).toArray();
    this.invStd = contract.channelStd().stream().mapToDouble(s -> 1.0 / s).toArray();
    this.input = allocate(1);
  }

  /**
   * Opens a model file with {@link ClassifierOptions#DEFAULT}.
   *
   * @param modelFile an ONNX file carrying a contract
   * @return the classifier; close it when done
   * @throws ModelLoadException if the file can't be read or parsed, or its contract is missing,
   *     malformed or contradicts the graph
   */
  public static OnnxClassifier open(Path modelFile) throws ModelLoadException {
    return open(modelFile, ClassifierOptions.DEFAULT);
  }

  /**
   * Opens a model file.
   *
   * @param modelFile an ONNX file carrying a contract
   * @param options threads and the channels the pipeline can produce
   * @return the classifier; close it when done
   * @throws ModelLoadException if the file can't be read or parsed, keeps tensor data in other
   *     files ({@link Reason#EXTERNAL_DATA}, refused before any is opened), its contract is
   *     missing, malformed, out of bounds or contradicts the graph, it needs channels the
   *     pipeline can't produce, or it returns NaN or infinity on a window of its training means
   *     ({@link Reason#NON_FINITE_OUTPUT})
   */
  public static OnnxClassifier open(Path modelFile, ClassifierOptions options)
      throws ModelLoadException {
    Objects.requireNonNull(modelFile, "modelFile");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(modelFile);
    } catch (IOException e) {
      throw new ModelLoadException(
          Reason.UNREADABLE, "cannot read model file " + modelFile + ": " + e.getMessage(), e);
    }
    return load(bytes, modelFile.toString(), options);
  }

  /**
   * Loads a model from bytes, for example a model shipped as a class-path resource.
   *
   * @param model the ONNX file's content
   * @param source where it came from, for messages and the about box
   * @param options threads and the channels the pipeline can produce
   * @return the classifier; close it when done
   * @throws ModelLoadException as {@link #open(Path, ClassifierOptions)}
   */
  public static OnnxClassifier load(byte[] model, String source, ClassifierOptions options)
      throws ModelLoadException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    String digest = sha256Hex(model);
    refuseExternalData(model, source);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
    OrtSession session = null;
    boolean loaded = false;
    try {
      sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
      sessionOptions.setInterOpNumThreads(1);
      sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try {
        session = env.createSession(model, sessionOptions);
      } catch (OrtException e) {
        throw new ModelLoadException(
            Reason.INVALID_MODEL, source + " is not a usable ONNX model: " + e.getMessage(), e);
      }
      ModelContract contract;
      try {
        contract = ModelContract.fromMetadata(session.getMetadata().getCustomMetadata());
      } catch (ModelLoadException e) {
        throw new ModelLoadException(e.reason(), source + ": " + e.getMessage(), e);
      }
      if (contract.task() != options.task()) {
        throw new ModelLoadException(Reason.WRONG_TASK, source + ": model "
            + contract.modelVersion() + " has " + ModelContract.KEY_TASK + " "
            + contract.task().metadataValue() + ", this needs " + ModelContract.KEY_TASK + " "
            + options.task().metadataValue());
      }
      String inputName = checkGraph(session, contract, source);
      if (options.producibleChannels().isPresent()) {
        try {
          contract.checkChannelsAvailable(options.producibleChannels().get());
        } catch (ModelLoadException e) {
          throw new ModelLoadException(e.reason(), source + ": " + e.getMessage(), e);
        }
      }
      long batchDim =
          ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape()[0];
      OnnxClassifier c = new OnnxClassifier(
          source, digest, contract, env, sessionOptions, session, inputName, batchDim < 0);
      loaded = true; // the classifier owns the session and options now
      try {
        c.requireFiniteOnReferenceWindow();
      } catch (ModelLoadException | RuntimeException e) {
        c.close();
        throw e;
      }
      return c;
    } catch (OrtException e) {
      throw new ModelLoadException(
          Reason.INVALID_MODEL, source + ": cannot inspect the model: " + e.getMessage(), e);
    } finally {
      if (!loaded) {
        if (session != null) {
          closeQuietly(session);
        }
        sessionOptions.close();
      }
    }
  }

  /**
   * Refuses a model that keeps tensor data in other files, before ONNX Runtime would open them:
   * loaded from bytes, it resolves a relative location against the working directory and an
   * absolute one anywhere. Every model of ours fits well inside one file (external data exists
   * for models above protobuf's 2 GB), and the SHA-256 the app shows must cover every weight
   * that runs, so external data is refused altogether rather than allowed beside the file.
   */
  private static void refuseExternalData(byte[] model, String source) throws ModelLoadException {
    List<ExternalTensorData.Reference> references;
    try {
      references = ExternalTensorData.in(model);
    } catch (ModelLoadException e) {
      throw new ModelLoadException(e.reason(), source + " " + e.getMessage(), e);
    }
    if (!references.isEmpty()) {
      String named = references.stream()
          .map(r -> "tensor '" + r.tensor() + "' in '" + r.location() + "'")
          .collect(Collectors.joining(", "));
      throw new ModelLoadException(Reason.EXTERNAL_DATA, source + ": model keeps tensor data in"
          + " other files (" + named + "); only self-contained models are loaded, so that no"
          + " other file is opened and the SHA-256 shown covers every weight: save it with its"
          + " weights inside the .onnx file");
    }
  }

  /**
   * Runs the model once on the window of its own training means (every normalised value 0) and
   * refuses it if an output is NaN or infinite: such a model would show "NaN %" as a label.
   */
  private void requireFiniteOnReferenceWindow() throws ModelLoadException {
    float[] window = new float[windowValues];
    for (int i = 0; i < windowValues; i++) {
      window[i] = (float) mean[i % channels];
    }
    float[] out;
    try {
      out = classify(window);
    } catch (ClassificationException e) {
      throw new ModelLoadException(Reason.INVALID_MODEL, source + ": model fails on a window of"
          + " its own training means: " + e.getCause().getMessage(), e);
    }
    for (int k = 0; k < out.length; k++) {
      if (!Float.isFinite(out[k])) {
        throw new ModelLoadException(Reason.NON_FINITE_OUTPUT, source + ": model returns "
            + out[k] + " for class " + contract.classNames().get(k) + " (outputs "
            + Arrays.toString(out) + ") on a window of its own training means ("
            + ModelContract.KEY_NORM_MEAN + "); its output is no probability");
      }
    }
  }

  // Returns the input name after checking the graph's single input and output against the contract.
  private static String checkGraph(OrtSession session, ModelContract contract, String source)
      throws OrtException, ModelLoadException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (inputs.size() != 1 || outputs.size() != 1) {
      throw new ModelLoadException(Reason.SHAPE_MISMATCH, source + ": model has " + inputs.size()
          + " inputs and " + outputs.size() + " outputs, expected exactly one of each");
    }
    NodeInfo in = inputs.values().iterator().next();
    NodeInfo out = outputs.values().iterator().next();
    if (!(in.getInfo() instanceof TensorInfo inInfo)
        || !(out.getInfo() instanceof TensorInfo outInfo)) {
      throw new ModelLoadException(
          Reason.SHAPE_MISMATCH, source + ": model input and output must be tensors");
    }
    if (inInfo.type != OnnxJavaType.FLOAT || outInfo.type != OnnxJavaType.FLOAT) {
      throw new ModelLoadException(Reason.SHAPE_MISMATCH, source + ": model takes "
          + inInfo.type + " and returns " + outInfo.type + ", expected FLOAT for both");
    }
    try {
      contract.checkShapes(inInfo.getShape(), outInfo.getShape());
    } catch (ModelLoadException e) {
      throw new ModelLoadException(e.reason(), source + ": " + e.getMessage(), e);
    }
    return in.getName();
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void closeQuietly(OrtSession s) {
    try {
      s.close();
    } catch (OrtException ignored) {
      // Already failing to load; the load failure is the message that matters.
    }
  }

  private FloatBuffer allocate(int windows) {
    return ByteBuffer.allocateDirect(windows * windowValues * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  /**
   * The contract read from the model file.
   *
   * @return the contract
   */
  public ModelContract contract() {
    return contract;
  }

  /**
   * SHA-256 of the model file's bytes, lower-case hex: what the app shows so a user knows exactly
   * which model labelled a session.
   *
   * @return 64 hex digits
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Where the model came from (file path or resource name).
   *
   * @return the source given at load time
   */
  public String source() {
    return source;
  }

  /**
   * The contract's class names, in the order of the probabilities.
   *
   * @return the classes
   */
  @Override
  public List<String> classes() {
    return contract.classNames();
  }

  /**
   * The contract's channels, in the order a window's rows hold them.
   *
   * @return the channels
   */
  @Override
  public List<String> channels() {
    return contract.channels();
  }

  /**
   * Steps per window, from the contract.
   *
   * @return T
   */
  @Override
  public int windowLength() {
    return contract.windowLength();
  }

  /**
   * Number of floats in one window: {@code windowLength * channelCount}.
   *
   * @return the window size in values
   */
  public int windowValues() {
    return windowValues;
  }

  /**
   * Classifies one window.
   *
   * @param window {@link #windowValues()} unnormalized values, time-major
   * @return class probabilities in the contract's class order
   * @throws IllegalArgumentException if the window has the wrong length
   * @throws IllegalStateException if the classifier is closed
   * @throws ClassificationException if ONNX Runtime fails
   */
  public float[] classify(float[] window) {
    float[] out = new float[classes];
    classify(window, out);
    return out;
  }

  /**
   * Classifies one window into a caller-owned array (no result allocation).
   *
   * @param window {@link #windowValues()} unnormalized values, time-major
   * @param probabilities receives one probability per class
   * @throws IllegalArgumentException if an array has the wrong length
   * @throws IllegalStateException if the classifier is closed
   * @throws ClassificationException if ONNX Runtime fails
   */
  @Override
  public synchronized void classify(float[] window, float[] probabilities) {
    requireOpen();
    checkWindow(window, 0);
    if (probabilities.length != classes) {
      throw new IllegalArgumentException(
          "probabilities array has " + probabilities.length + " entries, model has " + classes
              + " classes");
    }
    normalizeInto(window, 0);
    run(1, new float[][] {probabilities}, 0);
  }

  /**
   * Classifies several windows (for example one per connected device) in one run.
   *
   * @param windows windows of {@link #windowValues()} unnormalized values each, time-major
   * @return one probability array per window, in order
   * @throws IllegalArgumentException if a window has the wrong length
   * @throws IllegalStateException if the classifier is closed
   * @throws ClassificationException if ONNX Runtime fails
   */
  public synchronized float[][] classifyBatch(List<float[]> windows) {
    requireOpen();
    int n = windows.size();
    float[][] out = new float[n][classes];
    if (n == 0) {
      return out;
    }
    for (int i = 0; i < n; i++) {
      checkWindow(windows.get(i), i);
    }
    if (!batchable) {
      // A graph exported with a fixed batch of 1: one run per window.
      for (int i = 0; i < n; i++) {
        normalizeInto(windows.get(i), 0);
        run(1, out, i);
      }
      return out;
    }
    if (input.capacity() < n * windowValues) {
      input = allocate(n);
    }
    for (int i = 0; i < n; i++) {
      normalizeInto(windows.get(i), i);
    }
    run(n, out, 0);
    return out;
  }

  private void checkWindow(float[] window, int index) {
    if (window.length != windowValues) {
      throw new IllegalArgumentException("window " + index + " has " + window.length
          + " values, model needs " + contract.windowLength() + " samples x " + channels
          + " channels = " + windowValues);
    }
  }

  private void normalizeInto(float[] window, int slot) {
    int base = slot * windowValues;
    for (int i = 0; i < windowValues; i++) {
      int c = i % channels;
      input.put(base + i, (float) ((window[i] - mean[c]) * invStd[c]));
    }
  }

  private void run(int n, float[][] out, int firstRow) {
    input.position(0).limit(n * windowValues);
    long[] shape = {n, contract.windowLength(), channels};
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      OnnxValue value = result.get(0);
      FloatBuffer probs = ((OnnxTensor) value).getFloatBuffer();
      for (int i = 0; i < n; i++) {
        probs.get(out[firstRow + i]);
        if (contract.output() == ModelContract.Output.LOGITS) {
          softmaxInPlace(out[firstRow + i]);
        }
      }
    } catch (OrtException e) {
      throw new ClassificationException("ONNX Runtime failed on " + source, e);
    } finally {
      input.clear();
    }
  }

  private static void softmaxInPlace(float[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      double e = Math.exp(v[i] - max);
      v[i] = (float) e;
      sum += e;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / sum);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("classifier for " + source + " is closed");
    }
  }

  /**
   * Releases the session, then its options (reverse order of creation). Idempotent.
   *
   * @throws ClassificationException if ONNX Runtime fails to release the session
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new ClassificationException("failed to close the session of " + source, e);
    } finally {
      sessionOptions.close();
    }
  }
}
