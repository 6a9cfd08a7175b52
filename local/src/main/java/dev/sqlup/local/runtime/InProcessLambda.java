package dev.sqlup.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the template's Java handlers in this JVM the way the Lambda Java runtime runs them.
 *
 * <p><b>Construction.</b> When the handler class has a public constructor taking one {@code
 * dev.sqlup.config.Services}, a {@code Services} is built reflectively with its {@code
 * (Map<String,String> env, Clock clock)} constructor from the function's environment (template
 * variables resolved, plus the local overrides) and this runtime's clock; otherwise the public
 * no-arg constructor is used (that handler then sees the JVM's own environment).
 *
 * <p><b>Execution environments and concurrency</b>, as on Lambda: each function has a pool of
 * execution environments (here: a handler instance). An invocation takes an idle warm environment
 * of its function, or creates a new one (the constructor runs: a cold start), and has it to itself
 * until it returns; then the environment is idle and warm for the next invocation. Concurrent
 * invocations of one function therefore run in parallel, each in its own environment. Unlike
 * Lambda, static fields are shared by all environments of a function (one JVM, one class loader).
 *
 * <p>At most {@link #concurrencyLimit()} invocations run at once across all functions (Lambda's
 * account concurrency; default {@link #defaultConcurrency()}, {@code sqlup serve
 * --lambda-concurrency N}). An invocation beyond the limit <em>waits</em> for a free slot. On AWS
 * it would be throttled instead ({@code TooManyRequestsException}, 429; {@code
 * Lambda.TooManyRequestsException} in Step Functions, which retries it when the state's Retry
 * matches). Waiting keeps a machine with few cores from failing invocations that only waited for a
 * CPU: the function's Timeout counts from the moment the handler starts running (Lambda's Invoke
 * phase, which its Duration measures), never from when the invocation queued, and the START log
 * line is written when the handler starts. Constructing a new environment (the Init phase, which
 * Lambda limits separately) is not counted either.
 *
 * <p><b>Serialization</b> follows the runtime's choice of serializer: {@link
 * LambdaEventSerializers#serializerFor} for the {@code
 * com.amazonaws.services.lambda.runtime.events} types it supports (with their mixins and date
 * handling), and {@link JacksonFactory} (the runtime's POJO serializer, a shaded Jackson that reads
 * and writes Java records through their canonical constructor and accessors) for everything else,
 * including {@code Map}, {@code String} and records. A {@code void} handler returns {@code null}.
 * {@link RequestStreamHandler}s get the raw bytes.
 *
 * <p><b>Errors.</b> An exception escaping the handler (or its deserialization) becomes {@link
 * LambdaError} JSON, and the environment stays warm. Running past the template's Timeout gives
 * Lambda's "Task timed out" error, discards the environment (Lambda resets it) and frees the
 * concurrency slot; the invocation's thread is left to finish, as a JVM cannot kill it.
 */
public final class InProcessLambda implements AutoCloseable {
  /** The type whose single-argument constructor marks a handler that takes its collaborators. */
  public static final String SERVICES_CLASS = "dev.sqlup.config.Services";

  private final SamTemplate template;
  private final Map<String, String> overrides;
  private final Clock clock;
  private final Consumer<String> logSink;
  private final String servicesClassName;
  private final ClassLoader loader;
  private final int concurrencyLimit;

  /** Free concurrency slots; fair, so queued invocations start in the order they arrived. */
  private final Semaphore slots;

  /** Per function logical id: its idle warm environments, the most recently used first. */
  private final Map<String, Deque<LambdaEnvironment>> idle = new ConcurrentHashMap<>();

  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "lambda-invoke");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param overrides environment added on top of each function's template variables (see {@link
   *     LocalEndpoints#overrides})
   * @param clock given to {@code Services}; the ASL engine's virtual clock when run under it
   * @param logSink receives every line the handler logs through {@code Context.getLogger()} plus
   *     the runtime's START/END/REPORT lines
   */
  public InProcessLambda(
      SamTemplate template, Map<String, String> overrides, Clock clock, Consumer<String> logSink) {
    this(
        template,
        overrides,
        clock,
        logSink,
        SERVICES_CLASS,
        InProcessLambda.class.getClassLoader());
  }

  /**
   * As above, naming the services type (tests use their own) and the class loader handlers come
   * from.
   */
  public InProcessLambda(
      SamTemplate template,
      Map<String, String> overrides,
      Clock clock,
      Consumer<String> logSink,
      String servicesClassName,
      ClassLoader loader) {
    this(template, overrides, clock, logSink, servicesClassName, loader, defaultConcurrency());
  }

  /**
   * As above, with the runtime-wide concurrency limit.
   *
   * @param concurrencyLimit how many invocations (of all functions together) run at once; later
   *     ones wait
   * @throws IllegalArgumentException if {@code concurrencyLimit} is less than 1
   */
  public InProcessLambda(
      SamTemplate template,
      Map<String, String> overrides,
      Clock clock,
      Consumer<String> logSink,
      String servicesClassName,
      ClassLoader loader,
      int concurrencyLimit) {
    if (concurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "the Lambda concurrency limit must be at least 1, not " + concurrencyLimit);
    }
    this.template = template;
    this.overrides = Map.copyOf(overrides);
    this.clock = clock;
    this.logSink = logSink;
    this.servicesClassName = servicesClassName;
    this.loader = loader;
    this.concurrencyLimit = concurrencyLimit;
    this.slots = new Semaphore(concurrencyLimit, true);
  }

  /**
   * Four invocations per available processor: in-process handlers mostly wait for DynamoDB, so a
   * few per core keep the CPUs busy without making every invocation slower.
   */
  public static int defaultConcurrency() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  public SamTemplate template() {
    return template;
  }

  /** How many invocations run at once at most, across all functions. */
  public int concurrencyLimit() {
    return concurrencyLimit;
  }

  /** How many idle warm environments the function has now. */
  public int warmEnvironments(String functionLogicalId) {
    Deque<LambdaEnvironment> pool = idle.get(functionLogicalId);
    return pool == null ? 0 : pool.size();
  }

  /**
   * The environment the function's services are built from: template variables + local overrides.
   */
  public Map<String, String> environment(SamFunction function) {
    Map<String, String> env = new LinkedHashMap<>(template.resolver().environment(function));
    env.putAll(overrides);
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySize()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    return env;
  }

  /**
   * Invokes a function synchronously (RequestResponse) with an event, waiting first for a
   * concurrency slot when {@link #concurrencyLimit()} invocations are running.
   *
   * @throws TemplateException for an unknown function id or a handler class that cannot be loaded
   *     or constructed (user errors, not function errors)
   */
  public InvocationResult invoke(String functionLogicalId, String eventJson) {
    SamFunction function = template.function(functionLogicalId);
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while " + functionLogicalId + " waited for a concurrency slot", e);
    }
    try {
      LambdaEnvironment environment =
          idle.computeIfAbsent(functionLogicalId, id -> new ConcurrentLinkedDeque<>()).pollFirst();
      if (environment == null) {
        environment = new LambdaEnvironment(function, instantiate(function), loader, logSink);
      }
      return run(environment, eventJson);
    } finally {
      slots.release();
    }
  }

  /**
   * Runs one invocation in an environment this caller holds alone; gives it back unless it timed
   * out.
   */
  private InvocationResult run(LambdaEnvironment environment, String eventJson) {
    SamFunction function = environment.function;
    String requestId = UUID.randomUUID().toString();
    logSink.accept("START RequestId: " + requestId + " Version: $LATEST");
    long start = System.nanoTime();
    Future<InvocationResult> running =
        workers.submit(() -> environment.call(requestId, eventJson, start));
    InvocationResult result;
    boolean keep = true;
    try {
      result = running.get(function.timeoutSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      keep = false;
      String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      result =
          new InvocationResult(
              requestId,
              LambdaError.timeout(now, requestId, function.timeoutSeconds()).toString(),
              true,
              Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      // the handler may still be running in it: the environment is not given back
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while invoking " + function.logicalId(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof ExecutionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      result =
          new InvocationResult(
              requestId,
              LambdaError.of(cause).toString(),
              true,
              Duration.ofNanos(System.nanoTime() - start));
    }
    if (keep) {
      idle.get(function.logicalId()).offerFirst(environment);
    }
    logSink.accept("END RequestId: " + requestId);
    logSink.accept(
        String.format(
            "REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB",
            requestId, result.duration().toNanos() / 1e6, function.memorySize()));
    return result;
  }

  private Object instantiate(SamFunction function) {
    Class<?> type;
    try {
      type = Class.forName(function.handlerClass(), true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TemplateException(
          "function "
              + function.logicalId()
              + ": handler class "
              + function.handlerClass()
              + " is not on the classpath (build the functions module: mvn -pl functions package)");
    }
    try {
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1
            && c.getParameterTypes()[0].getName().equals(servicesClassName)) {
          Object services =
              c.getParameterTypes()[0]
                  .getConstructor(Map.class, Clock.class)
                  .newInstance(environment(function), clock);
          return c.newInstance(services);
        }
      }
      return type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new TemplateException(
          "function "
              + function.logicalId()
              + ": "
              + type.getName()
              + " needs a public no-arg constructor or one taking "
              + servicesClassName);
    } catch (InvocationTargetException e) {
      throw new TemplateException(
          "function "
              + function.logicalId()
              + ": constructing "
              + type.getName()
              + " failed: "
              + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new TemplateException(
          "function " + function.logicalId() + ": cannot construct " + type.getName() + ": " + e,
          e);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
